// Reads outside transactions run their raw statements on the driver itself (direct-sql.ts), not
// through Prisma: on PGlite and on Postgres they must give exactly what Prisma's raw statements
// give, type for type, and core's reads must come to the same views either way.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgPool, pgliteAdapter } from "../../prisma/adapters.js";
import { pgliteQuery, poolQuery, type SqlQuery } from "../../prisma/direct-sql.js";
import { PrismaClient } from "../../prisma/generated/client.js";
import { sqlKeyValueStore } from "../../prisma/key-value-store.js";
import { openDatabase } from "../../prisma/database.js";
import { migrate } from "../../prisma/migrate.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { TEST_SUPPLY } from "../support/core-deps.js";
import { createTestDatabase, postgresUrl } from "../support/databases.js";
import { USDC, must, scenario } from "../support/scenario.js";

interface Direct {
  readonly prisma: PrismaClient;
  readonly query: SqlQuery;
  close(): Promise<void>;
}

/** A migrated database with both ways in: Prisma, and its driver's own `query`. */
async function open(kind: "pglite" | "postgres"): Promise<Direct> {
  if (kind === "postgres") {
    const pool = createPgPool(await createTestDatabase(postgresUrl()), 6);
    const client = await pool.connect();
    await migrate({
      exec: async (sql) => void (await client.query(sql)),
      query: async (sql, params) => (await client.query(sql, params)).rows,
    }).finally(() => client.release());
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return { prisma, query: poolQuery(pool), close: () => prisma.$disconnect().then(() => pool.end()) };
  }
  const db = new PGlite();
  await migrate({
    exec: async (sql) => void (await db.exec(sql)),
    query: async (sql, p) => (await db.query(sql, p)).rows as never,
  });
  const prisma = new PrismaClient({ adapter: pgliteAdapter(db) });
  return { prisma, query: pgliteQuery(db), close: () => prisma.$disconnect().then(() => db.close()) };
}

const kinds = postgresUrl() ? (["pglite", "postgres"] as const) : (["pglite"] as const);

describe.each(kinds)("reads on the driver itself, %s", (kind) => {
  let d: Direct;
  beforeAll(async () => {
    d = await open(kind);
  });
  afterAll(() => d.close());

  it("gives every column type the schema uses, and takes every parameter type, as Prisma's raw statements do", async () => {
    const sql = `SELECT 1::int8 AS small, 9007199254740993::int8 AS past_2_53, NULL::int8 AS none,
      123456789012345678901234567890123456789::numeric(39,0) AS units, (-5)::numeric(40,0) AS debit, 2::int4 AS int,
      'x'::text AS text, true AS bool, 1.5::float8 AS float, '2026-11-25T12:00:00.123Z'::timestamptz AS at,
      '{"a":[1,"2"],"b":null}'::jsonb AS doc, ARRAY['a', NULL]::text[] AS texts, count(*) AS n,
      $1::timestamptz AS p_at, $2::int8 AS p_big, $3::numeric AS p_units, $4::text[] AS p_texts, $5::jsonb AS p_doc,
      $6::int AS p_int, $7::text AS p_null
      FROM (VALUES (1), (2)) v(x)`;
    const params = [
      new Date("2026-11-30T01:02:03.456Z"),
      2n ** 62n,
      "10000000000000000000001",
      ["a", "b"],
      '{"k":1}',
      7,
      null,
    ];
    const [viaPrisma] = await d.prisma.$queryRawUnsafe<unknown[]>(sql, ...params);
    const [viaDriver] = await d.query<unknown>(sql, params);
    expect(viaDriver).toStrictEqual(viaPrisma);
    expect(viaDriver).toMatchObject({ past_2_53: 9007199254740993n, n: 2n, p_big: 2n ** 62n });
  });

  it("GIVEN factories, stakes, referrals and settled submissions THEN core's reads through the driver come to the same views", async () => {
    const viaPrisma = prismaUnitOfWork(d.prisma);
    const viaDriver = prismaUnitOfWork(d.prisma, { query: d.query });
    const s = scenario(viaPrisma);
    const [amb, owner, farmer] = [await s.person("amb"), await s.person("owner"), await s.person("farmer")];
    await s.stake(amb, (TEST_SUPPLY * 3n) / 1000n);
    await s.refer(farmer, amb);
    await s.refer(owner, amb);
    const f = await s.factory(owner);
    await s.fund(f, USDC(10));
    for (const score of [60, 90])
      must(await s.core.settleSubmission({ submissionId: must(await s.submit(farmer, f)).id, score }));
    const pending = must(await s.submit(farmer, f, 1));
    const both = async <T>(read: (core: typeof s.core) => Promise<T>) => {
      const other = scenario(viaDriver).core;
      return [await read(s.core), await read(other)] as const;
    };
    const page = { offset: 0, limit: 10 };
    for (const [a, b] of [
      await both((c) => c.getProfile(farmer.id)),
      await both((c) => c.getProfile(amb.id)),
      await both((c) => c.getLeaderboard(5)),
      await both((c) => c.listReferrals(amb.id)),
      await both((c) => c.getFactoryOverview(f.id)),
      await both((c) => c.listOwnedFactories(owner.id)),
      await both((c) => c.browseFactories(page)),
      await both((c) => c.listSubmissions(farmer.id, page)),
      await both((c) => c.getSubmission(pending.id)),
      await both((c) => c.getEarnings(farmer.id)),
      await both((c) => c.getEarnings(amb.id)),
      await both((c) => c.getStakeTier(amb.id)),
      await both((c) => c.listRecordings(farmer.id, page)),
    ])
      expect(b).toEqual(a);
  });

  it("keeps chat state through the driver as through Prisma: one store, two ways in", async () => {
    const driver = sqlKeyValueStore<{ step: number }>(d.query, "session");
    const prisma = sqlKeyValueStore<{ step: number }>((sql, p) => d.prisma.$queryRawUnsafe(sql, ...p), "session");
    await driver.write("7", { step: 1 });
    expect(await prisma.read("7")).toEqual({ step: 1 });
    await prisma.write("7", { step: 2 });
    expect(await driver.take("7")).toEqual({ step: 2 });
    expect(await prisma.read("7")).toBeUndefined();
  });
});

describe.runIf(postgresUrl())("statements on a Postgres server's pool", () => {
  it("are prepared once per connection and reused, and a failed one leaves the next working", async () => {
    const pool = createPgPool(await createTestDatabase(postgresUrl()), 1);
    try {
      const query = poolQuery(pool);
      const sql = "SELECT $1::int8 * 2 AS twice";
      for (const n of [1n, 2n, 3n]) expect(await query(sql, [n])).toEqual([{ twice: n * 2n }]);
      const prepared = await query<{ statement: string }>(
        "SELECT statement FROM pg_prepared_statements WHERE name LIKE 'forge_%' ORDER BY statement",
        [],
      );
      expect(prepared.map((p) => p.statement).filter((s) => s === sql)).toHaveLength(1);
      await expect(query("SELECT 1 / $1::int AS x", [0])).rejects.toThrow(/division by zero/);
      expect(await query("SELECT 1 / $1::int AS x", [1])).toEqual([{ x: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it("an idle connection the server drops is reported, and the next statement runs on a new one", async () => {
    const url = await createTestDatabase(postgresUrl());
    const dropped: Error[] = [];
    const db = await openDatabase({ kind: "postgres", url, poolSize: 2, onConnectionError: (e) => dropped.push(e) });
    try {
      expect(await db.query("SELECT 1 AS one", [])).toEqual([{ one: 1 }]);
      const admin = createPgPool(postgresUrl(), 1);
      await admin
        .query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
          [new URL(url).pathname.slice(1)],
        )
        .finally(() => admin.end());
      for (let i = 0; i < 100 && dropped.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(dropped.length).toBeGreaterThan(0);
      expect(dropped[0]!.message).toMatch(/terminat/i);
      expect(await db.query("SELECT 2 AS two", [])).toEqual([{ two: 2 }]);
    } finally {
      await db.close();
    }
  });
});
