// Races against a real database: concurrent units of work on one pool.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyLedger } from "../../prisma/verify-ledger.js";
import { openStore, postgresUrl, type StoreUnderTest } from "../support/databases.js";
import { USDC, must, scenario } from "../support/scenario.js";
import { randomWallet, TEST_TREASURY } from "../support/core-deps.js";

const kinds = postgresUrl() ? (["postgres", "pglite"] as const) : (["pglite"] as const);

describe.each(kinds)("races on %s", (kind) => {
  let store: StoreUnderTest;
  beforeAll(async () => {
    store = await openStore(kind, { poolSize: 24 });
  });
  afterAll(() => store.close());

  it("GIVEN a pool that can pay 5 WHEN 20 farmers submit at once THEN exactly 5 are reserved and 15 get POOL_EXHAUSTED", async () => {
    const s = scenario(store.uow);
    const f = await s.factory(await s.person(), { rewardPerDemo: USDC(1) });
    await s.fund(f, USDC(5.5));
    const farmers = await Promise.all(Array.from({ length: 20 }, () => s.person()));
    const results = await Promise.all(farmers.map((farmer) => s.submit(farmer, f)));
    const accepted = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok).map((r) => (!r.ok ? r.error.code : null));
    expect(accepted).toHaveLength(5);
    expect(refused).toEqual(Array(15).fill("POOL_EXHAUSTED"));
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(0.5));
    const audit = await verifyLedger(store.db!.prisma);
    expect(audit.negative).toEqual([]);
    expect(audit.mismatched).toEqual([]);
  });

  it("GIVEN deposits arriving while 30 farmers reserve THEN no credit is lost and the pool never goes negative", async () => {
    const s = scenario(store.uow);
    const f = await s.factory(await s.person(), { rewardPerDemo: USDC(1) });
    await s.fund(f, USDC(3));
    const farmers = await Promise.all(Array.from({ length: 30 }, () => s.person()));
    const results = await Promise.all([
      ...farmers.map((farmer) => s.submit(farmer, f)),
      ...Array.from({ length: 10 }, () => s.fund(f, USDC(1))),
    ]);
    const reserved = results.filter((r) => "ok" in r && r.ok).length;
    expect(reserved).toBeGreaterThanOrEqual(3);
    expect(reserved).toBeLessThanOrEqual(13);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(13 - reserved));
    const audit = await verifyLedger(store.db!.prisma);
    expect(audit).toMatchObject({ negative: [], mismatched: [] });
  });

  it("GIVEN one farmer with a per-task limit of 2 WHEN 10 of their submissions race THEN exactly 2 pass", async () => {
    const s = scenario(store.uow);
    const f = await s.factory(await s.person(), { limits: { perTask: 2, perDay: null, total: null } });
    await s.fund(f, USDC(100));
    const farmer = await s.person();
    const results = await Promise.all(Array.from({ length: 10 }, () => s.submit(farmer, f)));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(new Set(results.filter((r) => !r.ok).map((r) => (!r.ok ? r.error.code : "")))).toEqual(
      new Set(["LIMIT_PER_TASK_REACHED"]),
    );
  });

  it("GIVEN one scored submission WHEN 10 workers settle it at once THEN it is paid exactly once", async () => {
    const s = scenario(store.uow);
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(5));
    const farmer = await s.person();
    const sub = must(await s.submit(farmer, f));
    const results = await Promise.all(
      Array.from({ length: 10 }, () => s.core.settleSubmission({ submissionId: sub.id, score: 90 })),
    );
    const settled = results.map((r) => must(r));
    expect(settled.filter((x) => !x.replayed)).toHaveLength(1);
    for (const x of settled) expect(x.split.farmerNet).toBe(USDC(0.81));
    expect(must(await s.core.getProfile(farmer.id)).account.xp).toBe(90n);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(4.1));
  });

  it("GIVEN the same deposit seen by 10 watchers at once THEN it is credited once", async () => {
    const s = scenario(store.uow);
    const f = await s.factory(await s.person());
    const input = { key: `deposit:race-${Math.random()}`, factoryId: f.id, token: "USDC" as const, units: USDC(25) };
    const results = (await Promise.all(Array.from({ length: 10 }, () => s.core.creditDeposit(input)))).map((r) =>
      must(r),
    );
    expect(results.filter((r) => r.credited)).toHaveLength(1);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(25));
  });

  it("GIVEN one on-chain payment seen by 10 watchers at once THEN it is recorded and credited once", async () => {
    const s = scenario(store.uow);
    const owner = await s.person();
    const f = await s.factory(owner);
    const request = await s.fundRequest(f, USDC(25));
    const transfer = {
      signature: `sig-${Math.random()}`,
      references: [request.reference],
      payer: randomWallet(),
      recipient: TEST_TREASURY,
      token: "USDC" as const,
      units: USDC(25),
      slot: 5n,
    };
    const results = (await Promise.all(Array.from({ length: 10 }, () => s.core.recordPayment(transfer)))).map((r) =>
      must(r),
    );
    expect(results.filter((r) => r.isNew)).toHaveLength(1);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(25));
  });

  it("GIVEN two people opening each other's links at once THEN no referral cycle forms", async () => {
    const s = scenario(store.uow);
    const a = await s.person();
    const b = await s.person();
    const [ab, ba] = await Promise.all([
      s.core.attributeReferral({ accountId: a.id, code: b.referralCode }),
      s.core.attributeReferral({ accountId: b.id, code: a.referralCode }),
    ]);
    expect([ab.ok, ba.ok].filter(Boolean)).toHaveLength(1);
    expect([ab, ba].find((r) => !r.ok)?.ok === false && [ab, ba].find((r) => !r.ok)).toMatchObject({
      error: { code: "REFERRAL_CYCLE" },
    });
  });
});
