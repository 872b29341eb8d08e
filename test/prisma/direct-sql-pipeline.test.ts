// Statements through the driver on a Postgres server are pipelined (prisma/direct-sql.ts): sent
// together on one connection, each still answered (and failing) on its own, the connection back
// in the pool once nothing waits on it.
import { describe, expect, it } from "vitest";
import { createPgPool } from "../../prisma/adapters.js";
import { poolQuery } from "../../prisma/direct-sql.js";
import { createTestDatabase, postgresUrl } from "../support/databases.js";

const PID = "SELECT pg_backend_pid() AS pid, $1::int AS n";

describe.runIf(postgresUrl())("statements pipelined on a Postgres server's pool", () => {
  it("GIVEN statements sent at once THEN they share one connection and each gets its own answer", async () => {
    const pool = createPgPool(await createTestDatabase(postgresUrl()), 8);
    try {
      const query = poolQuery(pool);
      const rows = await Promise.all(Array.from({ length: 20 }, (_, n) => query<{ pid: number; n: number }>(PID, [n])));
      expect(rows.map((r) => r[0]!.n)).toEqual(Array.from({ length: 20 }, (_, n) => n));
      expect(new Set(rows.map((r) => r[0]!.pid)).size).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it("GIVEN one statement of a batch fails THEN it fails alone and the others are answered", async () => {
    const pool = createPgPool(await createTestDatabase(postgresUrl()), 2);
    try {
      const query = poolQuery(pool);
      const results = await Promise.allSettled([
        query("SELECT 1 / $1::int AS x", [1]),
        query("SELECT 1 / $1::int AS x", [0]),
        query("SELECT 2 / $1::int AS x", [1]),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/division by zero/);
      expect((results[2] as PromiseFulfilledResult<unknown>).value).toEqual([{ x: 2 }]);
    } finally {
      await pool.end();
    }
  });

  it("GIVEN a pool of one connection THEN it is back in the pool between statements, for others and for ending", async () => {
    const pool = createPgPool(await createTestDatabase(postgresUrl()), 1);
    const query = poolQuery(pool);
    await Promise.all([query(PID, [1]), query(PID, [2])]);
    expect(pool.idleCount).toBe(1);
    expect((await pool.query("SELECT 3 AS three")).rows).toEqual([{ three: 3 }]);
    expect(await query(PID, [4])).toHaveLength(1);
    await pool.end(); // would wait forever for a connection kept out of the pool
  });

  it("GIVEN the server ends the connection mid-statement THEN those statements fail and the next run on a new one", async () => {
    const url = await createTestDatabase(postgresUrl());
    const pool = createPgPool(url, 4);
    const admin = createPgPool(postgresUrl(), 1);
    try {
      const query = poolQuery(pool);
      const [{ pid }] = (await query<{ pid: number }>(PID, [0])) as [{ pid: number }];
      const slow = Promise.allSettled([query("SELECT pg_sleep(5)", []), query(PID, [1])]);
      for (let i = 0; i < 100; i++) {
        const active = await admin.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'");
        if (active.rowCount) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [new URL(url).pathname.slice(1)],
      );
      const settled = await slow;
      expect(settled.map((r) => r.status)).toEqual(["rejected", "rejected"]);
      const [after] = await query<{ pid: number; n: number }>(PID, [2]);
      expect(after!.n).toBe(2);
      expect(after!.pid).not.toBe(pid);
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});
