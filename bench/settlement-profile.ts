// Where a settlement's cost goes, measured in one process on a Postgres server: settlements/s, this
// process's CPU per settlement (process.cpuUsage over the timed run), Postgres's CPU per
// settlement (its server processes for the database, from /proc: same host only) and statements
// per settlement (every statement the `pg` driver sends, Prisma's included). For profiling:
//   npx tsx bench/settlement-profile.ts [count] [clients] [--single] [--statements] [--profile=<file>]
// `--single`: each caller in its own transaction (settleSubmission), else the worker's batches.
// Uses BENCH_DATABASE_URL / TEST_DATABASE_URL (a Postgres server's admin URL).
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import pg from "pg";
import { createPgPool } from "../prisma/adapters.js";
import { openDatabase } from "../prisma/database.js";
import { prismaUnitOfWork } from "../prisma/unit-of-work.js";
import { createTestDatabase } from "../test/support/postgres-server.js";
import { benchSettlements } from "./settlement.js";

const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!admin) throw new Error("set BENCH_DATABASE_URL or TEST_DATABASE_URL");
const positional = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const count = Number(positional[0] ?? 4_000);
const clients = Number(positional[1] ?? 64);
const batched = !process.argv.includes("--single");
const verbose = process.argv.includes("--statements");
/** `--prisma`: every transaction through Prisma (no `pool` for the unit of work: as before). */
const prismaOnly = process.argv.includes("--prisma");
/** `--profile=<file>`: a CPU profile of the timed run only (open it in Chrome's DevTools). */
const profileTo = process.argv.find((a) => a.startsWith("--profile="))?.slice("--profile=".length);

// Every statement through pg, counted by its text, once timing has started.
const statements = new Map<string, number>();
let total = 0;
let counting = false;
const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  if (counting) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === "string" ? first : (first?.text ?? "?");
    total++;
    if (verbose) statements.set(text, (statements.get(text) ?? 0) + 1);
  }
  return originalQuery.apply(this, args);
};

const url = await createTestDatabase(admin);
const db = await openDatabase({ kind: "postgres", url, poolSize: 8 });
const pool = prismaOnly ? undefined : createPgPool(url, 8);
try {
  // The server processes working for this database (same host) and their CPU clock ticks.
  const backends = async () =>
    (await db.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database()", [])).map(
      (r) => r.pid,
    );
  const ticksOf = (pid: number) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return 0;
    }
  };
  const inspector = profileTo ? new Session() : undefined;
  let startTicks = new Map<number, number>();
  let cpu = process.cpuUsage();
  const start = async () => {
    await db.prisma.$executeRawUnsafe("ANALYZE");
    startTicks = new Map((await backends()).map((pid) => [pid, ticksOf(pid)]));
    inspector?.connect();
    await inspector?.post("Profiler.enable");
    await inspector?.post("Profiler.start");
    cpu = process.cpuUsage();
    counting = true;
  };
  const r = await benchSettlements(prismaUnitOfWork(db.prisma, { pool }), {
    count,
    clients,
    factories: 8,
    batched,
    analyze: start,
  });
  counting = false;
  const used = process.cpuUsage(cpu);
  const pids = new Set([...startTicks.keys(), ...(await backends())]);
  const serverTicks = [...pids].reduce((sum, pid) => sum + ticksOf(pid) - (startTicks.get(pid) ?? 0), 0);
  if (inspector) writeFileSync(profileTo!, JSON.stringify((await inspector.post("Profiler.stop")).profile));
  console.log(`${batched ? "batched" : "single"} ${clients} callers, ${r.settled} settlements`);
  console.log(`settlements_per_s ${r.perSecond.toFixed(0)}`);
  console.log(`cpu_ms_per_settlement ${((used.user + used.system) / 1000 / r.settled).toFixed(3)}`);
  console.log(`statements_per_settlement ${(total / r.settled).toFixed(3)}`);
  console.log(`postgres_cpu_ms_per_settlement ${((serverTicks * 10) / r.settled).toFixed(3)} (${pids.size} processes)`);
  if (verbose)
    for (const [text, n] of [...statements].sort((a, b) => b[1] - a[1]))
      console.log(`${(n / r.settled).toFixed(3)}  ${text.replace(/\s+/g, " ").slice(0, 160)}`);
} finally {
  await pool?.end();
  await db.close();
}
