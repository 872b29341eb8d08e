// The HTTP edge on Fastify: health, metrics, JSON answers for unknown routes and failures, and a
// bounded graceful close. Everything else (the Telegram webhook, uploads, Solana Pay transaction
// requests, the recorder package, the queue dashboard) is a route set: a Fastify plugin.
import type { Server } from "node:http";
import {
  fastify,
  type FastifyError,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
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
  /**
   * Proxies in front of this server that append to X-Forwarded-For (0 or unset: none). The
   * client's address is the entry this many hops from the right; entries further left were
   * written by the client. Only safe when the server cannot be reached around the proxies.
   */
  readonly trustProxy?: number;
  /** Timeouts and the connection cap; the defaults suit production, tests pass small ones. */
  readonly limits?: Partial<HttpLimits>;
  /** How long close() lets requests in flight finish before it cuts their connections. */
  readonly closeGraceMs?: number;
  /** Each answered request, by its route's pattern (never the raw URL: ids would flood metrics). */
  readonly onResponse?: (request: { method: string; route: string; status: number; seconds: number }) => void;
}

export interface HttpLimits {
  /** From a connection's first byte (or a kept-alive one's next request) to the end of its headers. */
  readonly headersTimeoutMs: number;
  /**
   * From the headers to the end of the body, per route: a route may ask for longer with
   * `config: { bodyTimeoutMs }` (a chunk upload does, scaled to its size), up to requestTimeoutMs.
   */
  readonly bodyTimeoutMs: number;
  /** The ceiling for a whole request, headers and body, whatever its route asks. */
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  /** Connections open at once; more are closed as they arrive. */
  readonly maxConnections: number;
  /** How often Node looks for connections past their header or request timeout. */
  readonly timeoutCheckMs: number;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** This route's body may take this long to arrive (HttpLimits.bodyTimeoutMs otherwise). */
    bodyTimeoutMs?: number;
  }
}

/**
 * Headers are small: 10 s is plenty on a bad link, and a client trickling them is cut then. A
 * JSON body here is at most a few KiB, so 15 s too; chunk uploads ask for more on their route.
 */
export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 15_000,
  requestTimeoutMs: 300_000,
  keepAliveTimeoutMs: 65_000,
  maxConnections: 1_024,
  timeoutCheckMs: 1_000,
};

const CHECK_TIMEOUT_MS = 2_000;
const CLOSE_GRACE_MS = 10_000;

async function buildApp(options: Omit<HttpServerOptions, "host" | "port">): Promise<FastifyInstance> {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  const hops = options.trustProxy ?? 0;
  const app = fastify({
    logger: false,
    // A function, not the number: Fastify trusts nobody for a bare hop count. proxy-addr asks
    // about the socket's peer (i = 0), then X-Forwarded-For from its right end (i = 1, 2...).
    trustProxy: hops > 0 ? (_address: string, i: number) => i < hops : false,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckMs,
    },
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Keep-alive connections with nothing in flight are closed at once when the server closes.
    forceCloseConnections: "idle",
  });
  app.server.maxConnections = limits.maxConnections;
  app.addHook("onRequest", async (request, reply) => cutSlowBody(request, reply, limits.bodyTimeoutMs));
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

/**
 * Ends the connection of a request whose body has not fully arrived `bodyTimeoutMs` (the
 * route's own, or the default) after its headers: a client trickling a body holds nothing long.
 */
function cutSlowBody(request: FastifyRequest, reply: FastifyReply, defaultMs: number): void {
  const ms = request.routeOptions.config.bodyTimeoutMs ?? defaultMs;
  const timer = setTimeout(() => {
    if (!request.raw.complete) request.raw.socket.destroy();
  }, ms);
  timer.unref();
  reply.raw.once("close", () => clearTimeout(timer));
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
