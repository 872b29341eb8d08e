// A shared secret in a request header (the Telegram webhook's), checked before the body is read.
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** True when `given` is `secret`; compared as sha256 digests, so timing reveals neither bytes nor length. */
export const sameSecret = (given: string | undefined, secret: string): boolean =>
  given !== undefined && timingSafeEqual(digest(given), digest(secret));

/** onRequest hook: 401 unless header `name` carries `secret`. */
export function requireSecretHeader(name: string, secret: string) {
  const header = name.toLowerCase();
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const given = request.headers[header];
    if (!sameSecret(typeof given === "string" ? given : undefined, secret))
      return reply.code(401).send({ error: "unauthorized" });
  };
}
