// npm run bench -- dashboard (or charts): the creator dashboard's time to first byte over loopback
// HTTP with a kept-alive connection, as a phone's browser loads it: GET /app, then the first
// data call (GET /api/app/factories with a live session) for a creator with 5 funded factories on
// Postgres (BENCH_DATABASE_URL or TEST_DATABASE_URL; PGlite without one) and a real Redis. The baseline, measured in the same run on the same machine: a bare
// Fastify route answering a fixed JSON. BENCH dashboard_ttfb_ms_p95 is the page and the data call
// back to back (what stands between opening the Mini App and seeing numbers, after sign-in).
import { Agent, request } from "node:http";
import { fastify } from "fastify";
import { Redis } from "ioredis";
import { dashboardLogins, dashboardRoutes } from "../app/dashboard.js";
import { startHttpServer } from "../server/http-server.js";
import { PAGE_HTML } from "../server/dashboard/page.js";
import { localDiskStorage } from "../server/uploads/storage.js";
import { openDatabase } from "../prisma/database.js";
import { prismaUnitOfWork } from "../prisma/unit-of-work.js";
import { createTestDatabase } from "../test/support/postgres-server.js";
import { startTestRedis } from "../test/support/redis.js";
import { must, scenario, USDC } from "../test/support/scenario.js";

type Report = (name: string, value: number, unit: string) => void;

const SAMPLES = Number(process.env.BENCH_DASHBOARD_SAMPLES ?? 300);
const WARM_UP = 50;
const FACTORIES = 5;

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

/** Milliseconds from sending a GET to its response's headers (the first byte), then drains it. */
function ttfb(agent: Agent, url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const req = request(url, { agent, headers }, (res) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if ((res.statusCode ?? 500) >= 400) reject(new Error(`${url}: ${res.statusCode}`));
      res.resume();
      res.on("end", () => resolve(ms));
    });
    req.on("error", reject);
    req.end();
  });
}

async function sample(times: number, fn: () => Promise<number>): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(await fn());
  return out;
}

/** A fresh database on the run's Postgres server when there is one, else PGlite (in-process). */
async function openBenchStore() {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const db = admin
    ? await openDatabase({ kind: "postgres", url: await createTestDatabase(admin), poolSize: 8 })
    : await openDatabase({ kind: "pglite" });
  return {
    kind: admin ? "postgres" : "pglite",
    uow: prismaUnitOfWork(db.prisma, { query: db.query, pool: db.pool }),
    close: () => db.close(),
  };
}

export async function benchDashboard(report: Report): Promise<void> {
  const store = await openBenchStore();
  const redisServer = await startTestRedis();
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  const world = scenario(store.uow);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const bare = fastify({ logger: false });
  bare.get("/fixed", async () => ({ ok: true, factories: [] }));
  const server = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    checks: {},
    metrics: async () => ({ contentType: "text/plain", body: "" }),
    routes: dashboardRoutes({
      core: world.core,
      uow: store.uow,
      tokens: world.deps.tokens,
      redis,
      storage: localDiskStorage("/tmp/forge-bench-dashboard"),
      publicUrl: "http://127.0.0.1",
    }),
    onError: (error) => console.error(error),
  });
  try {
    const creator = must(await world.core.registerAccount({ platform: "telegram", externalId: "777" })).account;
    for (let i = 0; i < FACTORIES; i++)
      await world.fund(await world.factory(creator, { name: `Factory ${i}` }), USDC(100));
    const signIn = await fetch(`${server.url}/api/app/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: await dashboardLogins(redis, server.url).issueLogin(creator.id) }),
    });
    const { session } = (await signIn.json()) as { session: string };
    const auth = { authorization: `Bearer ${session}` };
    const page = await sample(SAMPLES, () => ttfb(agent, `${server.url}/app`));
    const data = await sample(SAMPLES, () => ttfb(agent, `${server.url}/api/app/factories`, auth));
    const both = await sample(SAMPLES, async () => {
      const first = await ttfb(agent, `${server.url}/app`);
      return first + (await ttfb(agent, `${server.url}/api/app/factories`, auth));
    });
    await bare.listen({ host: "127.0.0.1", port: 0 });
    const { port } = bare.server.address() as { port: number };
    const baseline = await sample(SAMPLES, () => ttfb(agent, `http://127.0.0.1:${port}/fixed`));
    console.log(
      `  (dashboard on ${store.kind}, ${FACTORIES} factories, ${SAMPLES} samples each after ${WARM_UP} warm-up)`,
    );
    report("dashboard_page_bytes", Buffer.byteLength(PAGE_HTML), "bytes");
    report("dashboard_page_ttfb_ms_p95", p95(page), "ms");
    report("dashboard_factories_ttfb_ms_p95", p95(data), "ms");
    report("dashboard_ttfb_ms_p95", p95(both), "ms");
    report("http_baseline_ttfb_ms_p95", p95(baseline), "ms");
    report("dashboard_ttfb_vs_baseline", p95(both) / p95(baseline), "x");
  } finally {
    agent.destroy();
    await bare.close();
    await server.close();
    redis.disconnect();
    await redisServer.stop();
    await store.close();
  }
}
