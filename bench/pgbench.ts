// The machine's own Postgres baseline, measured in the same run and on the same server as the
// benchmarks that touch Postgres, so that their figures read as a share of what this server does
// here rather than as absolute numbers from another machine.
//
// pgbench's default TPC-B-like script (per transaction: three UPDATEs, a SELECT and an INSERT
// over pgbench_accounts/tellers/branches/history), `-c 8 -j 2` (8 clients, as the settlement
// benchmark's 8 callers; 2 client threads), on a scratch database
// initialised with `pgbench -i -s 10` (1,000,000 accounts, 10 branches: at least one branch
// per client, so the clients do not all queue on one branch row) for 15 s. BENCH_PGBENCH_SCALE
// and BENCH_PGBENCH_SECONDS override the scale and the duration.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { createTestDatabase, findPostgresBin } from "../test/support/postgres-server.js";

const run = promisify(execFile);

export interface PgbenchBaseline {
  readonly tps: number;
  /** How it was measured and on what server settings, for the line beside the figure. */
  readonly description: string;
}

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** Runs pgbench against a scratch database on the server at `adminUrl` (dropped afterwards). */
export async function pgbenchBaseline(adminUrl: string): Promise<PgbenchBaseline | null> {
  const bin = findPostgresBin();
  if (!bin) return null;
  const scale = setting("BENCH_PGBENCH_SCALE", 10);
  const seconds = setting("BENCH_PGBENCH_SECONDS", 15);
  const url = await createTestDatabase(adminUrl);
  try {
    const pgbench = join(bin, "pgbench");
    await run(pgbench, ["-i", "-q", "-s", String(scale), url], { maxBuffer: 1 << 24 });
    const { stdout } = await run(pgbench, ["-c", "8", "-j", "2", "-T", String(seconds), url], { maxBuffer: 1 << 24 });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
    const server = await serverSettings(url);
    return {
      tps: Number(tps),
      description: `pgbench TPC-B-like (default script), scale ${scale}, 8 clients, 2 threads, ${seconds} s; server ${server}`,
    };
  } finally {
    await dropDatabase(adminUrl, url);
  }
}

async function serverSettings(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const show = async (name: string) => (await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name];
    const version = (await show("server_version"))?.split(" ")[0];
    return `Postgres ${version}, fsync=${await show("fsync")}, synchronous_commit=${await show("synchronous_commit")}, shared_buffers=${await show("shared_buffers")}`;
  } finally {
    await client.end();
  }
}

async function dropDatabase(adminUrl: string, url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)}`);
  } finally {
    await admin.end();
  }
}
