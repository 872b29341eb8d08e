// Where a full-stack Telegram update's cost goes, measured in one process: updates/s, CPU per
// update (process.cpuUsage over the timed run) and statements per update (every statement the
// `pg` driver sends, Prisma's included), overall and by update kind. For profiling:
//   node --import tsx --cpu-prof --cpu-prof-dir=/tmp bench/telegram-profile.ts
// Uses BENCH_DATABASE_URL / TEST_DATABASE_URL (a Postgres server's admin URL).
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import pg from "pg";
import type { Update } from "grammy/types";
import { openDatabase } from "../prisma/database.js";
import { prismaUnitOfWork } from "../prisma/unit-of-work.js";
import { createTestDatabase } from "../test/support/postgres-server.js";
import { scenario } from "../test/support/scenario.js";
import { bareBot, fullStackBot, throughput, updateMix } from "./telegram.js";

const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!admin) throw new Error("set BENCH_DATABASE_URL or TEST_DATABASE_URL");
const count = Number(process.argv[2] ?? 6_000);
const verbose = process.argv.includes("--statements");
/** `--profile=<file>`: a CPU profile of the timed run only (open it in Chrome's DevTools). */
const profileTo = process.argv.find((a) => a.startsWith("--profile="))?.slice("--profile=".length);

// Every statement through pg, counted by its text.
const statements = new Map<string, number>();
let total = 0;
let trace: string[] | undefined;
const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string } | undefined;
  const text = typeof first === "string" ? first : (first?.text ?? "?");
  total++;
  trace?.push(text.replace(/\s+/g, " ").slice(0, 110));
  if (verbose) statements.set(text, (statements.get(text) ?? 0) + 1);
  return originalQuery.apply(this, args);
};

const db = await openDatabase({ kind: "postgres", url: await createTestDatabase(admin), poolSize: 16 });
try {
  const s = scenario(prismaUnitOfWork(db.prisma, { query: db.query }));
  const owner = await s.person("owner");
  const factories: string[] = [];
  for (let i = 0; i < 12; i++) factories.push((await s.factory(owner, { name: `Factory ${i}` })).id);
  const bot = fullStackBot(s.core, s.deps.tokens, db.query);
  await throughput(bot, updateMix(500, 1_000, factories), 64);

  const kindOf = (u: Update) =>
    u.message?.text?.split(" ")[0] ?? u.callback_query?.data?.replace(/:.*/, ":") ?? "other";
  const updates = updateMix(500, count, factories);
  total = 0;
  statements.clear();
  const inspector = profileTo ? new Session() : undefined;
  inspector?.connect();
  await inspector?.post("Profiler.enable");
  await inspector?.post("Profiler.start");
  // The server processes working for this database (same host): their CPU over the run.
  const backends = (
    await db.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database()", [])
  ).map((r) => r.pid);
  const serverTicks = () =>
    backends.reduce((sum, pid) => {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        return sum + Number(fields[11]) + Number(fields[12]);
      } catch {
        return sum;
      }
    }, 0);
  const ticks = serverTicks();
  const cpu = process.cpuUsage();
  const perSecond = await throughput(bot, updates, 64);
  const used = process.cpuUsage(cpu);
  const serverMs = ((serverTicks() - ticks) * 1000) / 100; // clock ticks of 10 ms
  if (inspector) writeFileSync(profileTo!, JSON.stringify((await inspector.post("Profiler.stop")).profile));
  console.log(`updates_per_s ${perSecond.toFixed(0)}`);
  console.log(`cpu_ms_per_update ${((used.user + used.system) / 1000 / count).toFixed(3)}`);
  console.log(`statements_per_update ${(total / count).toFixed(2)}`);
  console.log(`postgres_cpu_ms_per_update ${(serverMs / count).toFixed(3)} (${backends.length} server processes)`);
  const bare = bareBot();
  await throughput(bare, updateMix(500, 1_000, factories), 64);
  const bareCpu = process.cpuUsage();
  const barePerSecond = await throughput(bare, updates, 64);
  const bareUsed = process.cpuUsage(bareCpu);
  console.log(`bare_updates_per_s ${barePerSecond.toFixed(0)}`);
  console.log(`bare_cpu_ms_per_update ${((bareUsed.user + bareUsed.system) / 1000 / count).toFixed(3)}`);

  // Statements by kind, one update at a time.
  const byKind = new Map<string, { n: number; statements: number }>();
  for (const u of updateMix(500, 1_000, factories)) {
    const before = total;
    trace = verbose && !byKind.has(kindOf(u)) ? [] : undefined;
    await bot.handleUpdate(u);
    if (trace) console.log(`${kindOf(u)}:\n    ${trace.join("\n    ")}`);
    const k = byKind.get(kindOf(u)) ?? { n: 0, statements: 0 };
    k.n++;
    k.statements += total - before;
    byKind.set(kindOf(u), k);
  }
  for (const [kind, k] of byKind) console.log(`  ${kind.padEnd(10)} ${(k.statements / k.n).toFixed(2)} statements`);
  if (verbose)
    for (const [text, n] of [...statements].sort((a, b) => b[1] - a[1]))
      console.log(`${(n / count).toFixed(2)}  ${text.replace(/\s+/g, " ").slice(0, 160)}`);
} finally {
  await db.close();
}
