// A fake Telegram Bot API on loopback that enforces Telegram's limits as the real service does:
// more than `perSecond` messages accepted in any sliding second, or a message to a chat less
// than `perChatMs` after its previous one, answers 429 with retry_after. grammY talks to it
// through `new Api(token, { apiRoot })`.
//
// The server runs in a child process of its own, as Telegram runs on machines of its own: it
// stamps a message when it arrives, however busy the process under test is (an in-process
// server shares that process's event loop, which delays its stamps and bunches them). Every
// message it accepts or refuses is recorded here before it is answered, so once a caller has
// its answer, `accepted` and `refused` already hold it.
import { fork, type ChildProcess } from "node:child_process";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { freePort } from "../../app/local-redis.js";

export interface FakeBotApiOptions {
  /** Messages accepted in any sliding 1000 ms window, in all (Telegram: about 30). */
  readonly perSecond?: number;
  /** Least time between two messages to one chat (Telegram: about 1 s). */
  readonly perChatMs?: number;
  /** Artificial delay before each answer, as a network would add. */
  readonly latencyMs?: number;
  /** Chats whose person blocked the bot: 403. */
  readonly blocked?: ReadonlySet<string>;
}

export interface AcceptedMessage {
  readonly method: string;
  readonly chatId: string;
  /** The text, or a photo's caption. */
  readonly text: string;
  /** Epoch ms (sub-millisecond precision) when the fake accepted it. */
  readonly at: number;
}

export interface RefusedMessage {
  readonly method: string;
  readonly chatId: string;
  readonly status: 429 | 403;
  /** Why: "global" (the per-second limit), "chat" (too soon for this chat) or "blocked". */
  readonly reason: "global" | "chat" | "blocked";
  readonly at: number;
}

interface Settings {
  readonly port: number;
  readonly perSecond: number;
  readonly perChatMs: number;
  readonly latencyMs: number;
  readonly blocked: readonly string[];
}

type FromServer =
  | { readonly type: "ready" }
  | { readonly type: "accepted"; readonly seq: number; readonly message: AcceptedMessage }
  | { readonly type: "refused"; readonly seq: number; readonly refusal: RefusedMessage }
  | { readonly type: "reset"; readonly seq: number };

type ToServer =
  | { readonly type: "ack"; readonly seq: number }
  | { readonly type: "reset"; readonly seq: number }
  | { readonly type: "stop" };

const SETTINGS_ENV = "FAKE_BOT_API_SETTINGS";

export class FakeBotApi {
  readonly perSecond: number;
  readonly perChatMs: number;
  readonly latencyMs: number;
  readonly blocked: ReadonlySet<string>;
  /** Every message accepted, in order. */
  readonly accepted: AcceptedMessage[] = [];
  /** Every message refused (429 or 403), in order. */
  readonly refused: RefusedMessage[] = [];
  private server: ChildProcess | null = null;
  private resets = new Map<number, () => void>();
  private nextReset = 1;

  constructor(options: FakeBotApiOptions = {}) {
    this.perSecond = options.perSecond ?? 30;
    this.perChatMs = options.perChatMs ?? 1_000;
    this.latencyMs = options.latencyMs ?? 0;
    this.blocked = options.blocked ?? new Set();
  }

  /** How many 429s it answered. */
  get rejected429(): number {
    return this.refused.filter((r) => r.status === 429).length;
  }

  /** Accepted messages to one chat, in order. */
  messagesTo(chatId: string): AcceptedMessage[] {
    return this.accepted.filter((m) => m.chatId === chatId);
  }

  /** Forgets what it accepted and refused, and the limits' state. */
  async reset(): Promise<void> {
    this.accepted.length = 0;
    this.refused.length = 0;
    const server = this.server;
    if (!server) return;
    const seq = this.nextReset++;
    await new Promise<void>((resolve) => {
      this.resets.set(seq, resolve);
      send(server, { type: "reset", seq });
    });
  }

  async start(): Promise<{ apiRoot: string }> {
    if (this.server) throw new Error("the fake Bot API is running already");
    const port = await freePort();
    const settings: Settings = {
      port,
      perSecond: this.perSecond,
      perChatMs: this.perChatMs,
      latencyMs: this.latencyMs,
      blocked: [...this.blocked],
    };
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const server = fork(fileURLToPath(import.meta.url), [], {
      execArgv: ["--import", tsx],
      env: { ...process.env, [SETTINGS_ENV]: JSON.stringify(settings) },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.server = server;
    const ready = new Promise<void>((resolve, reject) => {
      server.once("exit", (code) => reject(new Error(`the fake Bot API exited (${code}) before it listened`)));
      server.once("error", reject);
      server.on("message", (m: FromServer) => {
        if (m.type === "ready") resolve();
        else if (m.type === "accepted") {
          this.accepted.push(m.message);
          send(server, { type: "ack", seq: m.seq });
        } else if (m.type === "refused") {
          this.refused.push(m.refusal);
          send(server, { type: "ack", seq: m.seq });
        } else if (m.type === "reset") {
          this.resets.get(m.seq)?.();
          this.resets.delete(m.seq);
        }
      });
    });
    try {
      await ready;
    } catch (error) {
      this.server = null;
      server.kill("SIGKILL");
      throw error;
    }
    server.removeAllListeners("exit");
    return { apiRoot: `http://127.0.0.1:${port}` };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
    send(server, { type: "stop" });
    const timer = setTimeout(() => server.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

/** The smallest gap between two accepted messages to one chat (Infinity when none had two). */
export function smallestChatGap(accepted: readonly AcceptedMessage[]): number {
  const last = new Map<string, number>();
  let smallest = Infinity;
  for (const m of accepted) {
    const before = last.get(m.chatId);
    if (before !== undefined) smallest = Math.min(smallest, m.at - before);
    last.set(m.chatId, m.at);
  }
  return smallest;
}

function send(to: ChildProcess | NodeJS.Process, message: ToServer | FromServer): void {
  if (to.connected) to.send!(message);
}

// The server, in its child process.
const given = process.env[SETTINGS_ENV];
if (given && process.send) serve(JSON.parse(given) as Settings);

function serve(settings: Settings): void {
  const blocked = new Set(settings.blocked);
  const lastByChat = new Map<string, number>();
  /** Times of accepted messages, oldest first, trimmed to the last second. */
  let window: number[] = [];
  let nextMessageId = 1;
  let nextSeq = 1;
  const acks = new Map<number, () => void>();
  const now = () => performance.timeOrigin + performance.now();

  /** Reports to the parent and waits until it holds the record. */
  const record = (event: { accepted: AcceptedMessage } | { refused: RefusedMessage }) =>
    new Promise<void>((resolve) => {
      const seq = nextSeq++;
      acks.set(seq, resolve);
      send(
        process,
        "accepted" in event
          ? { type: "accepted", seq, message: event.accepted }
          : { type: "refused", seq, refusal: event.refused },
      );
    });

  process.on("message", (m: ToServer) => {
    if (m.type === "ack") {
      acks.get(m.seq)?.();
      acks.delete(m.seq);
    } else if (m.type === "reset") {
      lastByChat.clear();
      window = [];
      send(process, { type: "reset", seq: m.seq });
    } else if (m.type === "stop") {
      server.closeAllConnections();
      server.close(() => process.exit(0));
    }
  });
  // The parent went away: nothing is left to serve.
  process.on("disconnect", () => process.exit(0));

  type Answer = readonly [status: number, body: unknown, event?: Parameters<typeof record>[0]];
  const error = (code: number, description: string, parameters?: object): [status: number, body: unknown] => [
    code,
    { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) },
  ];

  function answer(method: string, params: Record<string, unknown>): Answer {
    if (method === "getMe") return [200, { ok: true, result: { id: 1, is_bot: true, first_name: "Fake" } }];
    if (method !== "sendMessage" && method !== "editMessageText" && method !== "editMessageCaption")
      return error(404, "Not Found: method not found");
    const chatId = params.chat_id === undefined ? "" : String(params.chat_id);
    if (!chatId) return error(400, "Bad Request: chat_id is empty");
    const text = String((method === "editMessageCaption" ? params.caption : params.text) ?? "");
    if (method !== "editMessageCaption" && !text) return error(400, "Bad Request: message text is empty");
    const at = now();
    if (blocked.has(chatId))
      return [
        ...error(403, "Forbidden: bot was blocked by the user"),
        { refused: { method, chatId, status: 403, reason: "blocked", at } },
      ];
    while (window.length > 0 && window[0]! <= at - 1_000) window.shift();
    let waitMs = 0;
    let reason: "global" | "chat" | null = null;
    if (window.length >= settings.perSecond) {
      reason = "global";
      waitMs = window[window.length - settings.perSecond]! + 1_000 - at;
    }
    const last = lastByChat.get(chatId);
    if (last !== undefined && at - last < settings.perChatMs) {
      reason ??= "chat";
      waitMs = Math.max(waitMs, last + settings.perChatMs - at);
    }
    if (reason) {
      const retryAfter = Math.max(1, Math.ceil(waitMs / 1_000));
      return [
        ...error(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter }),
        { refused: { method, chatId, status: 429, reason, at } },
      ];
    }
    window.push(at);
    lastByChat.set(chatId, at);
    const date = Math.floor(at / 1_000);
    const result = {
      message_id: method === "sendMessage" ? nextMessageId++ : Number(params.message_id ?? 0),
      date,
      chat: { id: /^-?\d+$/.test(chatId) ? Number(chatId) : chatId, type: "private" },
      ...(method === "editMessageCaption" ? { caption: text } : { text }),
      ...(method === "sendMessage" ? {} : { edit_date: date }),
    };
    return [200, { ok: true, result }, { accepted: { method, chatId, text, at } }];
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let reply: Answer;
    try {
      const params = await readParams(req);
      // /bot<token>/<method>
      const match = /^\/bot[^/]+\/([A-Za-z]+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
      reply = answer(match?.[1] ?? "", params);
    } catch (cause) {
      reply = error(400, `Bad Request: ${String(cause)}`);
    }
    const [status, body, event] = reply;
    await Promise.all([
      event ? record(event) : undefined,
      settings.latencyMs > 0 ? new Promise((resolve) => setTimeout(resolve, settings.latencyMs)) : undefined,
    ]);
    const json = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
    res.end(json);
  }

  const server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 60_000;
  server.listen(settings.port, "127.0.0.1", () => send(process, { type: "ready" }));
}

/** The parameters of a Bot API call: query string, then a JSON, urlencoded or multipart body. */
async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  const params: Record<string, unknown> = Object.fromEntries(new URL(req.url ?? "/", "http://x").searchParams);
  const type = req.headers["content-type"] ?? "";
  if (!raw) return params;
  if (type.startsWith("application/json")) return { ...params, ...(JSON.parse(raw) as Record<string, unknown>) };
  if (type.startsWith("application/x-www-form-urlencoded"))
    return { ...params, ...Object.fromEntries(new URLSearchParams(raw)) };
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  if (type.startsWith("multipart/form-data") && boundary) {
    const field =
      /^\r\nContent-Disposition: form-data; name="([^"]+)"(?:; filename="[^"]*")?\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*)\r\n$/i;
    for (const part of raw.split(`--${boundary[1] ?? boundary[2]}`)) {
      const m = field.exec(part);
      if (m) params[m[1]!] = m[2];
    }
    return params;
  }
  throw new Error(`unsupported content type ${type}`);
}
