import { describe, expect, it } from "vitest";
import { LedgerAccount } from "../../../core/ledger/ledger.js";
import { TEST_SUPPLY } from "../../support/core-deps.js";
import { MemoryStore } from "../../support/memory-store.js";
import { USDC, must, scenario } from "../../support/scenario.js";

const TIER = (k: bigint) => (TEST_SUPPLY * k) / 1000n;

async function balances(s: ReturnType<typeof scenario>, factoryId: string) {
  return must(await s.core.getFactoryOverview(factoryId)).available;
}

describe("accepting a submission reserves its maximum reward", () => {
  it("GIVEN a pool of 5 USDC and reward 1 THEN the submission holds 1 and 4 stay available", async () => {
    const s = scenario(new MemoryStore());
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(5));
    const sub = must(await s.submit(await s.person(), f));
    expect(sub).toMatchObject({ status: "reserved", reserved: USDC(1), score: null, token: "USDC" });
    expect(await balances(s, f.id)).toBe(USDC(4));
  });

  it("GIVEN a pool with less than one reward THEN POOL_EXHAUSTED and nothing is reserved", async () => {
    const s = scenario(new MemoryStore());
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(0.99));
    const result = await s.submit(await s.person(), f);
    expect(!result.ok && result.error.code).toBe("POOL_EXHAUSTED");
    expect(await balances(s, f.id)).toBe(USDC(0.99));
  });

  it("GIVEN a paused factory or an unknown task THEN FACTORY_NOT_LIVE / TASK_NOT_FOUND", async () => {
    const s = scenario(new MemoryStore());
    const owner = await s.person();
    const f = await s.factory(owner);
    await s.fund(f, USDC(5));
    const farmer = await s.person();
    const badTask = await s.core.acceptSubmission({ farmerId: farmer.id, factoryId: f.id, taskId: "nope" });
    expect(!badTask.ok && badTask.error.code).toBe("TASK_NOT_FOUND");
    must(
      await s.core.changeFactoryStatus({
        actor: { accountId: owner.id, isAdmin: false },
        factoryId: f.id,
        action: "pause",
      }),
    );
    const paused = await s.submit(farmer, f);
    expect(!paused.ok && paused.error.code).toBe("FACTORY_NOT_LIVE");
    const missing = await s.core.acceptSubmission({ farmerId: farmer.id, factoryId: "nope", taskId: "x" });
    expect(!missing.ok && missing.error.code).toBe("FACTORY_NOT_FOUND");
  });

  it.each([
    ["per task 2", [0, 0], 0, "LIMIT_PER_TASK_REACHED", { perTask: 2, perDay: null, total: null }],
    ["per task 2", [0, 0], 1, "accepted", { perTask: 2, perDay: null, total: null }],
    ["per day 2", [0, 1], 0, "LIMIT_PER_DAY_REACHED", { perTask: null, perDay: 2, total: null }],
    ["total 3", [0, 1, 1], 0, "LIMIT_TOTAL_REACHED", { perTask: null, perDay: null, total: 3 }],
  ])("limit %s: after submissions on tasks %j, one on task %i → %s", async (_name, earlier, next, code, limits) => {
    const s = scenario(new MemoryStore());
    const f = await s.factory(await s.person(), { limits });
    await s.fund(f, USDC(100));
    const farmer = await s.person();
    for (const task of earlier) must(await s.submit(farmer, f, task));
    const result = await s.submit(farmer, f, next);
    expect(result.ok ? "accepted" : result.error.code).toBe(code);
  });

  it("the daily limit resets at 00:00 UTC, and released submissions do not count", async () => {
    const s = scenario(new MemoryStore());
    const f = await s.factory(await s.person(), { limits: { perTask: null, perDay: 1, total: null } });
    await s.fund(f, USDC(100));
    const farmer = await s.person();
    const first = must(await s.submit(farmer, f));
    must(await s.core.releaseSubmission({ submissionId: first.id }));
    must(await s.submit(farmer, f));
    const blocked = await s.submit(farmer, f);
    expect(!blocked.ok && blocked.error.code).toBe("LIMIT_PER_DAY_REACHED");
    s.deps.clock.advance(12 * 3600_000);
    must(await s.submit(farmer, f));
  });

  it("accepting with the same submissionId twice returns the first (idempotent)", async () => {
    const s = scenario(new MemoryStore());
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(5));
    const farmer = await s.person();
    const input = { farmerId: farmer.id, factoryId: f.id, taskId: f.tasks[0]!.id, submissionId: "upload-1" };
    const a = must(await s.core.acceptSubmission(input));
    const b = must(await s.core.acceptSubmission(input));
    expect(b).toEqual(a);
    expect(await balances(s, f.id)).toBe(USDC(4));
    const other = await s.core.acceptSubmission({ ...input, farmerId: (await s.person()).id });
    expect(!other.ok && other.error.code).toBe("IDEMPOTENCY_CONFLICT");
  });
});

describe("settling a submission", () => {
  it("GIVEN score 87 on reward 1 USDC THEN gross 0.87, farmer 0.783, fee 0.087, 0.13 back to the pool, XP 87", async () => {
    const s = scenario(new MemoryStore());
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(5));
    const farmer = await s.person();
    const sub = must(await s.submit(farmer, f));
    const settled = must(await s.core.settleSubmission({ submissionId: sub.id, score: 87 }));
    expect(settled.split).toEqual({
      gross: USDC(0.87),
      fee: USDC(0.087),
      farmerNet: USDC(0.783),
      commissions: [],
      platformShare: USDC(0.087),
    });
    expect(settled.payouts.map((p) => [p.role, p.recipientId, p.units])).toEqual([["farmer", farmer.id, USDC(0.783)]]);
    expect(settled.submission).toMatchObject({ status: "settled", score: 87, gross: USDC(0.87), paid: USDC(0.87) });
    expect(settled.xpGained).toBe(87n);
    expect(await balances(s, f.id)).toBe(USDC(4.13));
    const stats = must(await s.core.getFactoryOverview(f.id)).stats;
    expect(stats).toEqual({ submissions: 1, settled: 1, paid: 1, averageScore: 87, spent: USDC(0.87) });
  });

  it("GIVEN a score below the threshold THEN nothing is paid, no XP, the whole hold returns", async () => {
    const s = scenario(new MemoryStore());
    const f = await s.factory(await s.person(), { threshold: 70 });
    await s.fund(f, USDC(5));
    const sub = must(await s.submit(await s.person(), f));
    const settled = must(await s.core.settleSubmission({ submissionId: sub.id, score: 69 }));
    expect(settled.split.gross).toBe(0n);
    expect(settled.payouts).toEqual([]);
    expect(settled.xpGained).toBe(0n);
    expect(await balances(s, f.id)).toBe(USDC(5));
  });

  it("GIVEN referrers at tiers 5 and 3 THEN 5% and 3% of gross out of the 10% fee", async () => {
    const s = scenario(new MemoryStore());
    const ambFarmer = await s.person("amb1");
    const ambCreator = await s.person("amb2");
    const owner = await s.person("owner");
    const farmer = await s.person("farmer");
    await s.refer(farmer, ambFarmer);
    await s.refer(owner, ambCreator);
    await s.stake(ambFarmer, TIER(5n));
    await s.stake(ambCreator, TIER(3n));
    const f = await s.factory(owner);
    await s.fund(f, USDC(5));
    const sub = must(await s.submit(farmer, f));
    const { split, payouts } = must(await s.core.settleSubmission({ submissionId: sub.id, score: 100 }));
    expect(split).toEqual({
      gross: USDC(1),
      fee: USDC(0.1),
      farmerNet: USDC(0.9),
      commissions: [USDC(0.05), USDC(0.03)],
      platformShare: USDC(0.02),
    });
    expect(payouts.map((p) => [p.role, p.recipientId, p.sourceId, p.units])).toEqual([
      ["farmer", farmer.id, null, USDC(0.9)],
      ["ambassador", ambFarmer.id, farmer.id, USDC(0.05)],
      ["ambassador", ambCreator.id, owner.id, USDC(0.03)],
    ]);
    const referrals = await s.core.listReferrals(ambFarmer.id);
    expect(referrals[0]!.earned).toEqual({ USDC: USDC(0.05) });
  });

  it("GIVEN a referrer with no stake THEN no commission, but the referral stays attributed", async () => {
    const s = scenario(new MemoryStore());
    const amb = await s.person();
    const farmer = await s.person();
    await s.refer(farmer, amb);
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(5));
    const sub = must(await s.submit(farmer, f));
    const { split, payouts } = must(await s.core.settleSubmission({ submissionId: sub.id, score: 100 }));
    expect(split.commissions).toEqual([0n]);
    expect(split.platformShare).toBe(USDC(0.1));
    expect(payouts).toHaveLength(1);
    expect((await s.core.listReferrals(amb.id)).map((r) => r.referee.id)).toEqual([farmer.id]);
  });

  it("a better resubmission of the same task pays only the difference; a worse one pays nothing", async () => {
    const s = scenario(new MemoryStore());
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(10));
    const farmer = await s.person();
    const first = must(await s.submit(farmer, f));
    must(await s.core.settleSubmission({ submissionId: first.id, score: 60 }));
    const second = must(await s.submit(farmer, f));
    expect(second.reserved).toBe(USDC(0.4));
    const better = must(await s.core.settleSubmission({ submissionId: second.id, score: 90 }));
    expect(better.split.gross).toBe(USDC(0.3));
    expect(better.submission).toMatchObject({ gross: USDC(0.9), paid: USDC(0.3) });
    const third = must(await s.submit(farmer, f));
    const worse = must(await s.core.settleSubmission({ submissionId: third.id, score: 80 }));
    expect(worse.split.gross).toBe(0n);
    expect(worse.payouts).toEqual([]);
    expect(await balances(s, f.id)).toBe(USDC(9.1));
    expect(must(await s.core.getFactoryOverview(f.id)).stats.spent).toBe(USDC(0.9));
  });

  it("GIVEN a farmer who scored 100 THEN a resubmission is refused with NOTHING_MORE_TO_EARN", async () => {
    const s = scenario(new MemoryStore());
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(10));
    const farmer = await s.person();
    must(await s.core.settleSubmission({ submissionId: must(await s.submit(farmer, f)).id, score: 100 }));
    const again = await s.submit(farmer, f);
    expect(!again.ok && again.error.code).toBe("NOTHING_MORE_TO_EARN");
  });

  it("two in-flight submissions of the same task never pay more than the best gross in total", async () => {
    const s = scenario(new MemoryStore());
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(10));
    const farmer = await s.person();
    const a = must(await s.submit(farmer, f));
    const b = must(await s.submit(farmer, f));
    const sa = must(await s.core.settleSubmission({ submissionId: a.id, score: 70 }));
    const sb = must(await s.core.settleSubmission({ submissionId: b.id, score: 95 }));
    expect(sa.split.gross + sb.split.gross).toBe(USDC(0.95));
  });

  it("settling twice returns the first settlement and changes nothing", async () => {
    const s = scenario(new MemoryStore());
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(5));
    const farmer = await s.person();
    const sub = must(await s.submit(farmer, f));
    const first = must(await s.core.settleSubmission({ submissionId: sub.id, score: 80 }));
    const second = must(await s.core.settleSubmission({ submissionId: sub.id, score: 80 }));
    expect(second.replayed).toBe(true);
    expect(second.split).toEqual(first.split);
    expect(second.payouts.map((p) => p.key)).toEqual(first.payouts.map((p) => p.key));
    expect(must(await s.core.getProfile(farmer.id)).account.xp).toBe(80n);
    expect(await balances(s, f.id)).toBe(USDC(4.2));
  });

  it("an XP boost multiplies XP while active", async () => {
    const store = new MemoryStore();
    const s = scenario(store);
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(5));
    const farmer = await s.person();
    await store.run(async (r) => {
      await r.accounts.setBoost(farmer.id, 15_000, new Date(s.deps.clock.now().getTime() + 3600_000));
      return { ok: true };
    });
    const settled = must(
      await s.core.settleSubmission({ submissionId: must(await s.submit(farmer, f)).id, score: 80 }),
    );
    expect(settled.xpGained).toBe(120n);
  });

  it.each([[-1], [101], [50.5], [Number.NaN]])("score %s → SCORE_INVALID", async (score) => {
    const s = scenario(new MemoryStore());
    const result = await s.core.settleSubmission({ submissionId: "x", score });
    expect(!result.ok && result.error.code).toBe("SCORE_INVALID");
  });

  it("unknown or released submissions cannot settle", async () => {
    const s = scenario(new MemoryStore());
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(5));
    const sub = must(await s.submit(await s.person(), f));
    must(await s.core.releaseSubmission({ submissionId: sub.id }));
    must(await s.core.releaseSubmission({ submissionId: sub.id }));
    expect(await balances(s, f.id)).toBe(USDC(5));
    const r1 = await s.core.settleSubmission({ submissionId: sub.id, score: 90 });
    expect(!r1.ok && r1.error.code).toBe("SUBMISSION_NOT_PENDING");
    const r2 = await s.core.settleSubmission({ submissionId: "nope", score: 90 });
    expect(!r2.ok && r2.error.code).toBe("SUBMISSION_NOT_FOUND");
  });

  it("a settled submission cannot be released", async () => {
    const s = scenario(new MemoryStore());
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(5));
    const sub = must(await s.submit(await s.person(), f));
    must(await s.core.settleSubmission({ submissionId: sub.id, score: 90 }));
    const r = await s.core.releaseSubmission({ submissionId: sub.id });
    expect(!r.ok && r.error.code).toBe("SUBMISSION_NOT_PENDING");
  });

  it("ledger accounts after a paid settlement: hold empty, farmer and fee credited", async () => {
    const store = new MemoryStore();
    const s = scenario(store);
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(5));
    const farmer = await s.person();
    const sub = must(await s.submit(farmer, f));
    must(await s.core.settleSubmission({ submissionId: sub.id, score: 100 }));
    const b = store.balances();
    expect(b.get(`USDC\u0000${LedgerAccount.hold(sub.id)}`)).toBe(0n);
    expect(b.get(`USDC\u0000${LedgerAccount.farmer(farmer.id)}`)).toBe(USDC(0.9));
    expect(b.get(`USDC\u0000${LedgerAccount.platformFee()}`)).toBe(USDC(0.1));
  });
});
