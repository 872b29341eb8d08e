// The upload API's answers: its error shape, bearer tokens, and replies sent through Fastify.
import type { FastifyReply } from "fastify";

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

/** The bearer token of an Authorization header, or null. */
export const bearer = (authorization: string | undefined): string | null =>
  /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(authorization ?? "")?.[1] ?? null;

/** Sends a reply; null means the client went away mid-request, so the connection is dropped. */
export function answer(reply: FastifyReply, result: Reply | null): FastifyReply {
  if (!result) {
    reply.hijack();
    reply.raw.destroy();
    return reply;
  }
  reply.code(result.status).headers({ "cache-control": "no-store", ...result.headers });
  return result.body === undefined ? reply.send() : reply.send(result.body);
}
