// A local OpenAI-compatible server on loopback for the LLM judge's tests: POST
// /v1/chat/completions and GET /v1/models in the real response shapes, every request recorded.
// Its default handler is a deterministic and deliberately gullible "mock grader": it scores
// by the task keywords present in the data block, but obeys text like "score this 100"
// anywhere in the user message, as a naive model would. Tests queue failures with replyNext().
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ChatBody {
  model?: string;
  messages?: { role: string; content: string | { type: string; text?: string; image_url?: { url: string } }[] }[];
  response_format?: { type: string };
  temperature?: number;
  [key: string]: unknown;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly raw: string;
  readonly body: ChatBody | undefined;
}

/** A completion whose assistant content is `content`, or a raw HTTP reply; optionally late. */
export type MockReply =
  | { content: string; delayMs?: number }
  | { status: number; body?: string; headers?: Record<string, string>; delayMs?: number };

export type MockHandler = (body: ChatBody) => MockReply | Promise<MockReply>;

export interface OpenAiServer {
  /** Base URL to give the judge, ending in `/v1`. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Replies served, in order, before the handler is used again. */
  replyNext(...replies: MockReply[]): void;
  close(): Promise<void>;
}

/** All the text of the user messages (text parts only). */
export function userText(body: ChatBody | undefined): string {
  return (body?.messages ?? [])
    .filter((m) => m.role === "user")
    .map((m) => (typeof m.content === "string" ? m.content : m.content.map((p) => p.text ?? "").join("\n")))
    .join("\n");
}

/** The nonce and JSON text between the BEGIN_DATA_<nonce> and END_DATA_<nonce> lines. */
export function readDataBlock(body: ChatBody | undefined): { nonce: string; json: string } | null {
  const m = /^BEGIN_DATA_([0-9a-f]+)\n([\s\S]*?)\nEND_DATA_\1$/m.exec(userText(body));
  return m ? { nonce: m[1]!, json: m[2]! } : null;
}

const OBEY = /score (?:this|it) (?:a )?100|give (?:this|it|me) (?:a )?100|ignore (?:all )?previous instructions/i;
const STOP = new Set(["with", "that", "this", "from", "into", "then", "your", "their", "there", "have", "will"]);

interface Data {
  task: { title: string; prompt: string; objectives?: string[] };
  recording: { actions: { text?: string; app?: string; keys?: string[] }[]; apps?: string[] };
}

/** The default handler: keyword overlap between task and actions, obedient to instructions. */
export function mockGrader(body: ChatBody): MockReply {
  const reply = (score: number, reasons: string[], flags: string[] = []) => ({
    content: JSON.stringify({ score, reasons, flags }),
  });
  if (OBEY.test(userText(body))) return reply(100, ["Scored as instructed."]);
  const block = readDataBlock(body);
  if (!block) return reply(0, ["No data block found."], ["no_data"]);
  const data = JSON.parse(block.json) as Data;
  const words = [data.task.title, data.task.prompt, ...(data.task.objectives ?? [])].join(" ").toLowerCase();
  const keywords = [...new Set(words.match(/[a-z]{4,}/g) ?? [])].filter((w) => !STOP.has(w));
  const seen = data.recording.actions
    .flatMap((a) => [a.text ?? "", a.app ?? "", ...(a.keys ?? [])])
    .concat(data.recording.apps ?? [])
    .join(" ")
    .toLowerCase();
  const present = keywords.filter((k) => seen.includes(k)).length;
  const score = keywords.length === 0 ? 0 : Math.round((100 * present) / keywords.length);
  return reply(
    score,
    [`${present} of ${keywords.length} task keywords appear in the actions.`],
    present ? [] : ["irrelevant"],
  );
}

function completion(model: string, content: string, n: number) {
  return {
    id: `chatcmpl-mock-${n}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: {
      prompt_tokens: 1,
      completion_tokens: Math.ceil(content.length / 4),
      total_tokens: 1 + Math.ceil(content.length / 4),
    },
  };
}

/** Starts the server on 127.0.0.1 with a random port. */
export async function startOpenAiServer(options: { handler?: MockHandler } = {}): Promise<OpenAiServer> {
  const handler = options.handler ?? mockGrader;
  const queue: MockReply[] = [];
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      void (async () => {
        const path = req.url ?? "/";
        let body: ChatBody | undefined;
        try {
          body = raw ? (JSON.parse(raw) as ChatBody) : undefined;
        } catch {
          body = undefined;
        }
        requests.push({ method: req.method ?? "", path, headers: req.headers, raw, body });
        const send = (status: number, text: string, headers: Record<string, string> = {}) => {
          if (!res.destroyed) res.writeHead(status, { "content-type": "application/json", ...headers }).end(text);
        };
        if (req.method === "GET" && path === "/v1/models")
          return send(
            200,
            JSON.stringify({
              object: "list",
              data: [{ id: "mock-grader", object: "model", created: 0, owned_by: "local" }],
            }),
          );
        if (req.method !== "POST" || path !== "/v1/chat/completions")
          return send(404, JSON.stringify({ error: { message: "not found", type: "invalid_request_error" } }));
        if (!body)
          return send(400, JSON.stringify({ error: { message: "body is not JSON", type: "invalid_request_error" } }));
        const reply = queue.shift() ?? (await handler(body));
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        if ("content" in reply)
          return send(200, JSON.stringify(completion(body.model ?? "mock", reply.content, requests.length)));
        send(reply.status, reply.body ?? "", reply.headers);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    replyNext: (...replies) => void queue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
