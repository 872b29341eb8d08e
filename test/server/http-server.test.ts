// The HTTP edge itself: health with named checks, metrics, JSON for unknown routes and failures,
// and a close that lets requests in flight finish, within a bound.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer, type HttpRoutes } from "../../server/http-server.js";

type Started = Awaited<ReturnType<typeof startHttpServer>>;

const start = (options: Partial<Parameters<typeof startHttpServer>[0]> = {}) =>
  startHttpServer({
    host: "127.0.0.1",
    port: 0,
    checks: {},
    metrics: async () => ({ contentType: "text/plain; version=0.0.4", body: "forge_up 1\n" }),
    onError: () => undefined,
    ...options,
  });

/** A route that answers only when `release` is called. */
function heldRoute() {
  let release = () => undefined as void;
  let arrived = () => undefined as void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const entered = new Promise<void>((resolve) => (arrived = resolve));
  const routes: HttpRoutes = async (app) => {
    app.get("/slow", async () => {
      arrived();
      await held;
      return { done: true };
    });
  };
  return { routes, release: () => release(), entered };
}

describe("GIVEN a server with health checks and a route that fails", () => {
  const errors: unknown[] = [];
  let server: Started;
  let redisUp = true;
  beforeAll(async () => {
    server = await start({
      checks: {
        database: async () => "ok",
        redis: async () => {
          if (!redisUp) throw new Error("connection refused");
        },
      },
      routes: async (app) => {
        app.get("/boom", async () => {
          throw new Error("secret detail at /srv/app/handler.ts:12");
        });
        app.post("/echo", async (request) => request.body);
      },
      onError: (error) => errors.push(error),
    });
  });
  afterAll(() => server.close());

  it("WHEN every check passes THEN /healthz is 200 with each check named; WHEN one fails THEN 503, degraded, that one failing", async () => {
    const ok = await fetch(`${server.url}/healthz`);
    expect({ status: ok.status, body: await ok.json() }).toEqual({
      status: 200,
      body: { status: "ok", checks: { database: "ok", redis: "ok" } },
    });
    redisUp = false;
    const degraded = await fetch(`${server.url}/healthz`);
    redisUp = true;
    expect({ status: degraded.status, body: await degraded.json() }).toEqual({
      status: 503,
      body: { status: "degraded", checks: { database: "ok", redis: "failing" } },
    });
  });

  it("WHEN /metrics is asked THEN the registry's text comes with its content type", async () => {
    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.headers.get("content-type")).toBe("text/plain; version=0.0.4");
    expect(await metrics.text()).toBe("forge_up 1\n");
  });

  it("WHEN a route is unknown THEN 404 in JSON", async () => {
    const missing = await fetch(`${server.url}/nope`);
    expect({ status: missing.status, body: await missing.json() }).toEqual({
      status: 404,
      body: { error: "not found" },
    });
  });

  it("WHEN a handler throws THEN the client gets a bare 500 in JSON and onError gets the error", async () => {
    const before = errors.length;
    const failed = await fetch(`${server.url}/boom`);
    const text = await failed.text();
    expect({ status: failed.status, body: JSON.parse(text) }).toEqual({
      status: 500,
      body: { error: "internal error" },
    });
    expect(text).not.toContain("secret detail");
    expect(errors.slice(before).map(String)).toEqual(["Error: secret detail at /srv/app/handler.ts:12"]);
  });

  it("WHEN a body is not valid JSON THEN 400 says so, and it is not counted as a failure of ours", async () => {
    const before = errors.length;
    const bad = await fetch(`${server.url}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{oops",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/JSON/);
    expect(errors.length).toBe(before);
  });
});

it("GIVEN a check that never answers THEN /healthz still answers, with that check failing", async () => {
  const server = await start({ checks: { stuck: () => new Promise(() => undefined), database: async () => 1 } });
  try {
    const health = await fetch(`${server.url}/healthz`);
    expect({ status: health.status, body: await health.json() }).toEqual({
      status: 503,
      body: { status: "degraded", checks: { stuck: "failing", database: "ok" } },
    });
  } finally {
    await server.close();
  }
});

it("GIVEN a process that serves only health and metrics (no routes) THEN that is all it serves", async () => {
  const server = await start({ checks: { redis: async () => "PONG" } });
  try {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/uploads`, { method: "POST" })).status).toBe(404);
  } finally {
    await server.close();
  }
});

describe("closing", () => {
  it("WHEN the server closes with a request in flight THEN new connections are refused, the request completes, and close returns", async () => {
    const slow = heldRoute();
    // A long grace: close must return because nothing is left in flight, not because time ran out.
    const server = await start({ routes: slow.routes, closeGraceMs: 600_000 });
    const inFlight = fetch(`${server.url}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await slow.entered;
    const closed = server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    slow.release();
    expect(await inFlight).toEqual({ status: 200, body: { done: true } });
    await closed;
  });

  it("WHEN a request outlives the grace period THEN close cuts its connection and returns", async () => {
    const slow = heldRoute();
    const server = await start({ routes: slow.routes, closeGraceMs: 50 });
    const cut = new Promise<string>((resolve) => {
      const req = request(`${server.url}/slow`, (res) => resolve(`answered ${res.statusCode}`));
      req.on("error", (error) => resolve(error.message));
      req.end();
    });
    await slow.entered;
    await server.close();
    expect(await cut).toBe("socket hang up");
    slow.release();
  });
});

describe("GIVEN a server that reports each answered request", () => {
  it("THEN each is reported by its route's pattern, never its raw URL, with its status", async () => {
    const seen: Array<{ method: string; route: string; status: number }> = [];
    const server = await start({
      routes: async (app) => {
        app.get("/api/items/:id", async () => ({ ok: true }));
      },
      onResponse: ({ method, route, status, seconds }) => {
        expect(seconds).toBeGreaterThanOrEqual(0);
        seen.push({ method, route, status });
      },
    });
    try {
      await fetch(`${server.url}/api/items/secret-id-1`);
      await fetch(`${server.url}/api/items/secret-id-2`);
      await fetch(`${server.url}/nowhere/secret-id-3`);
      expect(seen).toEqual([
        { method: "GET", route: "/api/items/:id", status: 200 },
        { method: "GET", route: "/api/items/:id", status: 200 },
        { method: "GET", route: "unmatched", status: 404 },
      ]);
    } finally {
      await server.close();
    }
  });
});
