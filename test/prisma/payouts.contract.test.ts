// Money out through the core, on every store: owed → in flight → paid (or back to owed), with
// the ledger following each step, and the guards that keep a payout from going out twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LedgerAccount } from "../../core/ledger/ledger.js";
import { units } from "../../core/money/units.js";
import { MAX_PAYOUT_ATTEMPTS } from "../../core/payouts/payout.js";
import type { Repositories } from "../../core/ports/repositories.js";
import { randomWallet, TEST_SUPPLY } from "../support/core-deps.js";
import { openStore, storeKinds, type StoreUnderTest } from "../support/databases.js";
import { USDC, must, scenario } from "../support/scenario.js";

describe.each(storeKinds())("payouts on %s", (kind) => {
  let store: StoreUnderTest;
  beforeAll(async () => {
    store = await openStore(kind, { poolSize: 8 });
  });
  afterAll(() => store.close());

  const balance = (account: string, token: "USDC" | "SOL" | "CLONES" = "USDC") =>
    store.uow.read((r: Repositories) => r.ledger.balance(account, token));

  /** A farmer paid 0.72 USDC net for a score of 80 on a 1 USDC reward. */
  async function owedFarmer(options: { wallet?: boolean } = {}) {
    const s = scenario(store.uow);
    const owner = await s.person();
    const f = await s.factory(owner);
    await s.fund(f, USDC(10));
    const farmer = await s.person();
    const wallet = randomWallet();
    if (options.wallet !== false) must(await s.core.linkWallet({ accountId: farmer.id, address: wallet }));
    const sub = must(await s.submit(farmer, f));
    const { payouts } = must(await s.core.settleSubmission({ submissionId: sub.id, score: 80 }));
    return { s, owner, f, farmer, wallet, payout: payouts[0]! };
  }

  const planAll = async (s: ReturnType<typeof scenario>, recipientId: string) => {
    const { payable } = await s.core.listPayable({ limit: 1_000 });
    const mine = payable.filter((g) => g.recipientId === recipientId);
    expect(mine).toHaveLength(1);
    const g = mine[0]!;
    return must(
      await s.core.planBatch({
        token: g.token,
        source: g.source,
        recipients: [{ recipientId: g.recipientId, wallet: g.wallet, payoutIds: g.payouts.map((p) => p.id) }],
      }),
    )!;
  };

  /** Signs a batch for the payouts it holds in flight now (what a worker that just listed it would). */
  const sign = async (s: ReturnType<typeof scenario>, batchId: string, signature = `sig-${Math.random()}`) => {
    const open = (await s.core.listOpenBatches(1_000)).find((b) => b.batch.id === batchId);
    return s.core.recordSignedAttempt({
      batchId,
      signature,
      blockhash: "bh",
      lastValidBlockHeight: 150n,
      wire: "AA==",
      payouts: open?.payouts ?? [],
    });
  };

  it("GIVEN a worker that built a batch's transaction WHEN another worker took a payout out of that batch meanwhile THEN the stale transaction is refused (never sent) and the payout is paid once, in another batch", async () => {
    const a = await owedFarmer();
    const s = a.s;
    const second = await s.person();
    const wallet2 = randomWallet();
    must(await s.core.linkWallet({ accountId: second.id, address: wallet2 }));
    const sub = must(await s.submit(second, a.f));
    const owed2 = must(await s.core.settleSubmission({ submissionId: sub.id, score: 80 })).payouts[0]!;
    const planned = must(
      await s.core.planBatch({
        token: "USDC",
        source: "treasury",
        recipients: [
          { recipientId: a.farmer.id, wallet: a.wallet, payoutIds: [a.payout.id] },
          { recipientId: second.id, wallet: wallet2, payoutIds: [owed2.id] },
        ],
      }),
    )!;
    // Worker A lists the batch (both payouts) and builds its transaction...
    const seenByA = (await s.core.listOpenBatches(1_000)).find((b) => b.batch.id === planned.batch.id)!;
    expect(seenByA.payouts.map((p) => p.id).sort()).toEqual([a.payout.id, owed2.id].sort());
    // ...while worker B, whose transaction did not fit, hands the second wallet back.
    must(await s.core.releasePayouts({ batchId: planned.batch.id, payoutIds: [owed2.id], reason: "did not fit" }));
    const stale = await s.core.recordSignedAttempt({
      batchId: planned.batch.id,
      signature: "sig-stale",
      blockhash: "bh",
      lastValidBlockHeight: 150n,
      wire: "AA==",
      payouts: seenByA.payouts,
    });
    expect(!stale.ok && stale.error.code).toBe("NOT_ALLOWED");
    // Signed for what it holds now, the batch pays the first farmer only.
    must(await sign(s, planned.batch.id, "sig-fresh"));
    const after = (await s.core.listOpenBatches(1_000)).find((b) => b.batch.id === planned.batch.id)!;
    expect(after.payouts.map((p) => p.id)).toEqual([a.payout.id]);
  });

  it("GIVEN a farmer owed 0.72 USDC with a wallet WHEN a batch is planned, signed and confirmed THEN it is paid once and the ledger follows: owed → in flight → external", async () => {
    const { s, farmer, wallet, payout } = await owedFarmer();
    expect(payout).toMatchObject({ status: "owed", units: USDC(0.72) });
    expect(await balance(LedgerAccount.farmer(farmer.id))).toBe(USDC(0.72));
    expect(await s.core.getPayoutOutlook(payout.id)).toEqual({ kind: "off" });
    const { batch, payouts } = await planAll(s, farmer.id);
    expect(payouts).toEqual([expect.objectContaining({ id: payout.id, status: "in_flight", wallet, attempts: 1 })]);
    expect(await balance(LedgerAccount.farmer(farmer.id))).toBe(0n);
    expect(await balance(LedgerAccount.outgoing(payout.id))).toBe(USDC(0.72));
    expect(await s.core.getPayoutOutlook(payout.id)).toEqual({ kind: "in_flight", wallet });
    const signed = must(await sign(s, batch.id, "sig-one"));
    expect(signed.batch).toMatchObject({ status: "signed", attempt: 1, signature: "sig-one" });
    const again = await sign(s, batch.id, "sig-two");
    expect(!again.ok && again.error.code).toBe("NOT_ALLOWED");
    const gasBefore = await balance(LedgerAccount.platformGas(), "SOL");
    const done = must(
      await s.core.confirmBatch({
        batchId: batch.id,
        signature: "sig-one",
        slot: 9n,
        feeLamports: 5_200n,
        rents: { [payout.id]: 2_039_280n },
      }),
    );
    expect(done.changed).toBe(true);
    expect(done.payouts[0]).toMatchObject({ status: "paid", signature: "sig-one", rentLamports: 2_039_280n });
    expect(await balance(LedgerAccount.outgoing(payout.id))).toBe(0n);
    expect((await balance(LedgerAccount.platformGas(), "SOL")) - gasBefore).toBe(-2_044_480n);
    const replay = must(
      await s.core.confirmBatch({ batchId: batch.id, signature: "sig-one", slot: 9n, feeLamports: 5_200n }),
    );
    expect(replay.changed).toBe(false);
    expect(await s.core.getPayoutOutlook(payout.id)).toEqual({ kind: "paid", signature: "sig-one", wallet });
    expect((await s.core.getEarnings(farmer.id)).byRole.farmer).toEqual({
      USDC: { owed: 0n, inFlight: 0n, paid: USDC(0.72) },
    });
    expect(await s.core.claimPayoutNotice(payout.id)).toBe(true);
    expect(await s.core.claimPayoutNotice(payout.id)).toBe(false);
  });

  it("GIVEN no linked wallet THEN the payout stays owed and the person is prompted once; once linked it is payable", async () => {
    const { s, farmer, payout } = await owedFarmer({ wallet: false });
    const scan = await s.core.listPayable({ limit: 1_000 });
    expect(scan.payable.some((g) => g.recipientId === farmer.id)).toBe(false);
    expect(scan.withoutWallet).toContain(farmer.id);
    expect(await s.core.getPayoutOutlook(payout.id)).toEqual({ kind: "no_wallet" });
    expect(await s.core.promptForWallet(farmer.id)).toBe(true);
    expect(await s.core.promptForWallet(farmer.id)).toBe(false);
    const wallet = randomWallet();
    must(await s.core.linkWallet({ accountId: farmer.id, address: wallet }));
    const { payouts } = await planAll(s, farmer.id);
    expect(payouts[0]).toMatchObject({ id: payout.id, wallet });
  });

  it("GIVEN commissions under the minimum THEN they wait until they add up to it, then go in one transfer group", async () => {
    const s = scenario(store.uow);
    const ambassador = await s.person("amb");
    must(await s.core.linkWallet({ accountId: ambassador.id, address: randomWallet() }));
    await s.stake(ambassador, TEST_SUPPLY / 1000n); // tier 1: 1% of gross
    const owner = await s.person();
    const f = await s.factory(owner, { rewardPerDemo: USDC(0.5) });
    await s.fund(f, USDC(10));
    const farmer = await s.person();
    await s.refer(farmer, ambassador);
    const first = must(await s.submit(farmer, f));
    const one = must(await s.core.settleSubmission({ submissionId: first.id, score: 100 }));
    const commission = one.payouts.find((p) => p.role === "ambassador")!;
    expect(commission.units).toBe(USDC(0.005));
    expect((await s.core.listPayable({ limit: 1_000 })).payable.some((g) => g.recipientId === ambassador.id)).toBe(
      false,
    );
    expect(await s.core.getPayoutOutlook(commission.id)).toEqual({
      kind: "below_minimum",
      owed: USDC(0.005),
      minimum: USDC(0.01),
      token: "USDC",
    });
    const second = must(await s.submit(farmer, f, 1));
    must(await s.core.settleSubmission({ submissionId: second.id, score: 100 }));
    const group = (await s.core.listPayable({ limit: 1_000 })).payable.find((g) => g.recipientId === ambassador.id)!;
    expect(group.units).toBe(USDC(0.01));
    expect(group.payouts).toHaveLength(2);
  });

  it("GIVEN a transaction that landed with an error THEN its payouts are owed again, and after too many failures held for an admin", async () => {
    const { s, farmer, payout } = await owedFarmer();
    for (let attempt = 1; attempt <= MAX_PAYOUT_ATTEMPTS; attempt++) {
      if (attempt > 1) {
        // Not tried again before its backoff (1 min, then 2...).
        expect((await s.core.listPayable({ limit: 1_000 })).payable.some((g) => g.recipientId === farmer.id)).toBe(
          false,
        );
        s.deps.clock.advance(2 ** (attempt - 2) * 60_000);
      }
      const { batch } = await planAll(s, farmer.id);
      must(await sign(s, batch.id, `fail-${attempt}-${payout.id}`));
      const failed = must(
        await s.core.failBatch({
          batchId: batch.id,
          signature: `fail-${attempt}-${payout.id}`,
          slot: 3n,
          feeLamports: 5_000n,
          error: "custom program error: 0x1",
        }),
      );
      expect(failed.payouts[0]).toMatchObject({ status: "owed", attempts: attempt, batchId: null });
      expect(await balance(LedgerAccount.farmer(farmer.id))).toBe(USDC(0.72));
      expect(await balance(LedgerAccount.outgoing(payout.id))).toBe(0n);
    }
    const held = await s.core.getPayout(payout.id);
    expect(held).toMatchObject({ status: "owed", heldReason: "custom program error: 0x1" });
    expect((await s.core.listPayable({ limit: 1_000 })).payable.some((g) => g.recipientId === farmer.id)).toBe(false);
    expect(await s.core.getPayoutOutlook(payout.id)).toEqual({ kind: "held" });
  });

  it("GIVEN an attempt that expired THEN the batch is planned again, keeps its payouts in flight, and only the new attempt can confirm", async () => {
    const { s, farmer, payout } = await owedFarmer();
    const { batch } = await planAll(s, farmer.id);
    must(await sign(s, batch.id, `old-${payout.id}`));
    expect(must(await s.core.expireAttempt({ batchId: batch.id, signature: `old-${payout.id}` })).status).toBe(
      "planned",
    );
    expect(await balance(LedgerAccount.outgoing(payout.id))).toBe(USDC(0.72));
    must(await sign(s, batch.id, `new-${payout.id}`));
    const stale = await s.core.confirmBatch({
      batchId: batch.id,
      signature: `old-${payout.id}`,
      slot: 1n,
      feeLamports: 0n,
    });
    expect(!stale.ok && stale.error.code).toBe("NOT_ALLOWED");
    const staleExpiry = await s.core.expireAttempt({ batchId: batch.id, signature: `new-${payout.id}-x` });
    expect(!staleExpiry.ok && staleExpiry.error.code).toBe("NOT_ALLOWED");
    must(
      await s.core.confirmBatch({ batchId: batch.id, signature: `new-${payout.id}`, slot: 2n, feeLamports: 5_000n }),
    );
    const attempts = await s.core.listBatchAttempts(batch.id);
    expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, "expired"],
      [2, "confirmed"],
    ]);
    expect(await s.core.getPayout(payout.id)).toMatchObject({ status: "paid", signature: `new-${payout.id}` });
  });

  it("GIVEN two planners racing for the same payouts THEN each payout goes into exactly one batch", async () => {
    const s = scenario(store.uow);
    const owner = await s.person();
    const f = await s.factory(owner);
    await s.fund(f, USDC(100));
    const farmers: string[] = [];
    for (let i = 0; i < 6; i++) {
      const farmer = await s.person();
      must(await s.core.linkWallet({ accountId: farmer.id, address: randomWallet() }));
      must(await s.core.settleSubmission({ submissionId: must(await s.submit(farmer, f)).id, score: 90 }));
      farmers.push(farmer.id);
    }
    const { payable } = await s.core.listPayable({ limit: 1_000 });
    const mine = payable.filter((g) => farmers.includes(g.recipientId));
    const recipients = mine.map((g) => ({
      recipientId: g.recipientId,
      wallet: g.wallet,
      payoutIds: g.payouts.map((p) => p.id),
    }));
    const results = await Promise.all(
      [0, 1, 2].map(() => s.core.planBatch({ token: "USDC", source: "treasury", recipients })),
    );
    const taken = results.flatMap((r) => (must(r)?.payouts ?? []).map((p) => p.id));
    expect(taken.sort()).toEqual(mine.flatMap((g) => g.payouts.map((p) => p.id)).sort());
  });

  it("GIVEN a paused factory's withdrawal and an unstake THEN both are payouts: the creator's at once, the staker's after the cooldown, from the vault", async () => {
    const s = scenario(store.uow);
    const owner = await s.person();
    must(await s.core.linkWallet({ accountId: owner.id, address: randomWallet() }));
    const f = await s.factory(owner);
    await s.fund(f, USDC(3));
    const actor = { accountId: owner.id, isAdmin: false };
    must(await s.core.changeFactoryStatus({ actor, factoryId: f.id, action: "pause" }));
    const withdrawal = must(await s.core.withdrawPool({ actor, factoryId: f.id, requestId: "w1" }));
    expect(await balance(LedgerAccount.creator(owner.id))).toBe(USDC(3));
    await s.stake(owner, TEST_SUPPLY / 1000n);
    const unstake = must(
      await s.core.requestUnstake({ accountId: owner.id, units: units(5n * 10n ** 9n), requestId: "u1" }),
    );
    const now = (await s.core.listPayable({ limit: 1_000 })).payable.filter((g) => g.recipientId === owner.id);
    expect(now.map((g) => [g.source, g.token, g.units])).toEqual([["treasury", "USDC", USDC(3)]]);
    expect(await s.core.getPayoutOutlook(unstake.payout.id)).toEqual({ kind: "due", dueAt: unstake.availableAt });
    s.deps.clock.advance(7 * 24 * 3600_000);
    const later = (await s.core.listPayable({ limit: 1_000 })).payable.filter((g) => g.recipientId === owner.id);
    expect(later.map((g) => [g.source, g.token])).toEqual([
      ["treasury", "USDC"],
      ["vault", "CLONES"],
    ]);
    expect(withdrawal.key).toBe(`withdraw:${f.id}:w1`);
  });
});
