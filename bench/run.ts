// npm run bench: starts (or reuses, via BENCH_DATABASE_URL / TEST_DATABASE_URL) what it needs and
// prints one line per figure: BENCH <name> <value> <unit>.
import { openDatabase } from "../prisma/database.js";
import { prismaUnitOfWork } from "../prisma/unit-of-work.js";
import { createTestDatabase, startPostgres } from "../test/support/postgres-server.js";
import { benchSettlements } from "./settlement.js";
import { benchWatcher } from "./watcher.js";
import { benchProcessRecording } from "./process-recording.js";
import { benchNotify } from "./notify.js";
import { benchPayouts } from "./payouts.js";
import { bareBot, fullStackBot, latencyAtRate, throughput, updateMix } from "./telegram.js";
import { scenario } from "../test/support/scenario.js";

const report = (name: string, value: number, unit: string) =>
  console.log(`BENCH ${name} ${Number.isInteger(value) ? value : value.toFixed(value < 10 ? 2 : 0)} ${unit}`);

/** `npm run bench -- postgres` runs only the benchmarks whose name contains "postgres". */
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.some((o) => name.includes(o));

async function main(): Promise<void> {
  if (wanted("pglite")) await benchPglite();
  if (wanted("postgres")) await benchPostgres();
  if (wanted("telegram")) await benchTelegram();
  if (wanted("watcher")) await benchWatchers();
  if (wanted("process")) await benchProcessRecording(report);
  if (wanted("notify")) await benchNotify(report);
  if (wanted("payouts")) await benchPayouts(report, payoutStore);
}

/** The store payouts are benchmarked on: a fresh database on a Postgres server, else PGlite. */
async function payoutStore() {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const db = admin
    ? await openDatabase({ kind: "postgres", url: await createTestDatabase(admin), poolSize: 8 })
    : await openDatabase({ kind: "pglite" });
  return { uow: prismaUnitOfWork(db.prisma), close: () => db.close() };
}

const POLL_MS = 500;

async function benchWatchers(): Promise<void> {
  report("watcher_poll_interval_ms", POLL_MS, "ms");
  for (const n of [10, 1_000, 10_000]) {
    const r = await benchWatcher(n, POLL_MS);
    report(`watcher_rpc_calls_per_poll_${n}`, r.callsPerPoll, "calls");
    report(`watcher_detect_ms_p95_${n}`, r.detectP95Ms, "ms");
    report(`naive_rpc_calls_per_poll_${n}`, r.naiveCallsPerPoll, "calls");
    report(`naive_detect_ms_p95_${n}`, r.naiveDetectP95Ms, "ms");
  }
}

async function withPostgres(fn: (adminUrl: string) => Promise<void>): Promise<void> {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const server = given ? null : await startPostgres();
  const admin = given ?? server?.url;
  if (!admin) return console.error("Postgres benchmarks skipped: install postgresql or set BENCH_DATABASE_URL");
  try {
    await fn(admin);
  } finally {
    server?.stop();
  }
}

async function benchTelegram(): Promise<void> {
  report("telegram_bare_updates_per_s", await throughput(bareBot(), updateMix(500, 20_000, ["x"]), 64), "updates/s");
  await withPostgres(async (admin) => {
    const db = await openDatabase({ kind: "postgres", url: await createTestDatabase(admin), poolSize: 16 });
    try {
      const s = scenario(prismaUnitOfWork(db.prisma));
      const owner = await s.person("owner");
      const factories = [];
      for (let i = 0; i < 12; i++) factories.push((await s.factory(owner, { name: `Factory ${i}` })).id);
      const bot = fullStackBot(s.core, s.deps.tokens, db.prisma);
      await throughput(bot, updateMix(500, 1_000, factories), 64); // warm-up: accounts exist, plans cached
      report("telegram_updates_per_s", await throughput(bot, updateMix(500, 6_000, factories), 64), "updates/s");
      const latency = await latencyAtRate(bot, updateMix(500, 3_000, factories), 300);
      report("telegram_p50_ms_at_300_per_s", latency.p50, "ms");
      report("telegram_p99_ms_at_300_per_s", latency.p99, "ms");
    } finally {
      await db.close();
    }
  });
}

async function benchPglite(): Promise<void> {
  const pglite = await openDatabase({ kind: "pglite" });
  try {
    const r = await benchSettlements(prismaUnitOfWork(pglite.prisma), { count: 1_000, clients: 1, factories: 4 });
    report("settlements_per_s_pglite", r.perSecond, "settlements/s");
  } finally {
    await pglite.close();
  }
}

async function benchPostgres(): Promise<void> {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const server = given ? null : await startPostgres();
  const admin = given ?? server?.url;
  if (!admin) {
    console.error("Postgres benchmarks skipped: install postgresql or set BENCH_DATABASE_URL");
    return;
  }
  try {
    const db = await openDatabase({ kind: "postgres", url: await createTestDatabase(admin), poolSize: 8 });
    try {
      const r = await benchSettlements(prismaUnitOfWork(db.prisma), { count: 4_000, clients: 8, factories: 8 });
      report("settlements_per_s_postgres_8_clients", r.perSecond, "settlements/s");
    } finally {
      await db.close();
    }
  } finally {
    server?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
