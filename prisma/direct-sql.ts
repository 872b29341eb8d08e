// Statements run on the driver itself, without Prisma. Prisma 6.19's client engine compiles every
// raw statement anew (its WASM query compiler) and interprets the plan: about 0.6 ms of CPU per
// statement here, against 0.17 ms for the same statement through `pg` one at a time and about
// 0.02 ms pipelined (poolQuery), and a chat update makes several. Reads outside transactions and
// chat state take this path (prismaUnitOfWork's `query`, sqlKeyValueStore); a transaction still
// runs through Prisma.
import type { PGlite } from "@electric-sql/pglite";
import { createHash } from "node:crypto";
import pg from "pg";
import { Prisma } from "./generated/client.js";

/** Runs one statement on its own (no transaction); its rows, typed as Prisma's raw queries type them. */
export type SqlQuery = <R>(sql: string, params: readonly unknown[]) => Promise<R[]>;

const INT8 = 20;
const NUMERIC = 1700;

/**
 * The values Prisma's `$queryRawUnsafe` gives and the drivers do not: int8 as bigint (pg gives a
 * string, PGlite a lossy number) and numeric as Prisma.Decimal (both give a string). The rest
 * (int4, text, bool, timestamptz as Date, json as values) the drivers already give alike.
 */
export const PARSERS: Record<number, (text: string) => unknown> = {
  [INT8]: (text) => BigInt(text),
  [NUMERIC]: (text) => new Prisma.Decimal(text),
};

export const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * One name per statement text: each connection parses a statement once and Postgres may keep its
 * plan (the Telegram benchmark's mix went from about 500 to about 780 updates/s with it). The
 * texts are the repositories' constants; past MAX_NAMED distinct ones (a text built from values
 * would be a bug), statements go unnamed rather than pile up on every connection.
 */
const names = new Map<string, string>();
const MAX_NAMED = 1_000;
export const statementName = (sql: string): string | undefined => {
  let name = names.get(sql);
  if (!name && names.size < MAX_NAMED)
    names.set(sql, (name = `forge_${createHash("sha1").update(sql).digest("hex").slice(0, 16)}`));
  return name;
};

/** Connections statements are pipelined on, at most (each one a server process working for us). */
const MAX_LANES = 2;

/** A pool connection in pipeline mode (pg's `pipeline` flag, read on every send). */
interface Lane {
  readonly ready: Promise<pg.PoolClient>;
  client?: pg.PoolClient;
  /** Statements sent on it and not yet answered (or about to be sent). */
  inFlight: number;
  corked: boolean;
  /** The connection failed: released with its error (the pool drops it) once its statements are answered. */
  failed?: Error;
  onError?: (error: Error) => void;
}

type PipelineFlag = { pipeline: boolean; connection: { stream: { cork(): void; uncork(): void } } };

/**
 * Statements on a Postgres server's pool, pipelined: each is sent without waiting for the answer
 * to the one before it on its connection, and those sent in the same tick of the event loop go
 * out in one write. A round trip per statement (a send, a wake-up of the server process, an
 * answer, a wake-up of ours) is most of what a short statement costs on a small machine: the
 * Telegram benchmark spent a quarter of its CPU in the send alone. Each statement is still its
 * own transaction (a Sync after each), so a failed one fails alone. At most MAX_LANES pool
 * connections carry them; each goes back to the pool as soon as none of its statements is
 * waiting, so Prisma's transactions and the pool's own checks see the pool as before. A long
 * statement delays those queued behind it on its connection: these are short reads and chat
 * state writes (a transaction runs through Prisma on a connection of its own).
 */
export function poolQuery(pool: pg.Pool): SqlQuery {
  const maxLanes = Math.max(1, Math.min(MAX_LANES, pool.options.max ?? MAX_LANES));
  const lanes: Lane[] = [];
  /** The lane this tick's statements are written on: one write for all of them at the tick's end. */
  let batch: Lane | undefined;

  const flag = (client: pg.PoolClient) => client as unknown as PipelineFlag;
  const uncork = (lane: Lane) => {
    if (!lane.corked) return;
    lane.corked = false;
    flag(lane.client!).connection.stream.uncork();
  };
  const retire = (lane: Lane) => {
    const at = lanes.indexOf(lane);
    if (at >= 0) lanes.splice(at, 1);
    if (batch === lane) batch = undefined;
    if (!lane.client) return;
    uncork(lane);
    flag(lane.client).pipeline = false;
    lane.client.removeListener("error", lane.onError!);
    lane.client.release(lane.failed ?? false);
  };
  const open = (): Lane => {
    const lane: Lane = {
      inFlight: 0,
      corked: false,
      ready: pool.connect().then(
        (client) => {
          lane.onError = (error) => {
            // Its statements have their error already; a new one goes on another connection.
            lane.failed = error;
            const at = lanes.indexOf(lane);
            if (at >= 0) lanes.splice(at, 1);
            if (batch === lane) batch = undefined;
          };
          client.on("error", lane.onError);
          flag(client).pipeline = true;
          lane.client = client;
          if (lane.failed === undefined && lane.inFlight === 0) retire(lane);
          return client;
        },
        (error: unknown) => {
          retire(lane);
          throw error;
        },
      ),
    };
    lanes.push(lane);
    return lane;
  };
  const pick = (): Lane => {
    if (batch) return batch;
    let lane = lanes[0];
    for (const other of lanes) if (other.inFlight < lane!.inFlight) lane = other;
    if (!lane || (lane.inFlight > 0 && lanes.length < maxLanes)) lane = open();
    batch = lane;
    if (lane.client) {
      lane.corked = true;
      flag(lane.client).connection.stream.cork();
    }
    process.nextTick(() => {
      if (batch === lane) batch = undefined;
      uncork(lane);
    });
    return lane;
  };

  return async <R>(sql: string, params: readonly unknown[]) => {
    const lane = pick();
    lane.inFlight++;
    try {
      const client = lane.client ?? (await lane.ready);
      const config = { name: statementName(sql), text: sql, values: [...params], types: pgTypes };
      return (await client.query(config)).rows as R[];
    } finally {
      if (--lane.inFlight === 0 && lane.client) retire(lane);
    }
  };
}

export const pgliteQuery =
  (db: PGlite): SqlQuery =>
  async <R>(sql: string, params: readonly unknown[]) =>
    (await db.query<R>(sql, [...params], { parsers: PARSERS })).rows;
