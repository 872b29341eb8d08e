// Units of work with the driver's pool (prismaUnitOfWork's `pool`): one that starts with the
// settlement repository runs its transaction on the driver (prisma/direct-transaction.ts), any
// other on Prisma; a direct one that turns to a Prisma model call is rolled back and run again
// on Prisma; a failure or a throw keeps nothing.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LedgerAccount, type JournalEntry } from "../../core/ledger/ledger.js";
import type { UnitOfWork } from "../../core/ports/repositories.js";
import { fail } from "../../core/shared/errors.js";
import { ok } from "../../core/shared/result.js";
import { createPgPool } from "../../prisma/adapters.js";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { verifyLedger } from "../../prisma/verify-ledger.js";
import { createTestDatabase, postgresUrl } from "../support/databases.js";
import { USDC, must, scenario } from "../support/scenario.js";

describe.runIf(postgresUrl())("units of work on the driver's pool", () => {
  let db: Database;
  let pool: pg.Pool;
  let uow: UnitOfWork;
  /** Connections taken from the direct pool so far. */
  let taken = 0;
  beforeAll(async () => {
    const url = await createTestDatabase(postgresUrl());
    db = await openDatabase({ kind: "postgres", url, poolSize: 8 });
    pool = createPgPool(url, 4);
    pool.on("acquire", () => taken++);
    uow = prismaUnitOfWork(db.prisma, { query: db.query, pool });
  });
  afterAll(async () => {
    await pool.end();
    await db.close();
  });

  /** A submission, reserved, of a funded factory. */
  async function reserved() {
    const s = scenario(uow);
    const f = await s.factory(await s.person(), { rewardPerDemo: USDC(1) });
    await s.fund(f, USDC(10));
    return { s, f, id: must(await s.submit(await s.person(), f, 0)).id };
  }
  const credit = (key: string, account: string): JournalEntry => ({
    key,
    kind: "deposit",
    transfers: [{ from: LedgerAccount.external(), to: account, token: "USDC", units: USDC(1) }],
  });
  const balance = (account: string) => uow.read((r) => r.ledger.balance(account, "USDC"));

  it("GIVEN a pool WHEN a batch settles THEN its transaction runs on the pool, and accepting a submission does not", async () => {
    const { s, f } = await reserved();
    const before = taken;
    const farmer = await s.person();
    const id = must(await s.submit(farmer, f, 1)).id;
    expect(taken).toBe(before);
    const [settled] = await s.core.settleSubmissions([{ submissionId: id, score: 80 }]);
    expect(must(settled!).split.gross).toBe(USDC(0.8));
    expect(taken).toBe(before + 1);
    expect(await verifyLedger(db.prisma)).toMatchObject({ negative: [], mismatched: [] });
  });

  it("GIVEN a direct unit of work that then calls a Prisma model WHEN run THEN its direct attempt is rolled back and it runs again on Prisma, once kept", async () => {
    const { id } = await reserved();
    const account = `pool:direct-fallback-${id}`;
    let calls = 0;
    const result = await uow.run(async (r) => {
      calls++;
      await r.settlements.loadMany([id]);
      await r.ledger.post(credit(`direct-fallback:${id}`, account));
      return ok(await r.payouts.listBySubmission(id));
    });
    expect(result).toEqual(ok([]));
    expect(calls).toBe(2);
    expect(await balance(account)).toBe(USDC(1));
  });

  it("GIVEN a direct unit of work WHEN it returns a failure or throws THEN nothing it wrote is kept", async () => {
    const { id } = await reserved();
    const account = `pool:direct-rollback-${id}`;
    const failed = await uow.run(async (r) => {
      await r.settlements.load(id);
      await r.ledger.post(credit(`direct-rollback-1:${id}`, account));
      return fail("SUBMISSION_NOT_PENDING", { status: "reserved" });
    });
    expect(failed.ok).toBe(false);
    await expect(
      uow.run(async (r) => {
        await r.settlements.load(id);
        await r.ledger.post(credit(`direct-rollback-2:${id}`, account));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await balance(account)).toBe(0n);
    const kept = await uow.run(async (r) => {
      await r.settlements.load(id);
      return ok(await r.ledger.post(credit(`direct-rollback-3:${id}`, account)));
    });
    expect(kept).toEqual(ok({ status: "posted" }));
    expect(await balance(account)).toBe(USDC(1));
  });
});
