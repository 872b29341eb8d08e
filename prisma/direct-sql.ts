// Statements run on the driver itself, without Prisma. Prisma 6.19's client engine compiles every
// raw statement anew (its WASM query compiler) and interprets the plan: about 0.6 ms of CPU per
// statement here, against 0.17 ms for the same statement through `pg`, and a chat update makes
// several. Reads outside transactions and chat state take this path (prismaUnitOfWork's `query`,
// sqlKeyValueStore); a transaction still runs through Prisma.
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
const PARSERS: Record<number, (text: string) => unknown> = {
  [INT8]: (text) => BigInt(text),
  [NUMERIC]: (text) => new Prisma.Decimal(text),
};

const pgTypes = {
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
const statementName = (sql: string): string | undefined => {
  let name = names.get(sql);
  if (!name && names.size < MAX_NAMED)
    names.set(sql, (name = `forge_${createHash("sha1").update(sql).digest("hex").slice(0, 16)}`));
  return name;
};

export const poolQuery =
  (pool: pg.Pool): SqlQuery =>
  async <R>(sql: string, params: readonly unknown[]) =>
    (await pool.query({ name: statementName(sql), text: sql, values: [...params], types: pgTypes })).rows as R[];

export const pgliteQuery =
  (db: PGlite): SqlQuery =>
  async <R>(sql: string, params: readonly unknown[]) =>
    (await db.query<R>(sql, [...params], { parsers: PARSERS })).rows;
