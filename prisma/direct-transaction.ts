// A transaction on a pool connection of the driver itself, for units of work whose statements are
// all raw SQL (settling: see prismaUnitOfWork). Prisma 6.19's client engine compiles every raw
// statement anew, about 0.6 ms of CPU each (direct-sql.ts); here a statement is prepared once per
// connection under a name (so Postgres keeps its plan too), and the statements of a transaction
// are pipelined: each is sent without waiting for the answer to the one before it, BEGIN with the
// first of them. Statements still run in the order they are sent, in one transaction.
import type pg from "pg";
import { pgTypes as types, statementName } from "./direct-sql.js";

/** Prisma's raw queries take bigints; the driver does not. */
const param = (value: unknown): unknown => (typeof value === "bigint" ? value.toString() : value);

type Pipelined = pg.PoolClient & { pipeline: boolean; connection: { stream: { cork(): void; uncork(): void } } };

export interface DirectTransaction {
  /** Runs a statement in the transaction (BEGIN goes out with the first one); its rows. */
  query<R>(sql: string, params: readonly unknown[]): Promise<{ rows: R[]; rowCount: number }>;
  /** Commits (nothing to do when no statement ran); the connection goes back to the pool. */
  commit(): Promise<void>;
  /** Rolls back; the connection goes back to the pool (dropped if it failed). */
  rollback(): Promise<void>;
}

export function directTransaction(pool: pg.Pool): DirectTransaction {
  let client: Promise<Pipelined> | undefined;
  let begun = false;
  let failed: unknown;
  const release = async (end: "COMMIT" | "ROLLBACK") => {
    if (!client) return;
    const pending = client;
    client = undefined; // ended: a later commit or rollback has nothing to do
    const c = await pending;
    try {
      if (begun) await c.query(end);
    } catch (error) {
      failed ??= error;
      throw error;
    } finally {
      c.pipeline = false;
      c.release(failed instanceof Error ? failed : undefined);
    }
  };
  return {
    async query<R>(sql: string, params: readonly unknown[]) {
      const c = await (client ??= pool.connect().then((connected) => {
        const pipelined = connected as Pipelined;
        pipelined.pipeline = true;
        return pipelined;
      }));
      const config = { name: statementName(sql), text: sql, values: params.map(param), types };
      let result: Promise<pg.QueryResult>;
      if (begun) result = c.query(config);
      else {
        // BEGIN and the first statement in one write; a failed BEGIN fails that statement too.
        begun = true;
        c.connection.stream.cork();
        try {
          c.query("BEGIN").catch((error: unknown) => (failed ??= error));
          result = c.query(config);
        } finally {
          c.connection.stream.uncork();
        }
      }
      const { rows, rowCount } = await result;
      return { rows: rows as R[], rowCount: rowCount ?? 0 };
    },
    commit: () => release("COMMIT"),
    rollback: async () => {
      await release("ROLLBACK").catch(() => undefined);
    },
  };
}
