// One contract, three stores: the in-memory fake, PGlite and a Postgres server must behave
// the same for every port the core uses, and for the use cases on top of them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Repositories } from "../../core/ports/repositories.js";
import { units } from "../../core/money/units.js";
import { randomWallet, TEST_SUPPLY } from "../support/core-deps.js";
import { openStore, storeKinds, type StoreUnderTest } from "../support/databases.js";
import { USDC, must, scenario } from "../support/scenario.js";

describe.each(storeKinds())("repository contract on %s", (kind) => {
  let store: StoreUnderTest;
  beforeAll(async () => {
    store = await openStore(kind);
  });
  afterAll(() => store.close());

  const inTx = <T>(fn: (r: Repositories) => Promise<T>) =>
    store.uow.run(async (r) => ({ ok: true as const, value: await fn(r) })).then((x) => x.value);

  describe("ledger", () => {
    it("posts a balanced entry once per key and tracks balances; external may go negative", async () => {
      const key = `k-${Math.random()}`;
      const entry = {
        key,
        kind: "deposit" as const,
        transfers: [{ from: "external", to: `pool:${key}`, token: "USDC" as const, units: units(700n) }],
      };
      expect(await inTx((r) => r.ledger.post(entry))).toEqual({ status: "posted" });
      expect(await inTx((r) => r.ledger.post(entry))).toEqual({ status: "duplicate" });
      expect(await inTx((r) => r.ledger.balance(`pool:${key}`, "USDC"))).toBe(700n);
      expect(await inTx((r) => r.ledger.balance(`pool:${key}`, "SOL"))).toBe(0n);
      expect((await inTx((r) => r.ledger.balance("external", "USDC"))) <= -700n).toBe(true);
    });

    it("reads several balances at once, in the order asked, as one by one", async () => {
      const key = `k-${Math.random()}`;
      await inTx((r) =>
        r.ledger.post({
          key,
          kind: "deposit",
          transfers: [
            { from: "external", to: `pool:${key}-a`, token: "USDC", units: units(5n) },
            { from: "external", to: `pool:${key}-b`, token: "USDC", units: units(9n) },
            { from: "external", to: `pool:${key}-a`, token: "SOL", units: units(3n) },
          ],
        }),
      );
      const asked = [
        { account: `pool:${key}-b`, token: "USDC" as const },
        { account: `pool:${key}-never`, token: "USDC" as const },
        { account: `pool:${key}-a`, token: "SOL" as const },
        { account: `pool:${key}-a`, token: "USDC" as const },
        { account: `pool:${key}-b`, token: "USDC" as const },
      ];
      expect(await inTx((r) => r.ledger.balances(asked))).toEqual([9n, 0n, 3n, 5n, 9n]);
      expect(await inTx((r) => r.ledger.balances([]))).toEqual([]);
      const withExternal = [{ account: "external", token: "USDC" as const }, ...asked.slice(0, 1)];
      const one = await inTx((r) => Promise.all(withExternal.map((o) => r.ledger.balance(o.account, o.token))));
      expect(await inTx((r) => r.ledger.balances(withExternal))).toEqual(one);
    });

    it("refuses a debit past zero, for an existing and for a never-credited account", async () => {
      const key = `k-${Math.random()}`;
      await inTx((r) =>
        r.ledger.post({
          key,
          kind: "deposit",
          transfers: [{ from: "external", to: `pool:${key}`, token: "USDC", units: units(100n) }],
        }),
      );
      const over = await store.uow.run(async (r) => {
        const outcome = await r.ledger.post({
          key: `${key}-2`,
          kind: "reserve",
          transfers: [{ from: `pool:${key}`, to: `hold:${key}`, token: "USDC", units: units(101n) }],
        });
        return { ok: false as const, error: outcome };
      });
      expect(over).toEqual({ ok: false, error: { status: "insufficient", account: `pool:${key}`, token: "USDC" } });
      const never = await store.uow.run(async (r) => ({
        ok: false as const,
        error: await r.ledger.post({
          key: `${key}-3`,
          kind: "reserve",
          transfers: [{ from: `pool:none-${key}`, to: `hold:${key}`, token: "USDC", units: units(1n) }],
        }),
      }));
      expect(never.error.status).toBe("insufficient");
      expect(await inTx((r) => r.ledger.balance(`pool:${key}`, "USDC"))).toBe(100n);
      expect(await inTx((r) => r.ledger.balance(`hold:${key}`, "USDC"))).toBe(0n);
    });

    it("a unit of work that fails or throws leaves nothing behind", async () => {
      const key = `k-${Math.random()}`;
      const post = (r: Repositories) =>
        r.ledger.post({
          key,
          kind: "deposit",
          transfers: [{ from: "external", to: `pool:${key}`, token: "USDC", units: units(5n) }],
        });
      await store.uow.run(async (r) => {
        await post(r);
        return { ok: false as const, error: "nope" };
      });
      await expect(
        store.uow.run(async (r) => {
          await post(r);
          throw new Error("crash mid-way");
        }),
      ).rejects.toThrow("crash mid-way");
      expect(await inTx((r) => r.ledger.balance(`pool:${key}`, "USDC"))).toBe(0n);
      expect(await inTx(post)).toEqual({ status: "posted" });
    });
  });

  describe("accounts, factories, submissions, payouts through the use cases", () => {
    it("stores and reads back every field exactly, including u64 amounts", async () => {
      const s = scenario(store.uow);
      const owner = await s.person("owner");
      const big = units(2n ** 64n - 1n);
      const f = await s.factory(owner, {
        rewardPerDemo: big,
        threshold: 65,
        limits: { perTask: 3, perDay: 5, total: 9 },
        token: "CLONES",
      });
      const back = must(await s.core.getFactoryOverview(f.id)).factory;
      expect(back).toEqual(f);
      expect(back.rewardPerDemo).toBe(2n ** 64n - 1n);
    });

    it("setReferrer sets once; referees list newest first; wallets belong to one account", async () => {
      const s = scenario(store.uow);
      const a = await s.person();
      const b = await s.person();
      const c = await s.person();
      expect(await inTx((r) => r.accounts.setReferrer(b.id, a.id, new Date("2026-01-01T00:00:00Z")))).toBe(true);
      expect(await inTx((r) => r.accounts.setReferrer(b.id, c.id, new Date()))).toBe(false);
      await inTx((r) => r.accounts.setReferrer(c.id, a.id, new Date("2026-02-01T00:00:00Z")));
      expect((await inTx((r) => r.accounts.listReferees(a.id))).map((x) => x.id)).toEqual([c.id, b.id]);
      const wallet = randomWallet();
      must(await s.core.linkWallet({ accountId: a.id, address: wallet }));
      const taken = await s.core.linkWallet({ accountId: b.id, address: wallet });
      expect(!taken.ok && taken.error.code).toBe("WALLET_TAKEN");
    });

    it("limits, best gross, recent scores and stats agree with the rules", async () => {
      const s = scenario(store.uow);
      const f = await s.factory(await s.person(), { limits: { perTask: 5, perDay: 3, total: null } });
      await s.fund(f, USDC(10));
      const farmer = await s.person();
      const one = must(await s.submit(farmer, f));
      must(await s.core.settleSubmission({ submissionId: one.id, score: 60 }));
      const two = must(await s.submit(farmer, f));
      expect(two.reserved).toBe(USDC(0.4));
      const three = must(await s.submit(farmer, f, 1));
      must(await s.core.releaseSubmission({ submissionId: three.id }));
      must(await s.core.settleSubmission({ submissionId: two.id, score: 90 }));
      must(await s.submit(farmer, f, 1));
      const blocked = await s.submit(farmer, f, 1);
      expect(!blocked.ok && blocked.error.code).toBe("LIMIT_PER_DAY_REACHED");
      const overview = must(await s.core.getFactoryOverview(f.id));
      expect(overview.stats).toEqual({ submissions: 4, settled: 2, paid: 2, averageScore: 75, spent: USDC(0.9) });
      expect(overview.available).toBe(USDC(8.1));
      // Both demonstrations count for reputation; the task's XP is its best score's, earned once.
      expect(must(await s.core.getProfile(farmer.id))).toMatchObject({ reputation: 75, account: { xp: 90n } });
      expect(await inTx((r) => r.submissions.bestScore(farmer.id, f.id, f.tasks[0]!.id))).toBe(90);
      expect(await inTx((r) => r.submissions.bestScore(farmer.id, f.id, f.tasks[1]!.id))).toBe(0);
      const payouts = await inTx((r) => r.payouts.listByRecipient(farmer.id));
      expect(payouts.map((p) => p.units).sort()).toEqual([USDC(0.27), USDC(0.54)].sort());
    });

    it("payment requests and payments: by reference, once per signature, unattributed listed", async () => {
      const s = scenario(store.uow);
      const owner = await s.person();
      const f = await s.factory(owner);
      const request = await s.fundRequest(f, USDC(2));
      expect(await inTx((r) => r.payments.findRequestByReference(request.reference))).toEqual(request);
      expect(await inTx((r) => r.payments.findRequestsByReferences([randomWallet(), request.reference]))).toEqual([
        request,
      ]);
      const stray = {
        signature: randomWallet(),
        references: [randomWallet()],
        payer: randomWallet(),
        recipient: randomWallet(),
        token: "SOL" as const,
        units: units(7n),
        slot: 9n,
      };
      const recorded = must(await s.core.recordPayment(stray)).payment;
      expect(await inTx((r) => r.payments.findPayment(stray.signature))).toEqual(recorded);
      expect((await inTx((r) => r.payments.listUnattributed(1000))).map((p) => p.signature)).toContain(stray.signature);
      expect(await inTx((r) => r.payments.recordPayment(recorded))).toBe(false);
    });

    it("payouts with an existing key are skipped", async () => {
      const s = scenario(store.uow);
      const who = await s.person();
      const payout = {
        id: s.deps.ids.id(),
        key: `p-${Math.random()}`,
        recipientId: who.id,
        role: "farmer" as const,
        token: "USDC" as const,
        units: units(5n),
        submissionId: null,
        sourceId: null,
        status: "owed" as const,
        dueAt: new Date("2026-12-02T00:00:00.000Z"),
        createdAt: new Date(),
        batchId: null,
        attempts: 0,
        wallet: null,
        signature: null,
        paidAt: null,
        rentLamports: 0n,
        heldReason: null,
        retryAt: null,
        notifiedAt: null,
      };
      await inTx((r) => r.payouts.createMany([payout]));
      await inTx((r) => r.payouts.createMany([{ ...payout, id: s.deps.ids.id() }]));
      expect(await inTx((r) => r.payouts.listByRecipient(who.id))).toEqual([payout]);
    });

    it("GIVEN a referrer who staked 0.2% of the supply (only pending credits, no balance row) WHEN a referred farmer is paid THEN the referrer earns tier 2, the tier /tier shows", async () => {
      const s = scenario(store.uow);
      const ambassador = await s.person("ambassador");
      await s.stake(ambassador, (TEST_SUPPLY * 2n) / 1000n);
      expect((await s.core.getStakeTier(ambassador.id)).tier).toBe(2);
      const owner = await s.person();
      const farmer = await s.person();
      await s.refer(farmer, ambassador);
      await s.refer(owner, ambassador);
      const f = await s.factory(owner);
      await s.fund(f, USDC(5));
      const sub = must(await s.submit(farmer, f));
      const { split, payouts } = must(await s.core.settleSubmission({ submissionId: sub.id, score: 100 }));
      expect(split.commissions).toEqual([USDC(0.02), USDC(0.02)]);
      expect(split.platformShare).toBe(USDC(0.06));
      expect(payouts.filter((p) => p.role === "ambassador").map((p) => p.units)).toEqual([USDC(0.02), USDC(0.02)]);
    });

    it("GIVEN a submission accepted at 1 USDC from 50 WHEN the creator cuts the reward and raises the threshold THEN it settles by the terms it was accepted under", async () => {
      const s = scenario(store.uow);
      const owner = await s.person();
      const f = await s.factory(owner);
      await s.fund(f, USDC(5));
      const farmer = await s.person();
      const sub = must(await s.submit(farmer, f));
      expect(sub).toMatchObject({ rewardPerDemo: USDC(1), threshold: 50 });
      expect(await inTx((r) => r.submissions.findById(sub.id))).toEqual(sub);
      must(
        await s.core.updateFactory({
          actor: { accountId: owner.id, isAdmin: false },
          factoryId: f.id,
          changes: { rewardPerDemo: USDC(0.5), threshold: 90 },
        }),
      );
      const settled = must(await s.core.settleSubmission({ submissionId: sub.id, score: 80 }));
      expect(settled.split.gross).toBe(USDC(0.8));
      expect(settled.submission).toMatchObject({ gross: USDC(0.8), paid: USDC(0.8), rewardPerDemo: USDC(1) });
      expect(settled.xpGained).toBe(80n);
    });

    it("GIVEN a reward raised after acceptance THEN the first settles at its own terms and a resubmission can still earn the difference", async () => {
      const s = scenario(store.uow);
      const owner = await s.person();
      const f = await s.factory(owner);
      await s.fund(f, USDC(10));
      const farmer = await s.person();
      const first = must(await s.submit(farmer, f));
      must(
        await s.core.updateFactory({
          actor: { accountId: owner.id, isAdmin: false },
          factoryId: f.id,
          changes: { rewardPerDemo: USDC(2) },
        }),
      );
      const one = must(await s.core.settleSubmission({ submissionId: first.id, score: 100 }));
      expect(one.submission).toMatchObject({ gross: USDC(1), paid: USDC(1) });
      const again = must(await s.submit(farmer, f));
      expect(again).toMatchObject({ reserved: USDC(1), rewardPerDemo: USDC(2) });
      const two = must(await s.core.settleSubmission({ submissionId: again.id, score: 100 }));
      expect(two.submission).toMatchObject({ gross: USDC(2), paid: USDC(1) });
      expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(8));
    });

    it("factories list by status with paging, newest first", async () => {
      const s = scenario(store.uow);
      const owner = await s.person();
      const made = [];
      for (let i = 0; i < 3; i++) {
        made.push(await s.factory(owner, { name: `F${i}` }));
        s.deps.clock.advance(1000);
      }
      expect((await inTx((r) => r.factories.listByOwner(owner.id))).map((f) => f.name)).toEqual(["F2", "F1", "F0"]);
      const page = await inTx((r) => r.factories.listByStatus("active", { offset: 0, limit: 2 }));
      expect(page.items).toHaveLength(2);
      expect(page.total).toBeGreaterThanOrEqual(3);
      const rest = await inTx((r) => r.factories.listByStatus("active", { offset: 2, limit: page.total }));
      expect(rest).toEqual({ items: expect.any(Array), total: page.total });
      expect(rest.items).toHaveLength(page.total - 2);
      const past = await inTx((r) => r.factories.listByStatus("active", { offset: page.total, limit: 2 }));
      expect(past).toEqual({ items: [], total: page.total });
    });
  });
});
