// The upload API as routes for server/http-server.ts; every param, header and body is validated.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { Route, RouteParams } from "../http-server.js";
import { cancelUpload } from "./cancel-upload.js";
import { completeUpload } from "./complete-upload.js";
import type { UploadRoutesDeps } from "./deps.js";
import { problem, send, type Reply } from "./http-io.js";
import { initUpload } from "./init-upload.js";
import { loginRecorder } from "./login-recorder.js";
import { putChunk } from "./put-chunk.js";
import { uploadStatus } from "./upload-status.js";

const Id = z.uuid();
const Index = z
  .string()
  .regex(/^\d{1,6}$/)
  .transform(Number);

type Handler = (req: IncomingMessage, params: RouteParams) => Promise<Reply | null>;

const route =
  (handle: Handler): Route =>
  async (req: IncomingMessage, res: ServerResponse, params: RouteParams) =>
    send(req, res, await handle(req, params));

/** Wraps a handler of one upload, answering 404 for an id that cannot be one. */
const forUpload = (handle: (req: IncomingMessage, id: string, params: RouteParams) => Promise<Reply | null>): Route =>
  route(async (req, params) => {
    const id = Id.safeParse(params.id);
    return id.success ? handle(req, id.data, params) : problem(404, "UPLOAD_NOT_FOUND", "There is no such upload.");
  });

/** Pairing attempts per client address, and uploads started per address, in each window. */
export const LOGIN_LIMIT = { hits: 10, windowMs: 10 * 60_000 };
export const INIT_LIMIT = { hits: 60, windowMs: 60 * 60_000 };

/** The client's address: the socket's, or behind a trusted proxy the first X-Forwarded-For entry. */
export function clientAddress(req: IncomingMessage, trustProxy = false): string {
  const forwarded = req.headers["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return trustProxy && first ? first.slice(0, 64) : (req.socket.remoteAddress ?? "?");
}

/** Refuses with 429 and Retry-After once a client is over its allowance (when a limiter is set). */
const limited =
  (deps: UploadRoutesDeps, name: string, limit: { hits: number; windowMs: number }, handle: Handler): Handler =>
  async (req, params) => {
    const wait = deps.rateLimit
      ? await deps.rateLimit.hit(`${name}:${clientAddress(req, deps.trustProxy)}`, limit.hits, limit.windowMs)
      : 0;
    if (wait > 0)
      return {
        ...problem(429, "UPLOAD_RATE_LIMITED", `Too many attempts from here; try again in ${wait} s.`),
        headers: { "retry-after": String(wait) },
      };
    return handle(req, params);
  };

/** The routes of the upload API, keyed for startHttpServer's `routes`. */
export function uploadRoutes(deps: UploadRoutesDeps): Record<string, Route> {
  return {
    "POST /api/recorder/login": route(limited(deps, "login", LOGIN_LIMIT, (req) => loginRecorder(deps, req))),
    "POST /api/uploads": route(limited(deps, "init", INIT_LIMIT, (req) => initUpload(deps, req))),
    "PUT /api/uploads/:id/chunks/:index": forUpload((req, id, params) => {
      const index = Index.safeParse(params.index);
      if (!index.success)
        return Promise.resolve(problem(422, "UPLOAD_CHUNK_INDEX", "The chunk index must be a number."));
      return putChunk(deps, req, { id, index: index.data });
    }),
    "GET /api/uploads/:id": forUpload((req, id) => uploadStatus(deps, req, id)),
    "POST /api/uploads/:id/complete": forUpload((req, id) => completeUpload(deps, req, id)),
    "DELETE /api/uploads/:id": forUpload((req, id) => cancelUpload(deps, req, id)),
  };
}
