// One POST to an OpenAI-compatible endpoint with a per-attempt timeout and retries. Like the
// OpenAI SDKs, it retries network failures, timeouts, 408, 409, 429 and 5xx with
// exponential backoff, honouring `retry-after-ms` / `retry-after` when the server sends them.
// The API key goes into the Authorization header only: never into logs or error messages.
import type { JudgeLogger } from "./types.js";

export interface PostChatOptions {
  readonly url: string;
  readonly apiKey?: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly retryBaseMs: number;
  /** A server asking us to wait longer than this is treated as unavailable now. */
  readonly maxRetryAfterMs: number;
  readonly fetch: typeof globalThis.fetch;
  readonly logger?: JudgeLogger;
}

export type PostChatOutcome =
  | { ok: true; json: unknown }
  | { ok: false; kind: "unavailable" | "rejected" | "bad_response"; status?: number; message: string };

type Attempt =
  { kind: "response"; status: number; headers: Headers; text: string } | { kind: "failed"; message: string };

const RETRY_STATUS = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

/** The endpoint without credentials or query, safe to log. */
export function safeEndpoint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(invalid url)";
  }
}

async function attempt(o: PostChatOptions, body: unknown): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), o.timeoutMs);
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (o.apiKey) headers.authorization = `Bearer ${o.apiKey}`;
  try {
    const res = await o.fetch(o.url, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    return { kind: "response", status: res.status, headers: res.headers, text: await res.text() };
  } catch (error) {
    if (controller.signal.aborted) return { kind: "failed", message: `timed out after ${o.timeoutMs} ms` };
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { kind: "failed", message: `network error${cause ? ` (${cause})` : ""}` };
  } finally {
    clearTimeout(timer);
  }
}

/** Milliseconds the server asked us to wait, if it said so. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get("retry-after-ms"));
  if (headers.get("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function snippet(a: Extract<Attempt, { kind: "response" }>, apiKey?: string): string {
  // Auth errors often echo part of the key: say nothing more than the status.
  if (a.status === 401 || a.status === 403) return "";
  const text = apiKey ? a.text.split(apiKey).join("[redacted]") : a.text;
  return `: ${text.slice(0, 200)}`;
}

/** Posts `body` as JSON and returns the parsed JSON reply, or why there is none. */
export async function postChat(o: PostChatOptions, body: unknown): Promise<PostChatOutcome> {
  const endpoint = safeEndpoint(o.url);
  for (let n = 0; ; n++) {
    const a = await attempt(o, body);
    if (a.kind === "response" && a.status >= 200 && a.status < 300) {
      try {
        return { ok: true, json: JSON.parse(a.text) };
      } catch {
        return { ok: false, kind: "bad_response", status: a.status, message: "the reply body is not JSON" };
      }
    }
    const what = a.kind === "response" ? `HTTP ${a.status}` : a.message;
    if (a.kind === "response" && !RETRY_STATUS(a.status))
      return { ok: false, kind: "rejected", status: a.status, message: `${what}${snippet(a, o.apiKey)}` };
    if (n >= o.maxRetries)
      return { ok: false, kind: "unavailable", message: `${what} after ${n + 1} attempt(s) to ${endpoint}` };
    const asked = a.kind === "response" ? retryAfterMs(a.headers) : undefined;
    if (asked !== undefined && asked > o.maxRetryAfterMs)
      return { ok: false, kind: "unavailable", message: `${what}; the server asked to retry after ${asked} ms` };
    const delayMs = asked ?? o.retryBaseMs * 2 ** n * (0.75 + Math.random() / 2);
    o.logger?.warn({ endpoint, attempt: n + 1, failure: what, delayMs: Math.round(delayMs) }, "LLM judge retrying");
    await new Promise((r) => setTimeout(r, delayMs));
  }
}
