// The HTTP edge on Fastify: health, metrics, JSON answers for unknown routes and failures, and a
// bounded graceful close. Everything else (the Telegram webhook, uploads, Solana Pay transaction
// requests, the recorder package, the queue dashboard) is a route set: a Fastify plugin.
import type { Server } from "node:http";
import { fastify, type FastifyError, type FastifyInstance, type FastifyPluginAsync } from "fastify";
import { zodValidatorCompiler } from "./http/zod-schemas.js";

/** A set of routes, registered in its own encapsulated context (its hooks and parsers stay its own). */
export type HttpRoutes = FastifyPluginAsync;

export interface HttpServerOptions {
  readonly host: string;
  readonly port: number;
  /** Named readiness checks, e.g. database and redis; /healthz is 503 when one fails. */
  readonly checks: Record<string, () => Promise<unknown>>;
  readonly metrics: () => Promise<{ contentType: string; body: string }>;
  /** One route set or several; none for a process that serves only health and metrics. */
  readonly routes?: HttpRoutes | readonly HttpRoutes[];
  /** A handler failed: the client gets a bare 500, this gets the error. */
  readonly onError: (error: unknown) => void;
  /** Behind a load balancer: the client's address and protocol come from X-Forwarded-For/-Proto. */
  readonly trustProxy?: boolean;
  /** How long close() lets requests in flight finish before it cuts their connections. */
  readonly closeGraceMs?: number;
  /** Each answered request, by its route's pattern (never the raw URL: ids would flood metrics). */
  readonly onResponse?: (request: { method: string; route: string; status: number; seconds: number }) => void;
}

const CHECK_TIMEOUT_MS = 2_000;
const CLOSE_GRACE_MS = 10_000;
/** As Node's own default: a chunk upload on a slow link has five minutes. */
const REQUEST_TIMEOUT_MS = 300_000;

async function buildApp(options: Omit<HttpServerOptions, "host" | "port">): Promise<FastifyInstance> {
  const app = fastify({
    logger: false,
    trustProxy: options.trustProxy ?? false,
    requestTimeout: REQUEST_TIMEOUT_MS,
    // Keep-alive connections with nothing in flight are closed at once when the server closes.
    forceCloseConnections: "idle",
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  let closing = false;
  app.addHook("preClose", async () => void (closing = true));
  app.addHook("onSend", async (request, reply) => {
    // Refused before its body was read (a bad secret, a chunk for a closed upload): the
    // connection closes after the answer instead of reading and discarding the rest.
    const unread = !request.raw.complete;
    if (unread) reply.raw.once("finish", () => request.raw.destroy());
    // Once closing, answers end their connection too, so that kept-alive clients let go.
    if (unread || closing) reply.header("connection", "close");
  });
  if (options.onResponse) {
    const report = options.onResponse;
    app.addHook("onResponse", async (request, reply) =>
      report({
        method: request.method,
        route: request.routeOptions.url ?? "unmatched",
        status: reply.statusCode,
        seconds: reply.elapsedTime / 1000,
      }),
    );
  }
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: "not found" }));
  app.setErrorHandler((error, _request, reply) => {
    const refusal = fastifyRefusal(error);
    if (refusal) return reply.code(refusal.statusCode).send({ error: refusal.message });
    options.onError(error);
    return reply.code(500).send({ error: "internal error" });
  });
  app.get("/healthz", async (_request, reply) => {
    const health = await runChecks(options.checks);
    return reply.code(health.status === "ok" ? 200 : 503).send(health);
  });
  app.get("/metrics", async (_request, reply) => {
    const { contentType, body } = await options.metrics();
    return reply.type(contentType).send(body);
  });
  const routes = options.routes === undefined ? [] : Array.isArray(options.routes) ? options.routes : [options.routes];
  for (const set of routes as HttpRoutes[]) await app.register(set);
  return app;
}

export async function startHttpServer(
  options: HttpServerOptions,
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const app = await buildApp(options);
  await app.listen({ host: options.host, port: options.port });
  const { port } = app.server.address() as { port: number };
  return {
    server: app.server,
    url: `http://${options.host}:${port}`,
    close: () => closeGracefully(app, options.closeGraceMs ?? CLOSE_GRACE_MS),
  };
}

/**
 * Stops accepting connections, lets requests in flight finish (new requests on kept-alive
 * connections get a 503), and after `graceMs` cuts whatever is still open.
 */
async function closeGracefully(app: FastifyInstance, graceMs: number): Promise<void> {
  const deadline = setTimeout(() => app.server.closeAllConnections(), graceMs);
  try {
    await app.close();
  } finally {
    clearTimeout(deadline);
  }
}

/**
 * Fastify's own refusals of a request (unreadable or too large a body, an unsupported type, a
 * failed validation): they say what was wrong. Anything else thrown is a failure of ours.
 */
export function fastifyRefusal(error: unknown): (FastifyError & { statusCode: number }) | null {
  const e = error as Partial<FastifyError> | null;
  return e && typeof e.code === "string" && e.code.startsWith("FST_") && (e.statusCode ?? 500) < 500
    ? (e as FastifyError & { statusCode: number })
    : null;
}

async function runChecks(checks: HttpServerOptions["checks"]) {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), CHECK_TIMEOUT_MS))),
        ]);
        return [name, "ok"] as const;
      } catch {
        return [name, "failing"] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const healthy = results.every(([, status]) => status === "ok");
  return { status: healthy ? "ok" : "degraded", checks: Object.fromEntries(results) };
}
