// The upload API as a route set for server/http-server.ts: params, headers and bodies are checked
// with zod before a use case runs, and every refusal has the API's `{ error: { code, message } }`
// shape that the recorder reads.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { fastifyRefusal, type HttpRoutes } from "../http-server.js";
import { RequestInvalid, type ZodTypeProvider } from "../http/zod-schemas.js";
import { cancelUpload } from "./cancel-upload.js";
import { completeUpload } from "./complete-upload.js";
import { localSlots } from "../rate-limit.js";
import { chunkSlots } from "./chunk-slots.js";
import { chunkBodyTimeoutMs, limitsOf, type UploadRoutesDeps } from "./deps.js";
import { answer, problem } from "./http-io.js";
import { InitBody, initUpload } from "./init-upload.js";
import { LoginBody, loginRecorder } from "./login-recorder.js";
import { logoutRecorder } from "./logout-recorder.js";
import { ChunkSha, putChunk } from "./put-chunk.js";
import { uploadStatus } from "./upload-status.js";

const UploadParams = z.object({ id: z.uuid() });
const ChunkParams = UploadParams.extend({
  index: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number),
});
// Loose: the parsed headers replace the request's, so every other header must stay.
const ChunkHeaders = z.looseObject({ "x-chunk-sha256": ChunkSha });

/** Pairing attempts per client address, and uploads started per address, in each window. */
export const LOGIN_LIMIT = { hits: 10, windowMs: 10 * 60_000 };
export const INIT_LIMIT = { hits: 60, windowMs: 60 * 60_000 };

/** The routes of the upload API. */
export function uploadRoutes(deps: UploadRoutesDeps): HttpRoutes {
  const json = { bodyLimit: limitsOf(deps).maxJsonBytes };
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.setErrorHandler(asProblem);
    app.removeContentTypeParser("text/plain"); // bodies here are JSON, or a chunk's raw bytes
    app.post(
      "/api/recorder/login",
      { ...json, onRequest: limited(deps, "login", LOGIN_LIMIT), schema: { body: LoginBody } },
      async (request, reply) => answer(reply, await loginRecorder(deps, request.body)),
    );
    app.post("/api/recorder/logout", json, async ({ headers }, reply) =>
      answer(reply, await logoutRecorder(deps, headers.authorization)),
    );
    app.post(
      "/api/uploads",
      { ...json, onRequest: limited(deps, "init", INIT_LIMIT), schema: { body: InitBody } },
      async ({ headers, body }, reply) =>
        answer(reply, await initUpload(deps, { authorization: headers.authorization, body })),
    );
    const forUpload = { schema: { params: UploadParams } };
    app.get("/api/uploads/:id", forUpload, async ({ headers, params }, reply) =>
      answer(reply, await uploadStatus(deps, headers.authorization, params.id)),
    );
    app.post("/api/uploads/:id/complete", forUpload, async ({ headers, params }, reply) =>
      answer(reply, await completeUpload(deps, headers.authorization, params.id)),
    );
    app.delete("/api/uploads/:id", forUpload, async ({ headers, params }, reply) =>
      answer(reply, await cancelUpload(deps, headers.authorization, params.id)),
    );
    await app.register(chunkRoute(deps));
  };
}

/**
 * Chunks go to storage as they arrive: in this context no parser reads a body, whatever its type.
 * A chunk's body has until chunkBodyTimeoutMs (its size at the slowest allowed rate); chunks in
 * flight at once are counted in Redis when there is a rate limiter, else in this process.
 */
const chunkRoute =
  (deps: UploadRoutesDeps): HttpRoutes =>
  async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", (_request, _payload, done) => done(null));
    const limits = limitsOf(deps);
    const bodyTimeoutMs = chunkBodyTimeoutMs(limits);
    const slots = chunkSlots(
      deps.rateLimit ?? localSlots(),
      { perUpload: limits.maxChunksPerUpload, perAccount: limits.maxChunksPerAccount },
      bodyTimeoutMs + CHUNK_SLOT_MARGIN_MS,
    );
    app.put(
      "/api/uploads/:id/chunks/:index",
      { schema: { params: ChunkParams, headers: ChunkHeaders }, config: { bodyTimeoutMs } },
      async (request, reply) => {
        const length = request.headers["content-length"];
        const chunk = await putChunk(
          deps,
          {
            authorization: request.headers.authorization,
            id: request.params.id,
            index: request.params.index,
            sha256: request.headers["x-chunk-sha256"],
            length: length === undefined ? undefined : Number(length),
            body: request.raw,
          },
          slots,
        );
        return answer(reply, chunk);
      },
    );
  };

/** A chunk's slot outlives its body's deadline by this much: time to finish writing it to storage. */
const CHUNK_SLOT_MARGIN_MS = 60_000;

/** onRequest hook: 429 with Retry-After once a client address is over its allowance (when a limiter is set). */
const limited =
  (deps: UploadRoutesDeps, name: string, limit: { hits: number; windowMs: number }) =>
  async (request: FastifyRequest, reply: FastifyReply) => {
    if (!deps.rateLimit) return;
    // Behind trusted proxies (TRUST_PROXY hops), request.ip is the address the nearest one was sent from.
    const wait = await deps.rateLimit.hit(`${name}:${request.ip.slice(0, 64)}`, limit.hits, limit.windowMs);
    if (wait > 0)
      return answer(reply, {
        ...problem(429, "UPLOAD_RATE_LIMITED", `Too many attempts from here; try again in ${wait} s.`),
        headers: { "retry-after": String(wait) },
      });
  };

/** Requests refused before a use case ran, in the API's error shape; anything else is the server's 500. */
function asProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof RequestInvalid && error.validationContext === "params")
    return answer(
      reply,
      error.field === "index"
        ? problem(422, "UPLOAD_CHUNK_INDEX", "The chunk index must be a number.")
        : problem(404, "UPLOAD_NOT_FOUND", "There is no such upload."),
    );
  if (error instanceof RequestInvalid) return answer(reply, problem(400, "UPLOAD_BAD_REQUEST", error.message));
  const refusal = fastifyRefusal(error);
  if (!refusal) throw error;
  const message =
    refusal.statusCode === 413
      ? `The request body exceeds ${request.routeOptions.bodyLimit} bytes.`
      : refusal.statusCode === 415
        ? "Send the body as JSON (Content-Type: application/json)."
        : /JSON/.test(refusal.code)
          ? "The request body is not valid JSON."
          : refusal.message;
  return answer(reply, problem(refusal.statusCode, "UPLOAD_BAD_REQUEST", message));
}
