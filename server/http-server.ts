// The HTTP edge: health and metrics now; the Telegram webhook, uploads and Solana Pay
// transaction requests plug in as routes in their issues.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** Values of a route key's `:name` segments, URI-decoded. */
export type RouteParams = Readonly<Record<string, string>>;

export type Route = (req: IncomingMessage, res: ServerResponse, params: RouteParams) => Promise<void> | void;

export interface HttpServerOptions {
  readonly host: string;
  readonly port: number;
  /** Named readiness checks, e.g. database and redis; /healthz is 503 when one fails. */
  readonly checks: Record<string, () => Promise<unknown>>;
  readonly metrics: () => Promise<{ contentType: string; body: string }>;
  /** Keyed "METHOD /path"; a segment written `:name` matches any one non-empty segment. */
  readonly routes?: Record<string, Route>;
  readonly onError: (error: unknown) => void;
}

const CHECK_TIMEOUT_MS = 2_000;

export async function startHttpServer(
  options: HttpServerOptions,
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const routes: Record<string, Route> = {
    "GET /healthz": (_req, res) => health(options.checks, res),
    "GET /metrics": async (_req, res) => {
      const { contentType, body } = await options.metrics();
      res.writeHead(200, { "content-type": contentType }).end(body);
    },
    ...options.routes,
  };
  const match = routeMatcher(routes);
  const server = createServer((req, res) => {
    const found = match(req.method ?? "GET", (req.url ?? "/").split("?")[0] ?? "/");
    if (!found) return void res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
    Promise.resolve(found.route(req, res, found.params)).catch((error: unknown) => {
      options.onError(error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end('{"error":"internal error"}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    server,
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Exact keys first (as before), then keys with `:param` segments in the order given. */
function routeMatcher(routes: Record<string, Route>) {
  const patterns = Object.entries(routes)
    .filter(([key]) => key.includes("/:"))
    .map(([key, route]) => {
      const [method, path = ""] = key.split(" ");
      return { method, segments: path.split("/"), route };
    });
  return (method: string, path: string): { route: Route; params: RouteParams } | null => {
    const exact = routes[`${method} ${path}`];
    if (exact) return { route: exact, params: {} };
    const segments = path.split("/");
    for (const p of patterns) {
      if (p.method !== method || p.segments.length !== segments.length) continue;
      const params = matchSegments(p.segments, segments);
      if (params) return { route: p.route, params };
    }
    return null;
  };
}

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (const [i, want] of pattern.entries()) {
    const got = actual[i] ?? "";
    if (!want.startsWith(":")) {
      if (want !== got) return null;
      continue;
    }
    if (!got) return null;
    try {
      params[want.slice(1)] = decodeURIComponent(got);
    } catch {
      return null; // malformed percent-encoding: no such resource
    }
  }
  return params;
}

async function health(checks: HttpServerOptions["checks"], res: ServerResponse): Promise<void> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), CHECK_TIMEOUT_MS)),
        ]);
        return [name, "ok"] as const;
      } catch {
        return [name, "failing"] as const;
      }
    }),
  );
  const healthy = results.every(([, status]) => status === "ok");
  res.writeHead(healthy ? 200 : 503, { "content-type": "application/json" });
  res.end(JSON.stringify({ status: healthy ? "ok" : "degraded", checks: Object.fromEntries(results) }));
}
