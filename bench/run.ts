// npm run bench: starts (or reuses, via BENCH_DATABASE_URL / TEST_DATABASE_URL) what it needs and
// prints one line per figure: BENCH <name> <value> <unit>. The benchmarks that touch Postgres
// share one server per run, and read their figures against pgbench on it (bench/pgbench.ts),
// measured in the same run: BENCH pgbench_tpcb_tps, then BENCH <figure>_vs_pgbench ratios.
import { openDatabase } from "../prisma/database.js";
import { prismaUnitOfWork } from "../prisma/unit-of-work.js";
import { createTestDatabase, startPostgres, type PostgresServer } from "../test/support/postgres-server.js";
import { pgbenchBaseline, type PgbenchBaseline } from "./pgbench.js";
import { benchSettlements } from "./settlement.js";
import { benchWatcher } from "./watcher.js";
import { benchProcessRecording } from "./process-recording.js";
import { benchNotify } from "./notify.js";
import { benchPayouts } from "./payouts.js";
import { benchDatasets } from "./datasets.js";
import { benchCharts } from "./charts.js";
import { benchDashboard } from "./dashboard.js";
import { bareBot, fullStackBot, latencyAtRate, throughput, throughputAcrossProcesses, updateMix } from "./telegram.js";
import { scenario } from "../test/support/scenario.js";
import { benchBareDiscord, benchFullDiscord } from "./discord.js";

const report = (name: string, value: number, unit: string) =>
  console.log(`BENCH ${name} ${Number.isInteger(value) ? value : value.toFixed(value < 10 ? 2 : 0)} ${unit}`);

/** `npm run bench -- postgres` runs only the benchmarks whose name contains "postgres". */
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.some((o) => name.includes(o));

async function main(): Promise<void> {
  try {
    if (wanted("pglite")) await benchPglite();
    if (wanted("postgres")) await benchPostgres();
    if (wanted("telegram")) await benchTelegram();
    if (wanted("discord")) await benchDiscord();
    if (wanted("watcher")) await benchWatchers();
    if (wanted("process")) await benchProcessRecording(report);
    if (wanted("notify")) await benchNotify(report);
    if (wanted("payouts")) await benchPayouts(report, payoutStore);
    if (wanted("datasets")) await benchDatasets(report);
    if (wanted("charts")) await benchCharts(report);
    if (wanted("charts") || wanted("dashboard")) await benchDashboard(report);
  } finally {
    (await server)?.stop();
  }
}

/** The store payouts are benchmarked on: a fresh database on a Postgres server, else PGlite. */
async function payoutStore() {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const db = admin
    ? await openDatabase({ kind: "postgres", url: await createTestDatabase(admin), poolSize: 8 })
    : await openDatabase({ kind: "pglite" });
  return { uow: prismaUnitOfWork(db.prisma, { pool: db.pool }), close: () => db.close() };
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

/** The run's Postgres server, started at most once (none when one is given). */
let server: Promise<PostgresServer | null> | undefined;
let baseline: Promise<PgbenchBaseline | null> | undefined;

/**
 * Runs `fn` with the admin URL of the run's Postgres server and, measured once per run on that
 * same server before the first figure, its pgbench baseline (reported as it is measured).
 */
async function withPostgres(fn: (adminUrl: string, pgbench: PgbenchBaseline | null) => Promise<void>): Promise<void> {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const admin = given ?? (await (server ??= startPostgres()))?.url;
  if (!admin) return console.error("Postgres benchmarks skipped: install postgresql or set BENCH_DATABASE_URL");
  baseline ??= pgbenchBaseline(admin).then((measured) => {
    if (!measured) console.error("pgbench baseline skipped: no pgbench (install postgresql's client tools)");
    else {
      report("pgbench_tpcb_tps", measured.tps, "tps");
      console.log(`  (${measured.description})`);
    }
    return measured;
  });
  await fn(admin, await baseline);
}

/** A figure as a share of the pgbench baseline on the same server: BENCH <name>_vs_pgbench. */
const reportRatio = (name: string, perSecond: number, pgbench: PgbenchBaseline | null) => {
  if (pgbench) report(`${name}_vs_pgbench`, perSecond / pgbench.tps, "ratio");
};

async function benchTelegram(): Promise<void> {
  report("telegram_bare_updates_per_s", await throughput(bareBot(), updateMix(500, 20_000, ["x"]), 64), "updates/s");
  await withPostgres(async (admin, pgbench) => {
    const url = await createTestDatabase(admin);
    const db = await openDatabase({ kind: "postgres", url, poolSize: 16 });
    // The driver's own `query` beside Prisma, for reads and chat state (prisma/direct-sql.ts).
    const query = db.query;
    try {
      const s = scenario(prismaUnitOfWork(db.prisma, { query }));
      const owner = await s.person("owner");
      const factories = [];
      for (let i = 0; i < 12; i++) factories.push((await s.factory(owner, { name: `Factory ${i}` })).id);
      const bot = fullStackBot(s.core, s.deps.tokens, query);
      await throughput(bot, updateMix(500, 1_000, factories), 64); // warm-up: accounts exist, plans cached
      const perSecond = await throughput(bot, updateMix(500, 6_000, factories), 64);
      report("telegram_updates_per_s", perSecond, "updates/s");
      reportRatio("telegram_updates", perSecond, pgbench);
      const latency = await latencyAtRate(bot, updateMix(500, 3_000, factories), 300);
      report("telegram_p50_ms_at_300_per_s", latency.p50, "ms");
      report("telegram_p99_ms_at_300_per_s", latency.p99, "ms");
      // Webhooks behind a load balancer: two bot processes on the same database.
      const twoProcesses = await throughputAcrossProcesses(url, factories, 2, 4_000);
      report("telegram_updates_per_s_2_processes", twoProcesses, "updates/s");
      reportRatio("telegram_updates_2_processes", twoProcesses, pgbench);
    } finally {
      await db.close();
    }
  });
}

/**
 * The Discord bot on the local Discord: a bare discord.js Client first (the ceiling of the
 * emulator and discord.js on this machine), then the full stack on Postgres, and its share of the
 * bare figure. Each of the 64 simulated people at a time waits for every answer.
 */
async function benchDiscord(): Promise<void> {
  const load = { users: 500, rounds: 500, concurrency: 64 };
  const bare = await benchBareDiscord(load);
  report("discord_bare_interactions_per_s", bare, "interactions/s");
  await withPostgres(async (admin, pgbench) => {
    const db = await openDatabase({ kind: "postgres", url: await createTestDatabase(admin), poolSize: 16 });
    try {
      const s = scenario(prismaUnitOfWork(db.prisma, { query: db.query }));
      const owner = await s.person("owner");
      for (let i = 0; i < 12; i++) await s.fund(await s.factory(owner, { name: `Factory ${i}` }), 100_000_000n);
      const full = await benchFullDiscord(s.core, s.deps.tokens, load);
      report("discord_interactions_per_s", full, "interactions/s");
      report("discord_interactions_vs_bare", full / bare, "ratio");
      reportRatio("discord_interactions", full, pgbench);
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

/**
 * Settlements on Postgres, 4,000 over 8 factories: 8 callers each settling in its own
 * transaction (`settleSubmission`, as grading does), then the settlement worker's way, its
 * concurrent jobs gathered into shared transactions (`settlementBatcher`) with 8 jobs at once
 * (WORKER_CONCURRENCY's default) and with 64.
 */
async function benchPostgres(): Promise<void> {
  await withPostgres(async (admin, pgbench) => {
    const variants = [
      { name: "settlements_per_s_postgres_8_clients", clients: 8, batched: false },
      { name: "settlements_batched_per_s_postgres_8_jobs", clients: 8, batched: true },
      { name: "settlements_batched_per_s_postgres_64_jobs", clients: 64, batched: true },
    ];
    for (const v of variants) {
      const db = await openDatabase({ kind: "postgres", url: await createTestDatabase(admin), poolSize: 8 });
      try {
        // A database in service has statistics (autovacuum analyzes a table soon after it grows);
        // a freshly filled one would be planned blind.
        const analyze = () => db.prisma.$executeRawUnsafe("ANALYZE");
        const r = await benchSettlements(prismaUnitOfWork(db.prisma, { pool: db.pool }), {
          count: 4_000,
          factories: 8,
          analyze,
          ...v,
        });
        report(v.name, r.perSecond, "settlements/s");
        reportRatio(v.name.replace("_per_s_postgres", ""), r.perSecond, pgbench);
      } finally {
        await db.close();
      }
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
