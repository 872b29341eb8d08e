// Reading and answering HTTP requests for the upload API: bounded bodies, JSON, bearer tokens.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ZodType } from "zod";

export type Reply = {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
};

/** The API's error shape: `{ error: { code, message } }`. */
export const problem = (status: number, code: string, message: string): Reply => ({
  status,
  body: { error: { code, message } },
});

export type BodyRead = { ok: true; body: Buffer } | { ok: false; reason: "too_large" | "aborted" };

/** Reads at most `cap` bytes; stops reading (without buffering more) as soon as the cap is passed. */
export function readBody(req: IncomingMessage, cap: number): Promise<BodyRead> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > cap) return Promise.resolve({ ok: false, reason: "too_large" });
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyRead) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        req.pause();
        return settle({ ok: false, reason: "too_large" });
      }
      parts.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => settle({ ok: true, body: Buffer.concat(parts, size) }));
    req.once("close", () => settle({ ok: false, reason: "aborted" }));
    req.once("error", () => settle({ ok: false, reason: "aborted" }));
  });
}

/** A JSON body checked by `schema`, or the 400/413 reply to send. */
export async function readJson<T>(
  req: IncomingMessage,
  schema: ZodType<T>,
  cap: number,
): Promise<{ ok: true; value: T } | { ok: false; reply: Reply | null }> {
  const read = await readBody(req, cap);
  if (!read.ok)
    return {
      ok: false,
      reply:
        read.reason === "aborted" ? null : problem(413, "UPLOAD_BAD_REQUEST", `The request body exceeds ${cap} bytes.`),
    };
  let json: unknown;
  try {
    json = JSON.parse(read.body.toString("utf8"));
  } catch {
    return { ok: false, reply: problem(400, "UPLOAD_BAD_REQUEST", "The request body is not valid JSON.") };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, reply: problem(400, "UPLOAD_BAD_REQUEST", describeIssue(parsed.error)) };
  return { ok: true, value: parsed.data };
}

export function describeIssue(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  const issue = error.issues[0];
  if (!issue) return "The request is invalid.";
  const where = issue.path.map(String).join(".");
  return where ? `Invalid ${where}: ${issue.message}.` : `Invalid request: ${issue.message}.`;
}

/** The bearer token of the Authorization header, or null. */
export const bearer = (req: IncomingMessage): string | null =>
  /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(req.headers.authorization ?? "")?.[1] ?? null;

/**
 * Sends a reply, or nothing when the client is gone. When the request body was not read to the
 * end (refused early), the connection is closed after the reply instead of draining the rest.
 */
export function send(req: IncomingMessage, res: ServerResponse, reply: Reply | null): void {
  if (!reply || res.destroyed) return void res.destroy();
  const unread = !req.complete;
  const headers: Record<string, string> = { "cache-control": "no-store", ...reply.headers };
  if (reply.body !== undefined) headers["content-type"] = "application/json";
  if (unread) {
    headers.connection = "close";
    res.once("finish", () => req.destroy());
  }
  res.writeHead(reply.status, headers).end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
}
