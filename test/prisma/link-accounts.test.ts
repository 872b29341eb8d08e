// One account across platforms (issue 14): a person's Telegram and Discord accounts merge into the
// older one with a one-time code, on every store; the money moves through the ledger and the
// ledger's invariants still hold; a refused link changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../core/accounts/account.js";
import { LINK_CODE_TTL_MS } from "../../core/accounts/link-code.js";
import { LedgerAccount } from "../../core/ledger/ledger.js";
import { units } from "../../core/money/units.js";
import { hashLinkCode } from "../../prisma/repositories/link-repository.js";
import { verifyLedger } from "../../prisma/verify-ledger.js";
import { randomWallet, TEST_SUPPLY, TEST_VAULT } from "../support/core-deps.js";
import { openStore, postgresUrl, storeKinds, type StoreUnderTest } from "../support/databases.js";
import { verifyMemoryLedger, type MemoryStore } from "../support/memory-store.js";
import { USDC, must, scenario } from "../support/scenario.js";

/** Tier 1: 0.1% of the supply. */
const TIER_1 = TEST_SUPPLY / 1000n;

describe.each(storeKinds())("linking accounts on %s", (kind) => {
  let store: StoreUnderTest;
  beforeAll(async () => {
    store = await openStore(kind, { poolSize: 8 });
  });
  afterAll(() => store.close());

  const audit = async () => {
    const found = store.db ? await verifyLedger(store.db.prisma) : verifyMemoryLedger(store.uow as MemoryStore);
    expect(found.negative).toEqual([]);
    expect(found.mismatched).toEqual([]);
    for (const sum of Object.values(found.sums)) expect(BigInt(sum)).toBe(0n);
  };

  /** Alice's Telegram account (older) and Discord account (newer), each with a life of its own. */
  async function alice() {
    const s = scenario(store.uow);
    const owner = await s.person("owner");
    const f = await s.factory(owner);
    await s.fund(f, USDC(10));
    const tg = await s.person("alice");
    s.deps.clock.advance(1_000);
    const discordId = `alice-${s.deps.ids.id()}`;
    const dc = must(await s.core.registerAccount({ platform: "discord", externalId: discordId })).account;
    const dcWallet = randomWallet();
    must(await s.core.linkWallet({ accountId: dc.id, address: dcWallet }));
    const settle = async (farmer: Account, task: number, score: number) =>
      must(await s.core.settleSubmission({ submissionId: must(await s.submit(farmer, f, task)).id, score }));
    await settle(tg, 0, 90);
    await settle(dc, 1, 80);
    // Discord Alice is an ambassador at tier 1 with a referee who earns her a commission.
    await s.stake(dc, TIER_1);
    const carol = await s.person("carol");
    await s.refer(carol, dc);
    await settle(carol, 0, 100);
    const dave = await s.person("dave");
    await s.refer(dave, tg);
    const g = await s.factory(dc, { name: "Discord Alice's factory" });
    await s.fund(g, USDC(5));
    return { s, f, g, tg, dc, discordId, dcWallet, carol, dave };
  }

  /** Everything a person sees of these accounts, to show that a refusal changed none of it. */
  const seen = async (s: ReturnType<typeof scenario>, ids: readonly string[]) =>
    Promise.all(
      ids.map(async (id) => ({
        profile: await s.core.getProfile(id),
        identities: await s.core.listIdentities(id),
        earnings: await s.core.getEarnings(id),
        referrals: (await s.core.listReferrals(id)).map((r) => r.referee.id),
        factories: (await s.core.listOwnedFactories(id)).map((f) => f.id),
        staked: (await s.core.getStakeTier(id)).staked,
        farmer: await store.uow.read((r) => r.ledger.balance(LedgerAccount.farmer(id), "USDC")),
      })),
    );

  it("GIVEN Alice's Telegram and Discord accounts WHEN she redeems on Discord the code Telegram gave THEN one account (the older) holds both: money, XP, referrals, factories, stake, wallets", async () => {
    const { s, g, tg, dc, discordId, dcWallet, carol, dave } = await alice();
    const before = await s.core.getEarnings(dc.id);
    const dcAmbassador = before.byRole.ambassador?.USDC?.owed ?? 0n;
    expect(dcAmbassador).toBeGreaterThan(0n);
    const { code } = must(await s.core.issueLinkCode(tg.id));

    const linked = must(await s.core.redeemLinkCode(dc.id, code.toLowerCase()));

    expect(linked.account.id).toBe(tg.id);
    expect(linked.absorbedId).toBe(dc.id);
    const found = must(await s.core.registerAccount({ platform: "discord", externalId: discordId }));
    expect(found).toMatchObject({ created: false, account: { id: tg.id } });
    expect((await s.core.listIdentities(tg.id)).map((i) => i.platform).sort()).toEqual(["discord", "telegram"]);
    const profile = must(await s.core.getProfile(tg.id));
    expect(profile.account.xp).toBe(170n);
    expect(profile.wallets.map((w) => w.address)).toEqual([dcWallet]);
    const earnings = await s.core.getEarnings(tg.id);
    expect(earnings.byRole.farmer?.USDC?.owed).toBe(USDC(0.81) + USDC(0.72));
    expect(earnings.byRole.ambassador?.USDC?.owed).toBe(dcAmbassador);
    expect(await store.uow.read((r) => r.ledger.balance(LedgerAccount.farmer(tg.id), "USDC"))).toBe(
      USDC(0.81) + USDC(0.72),
    );
    expect(await store.uow.read((r) => r.ledger.balance(LedgerAccount.ambassador(tg.id), "USDC"))).toBe(dcAmbassador);
    expect(await store.uow.read((r) => r.ledger.balance(LedgerAccount.farmer(dc.id), "USDC"))).toBe(0n);
    expect((await s.core.listReferrals(tg.id)).map((r) => r.referee.id).sort()).toEqual([carol.id, dave.id].sort());
    expect((await s.core.listOwnedFactories(tg.id)).map((f) => f.id)).toContain(g.id);
    expect(must(await s.core.getFactoryOverview(g.id)).factory.ownerId).toBe(tg.id);
    expect(await s.core.getStakeTier(tg.id)).toMatchObject({ staked: TIER_1, tier: 1 });
    expect((await s.core.getProfile(dc.id)).ok).toBe(false);
    // Discord Alice's invite link keeps working, for the merged account.
    const erin = await s.person("erin");
    expect(must(await s.core.attributeReferral({ accountId: erin.id, code: dc.referralCode })).referrer.id).toBe(tg.id);
    await audit();
  });

  it("GIVEN merged accounts WHEN the absorbed one's referee earns again THEN the commission goes to the merged account", async () => {
    const { s, f, tg, dc, carol } = await alice();
    must(await s.core.redeemLinkCode(dc.id, must(await s.core.issueLinkCode(tg.id)).code));
    const settled = must(
      await s.core.settleSubmission({ submissionId: must(await s.submit(carol, f, 1)).id, score: 100 }),
    );
    expect(settled.payouts.find((p) => p.role === "ambassador")?.recipientId).toBe(tg.id);
    await audit();
  });

  it("GIVEN merged accounts THEN what each was owed is paid out to the merged account, from its ledger account", async () => {
    const { s, tg, dc, dcWallet } = await alice();
    must(await s.core.redeemLinkCode(dc.id, must(await s.core.issueLinkCode(tg.id)).code));
    const owed = (await s.core.getEarnings(tg.id)).recent.filter((p) => p.status === "owed" && p.token === "USDC");
    expect(owed).toHaveLength(3);
    const planned = must(
      await s.core.planBatch({
        token: "USDC",
        source: "treasury",
        recipients: [{ recipientId: tg.id, wallet: dcWallet, payoutIds: owed.map((p) => p.id) }],
      }),
    )!;
    expect(planned.payouts).toHaveLength(3);
    expect(await store.uow.read((r) => r.ledger.balance(LedgerAccount.farmer(tg.id), "USDC"))).toBe(0n);
    expect(await store.uow.read((r) => r.ledger.balance(LedgerAccount.ambassador(tg.id), "USDC"))).toBe(0n);
    await audit();
  });

  it("GIVEN one code WHEN it is redeemed twice at once THEN the accounts merge once and the other is told it was used", async () => {
    const { s, tg, dc } = await alice();
    const { code } = must(await s.core.issueLinkCode(tg.id));
    const results = await Promise.all([s.core.redeemLinkCode(dc.id, code), s.core.redeemLinkCode(dc.id, code)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.flatMap((r) => (r.ok ? [] : [r.error.code]))).toEqual(["LINK_CODE_USED"]);
    expect(must(await s.core.getProfile(tg.id)).account.xp).toBe(170n);
    expect(await store.uow.read((r) => r.ledger.balance(LedgerAccount.farmer(tg.id), "USDC"))).toBe(
      USDC(0.81) + USDC(0.72),
    );
    await audit();
  });

  it("GIVEN Telegram Alice referred by Rob first and Discord Alice by Sam later THEN the merged account keeps Rob (first touch)", async () => {
    const s = scenario(store.uow);
    const [rob, sam] = [await s.person("rob"), await s.person("sam")];
    const tg = await s.person("alice");
    await s.refer(tg, rob);
    s.deps.clock.advance(1_000);
    const dc = must(await s.core.registerAccount({ platform: "discord", externalId: `a-${s.deps.ids.id()}` })).account;
    await s.refer(dc, sam);
    must(await s.core.redeemLinkCode(tg.id, must(await s.core.issueLinkCode(dc.id)).code));
    expect(must(await s.core.getProfile(tg.id)).account.referrerId).toBe(rob.id);
    expect(await s.core.listReferrals(sam.id)).toEqual([]);
  });

  it("GIVEN Telegram Alice who invited Discord Alice THEN the self-referral is dropped by the merge", async () => {
    const s = scenario(store.uow);
    const tg = await s.person("alice");
    s.deps.clock.advance(1_000);
    const dc = must(await s.core.registerAccount({ platform: "discord", externalId: `a-${s.deps.ids.id()}` })).account;
    await s.refer(dc, tg);
    must(await s.core.redeemLinkCode(dc.id, must(await s.core.issueLinkCode(tg.id)).code));
    expect(must(await s.core.getProfile(tg.id)).account.referrerId).toBeNull();
    expect(await s.core.listReferrals(tg.id)).toEqual([]);
  });

  describe("refusals change nothing", () => {
    async function refused(
      arrange: (w: Awaited<ReturnType<typeof alice>>) => Promise<{ redeemer: string; code: string }>,
      expected: string,
    ) {
      const w = await alice();
      const { redeemer, code } = await arrange(w);
      const before = await seen(w.s, [w.tg.id, w.dc.id]);
      const result = await w.s.core.redeemLinkCode(redeemer, code);
      expect(!result.ok && result.error.code).toBe(expected);
      expect(await seen(w.s, [w.tg.id, w.dc.id])).toEqual(before);
      await audit();
    }

    it("an expired code", () =>
      refused(async ({ s, tg, dc }) => {
        const { code } = must(await s.core.issueLinkCode(tg.id));
        s.deps.clock.advance(LINK_CODE_TTL_MS);
        return { redeemer: dc.id, code };
      }, "LINK_CODE_EXPIRED"));

    it("a code already used", () =>
      refused(async ({ s, dc }) => {
        const other = await s.person("other");
        s.deps.clock.advance(1_000);
        const otherDc = must(await s.core.registerAccount({ platform: "discord", externalId: s.deps.ids.id() }));
        const { code } = must(await s.core.issueLinkCode(other.id));
        must(await s.core.redeemLinkCode(otherDc.account.id, code));
        return { redeemer: dc.id, code };
      }, "LINK_CODE_USED"));

    it("a code that does not exist", () =>
      refused(async ({ dc }) => ({ redeemer: dc.id, code: "ABCDE-FGHJK" }), "LINK_CODE_INVALID"));

    it("one's own code", () =>
      refused(
        async ({ s, dc }) => ({ redeemer: dc.id, code: must(await s.core.issueLinkCode(dc.id)).code }),
        "LINK_SAME_ACCOUNT",
      ));

    it("two accounts on the same platform", () =>
      refused(async ({ s, tg }) => {
        const secondTelegram = await s.person("alice2");
        return { redeemer: secondTelegram.id, code: must(await s.core.issueLinkCode(tg.id)).code };
      }, "LINK_SAME_PLATFORM"));

    it("a payout in flight (try again later)", () =>
      refused(async ({ s, tg, dc, dcWallet }) => {
        const owed = (await s.core.getEarnings(dc.id)).recent.filter((p) => p.status === "owed" && p.token === "USDC");
        must(
          await s.core.planBatch({
            token: "USDC",
            source: "treasury",
            recipients: [{ recipientId: dc.id, wallet: dcWallet, payoutIds: owed.map((p) => p.id) }],
          }),
        );
        return { redeemer: dc.id, code: must(await s.core.issueLinkCode(tg.id)).code };
      }, "LINK_PAYOUT_IN_FLIGHT"));

    it("referrals that would loop (Telegram Alice invited Carol, who invited Discord Alice)", () =>
      refused(async ({ s, tg }) => {
        const zoe = await s.person("zoe");
        await s.refer(zoe, tg);
        const dc2 = must(await s.core.registerAccount({ platform: "discord", externalId: s.deps.ids.id() })).account;
        await s.refer(dc2, zoe);
        return { redeemer: dc2.id, code: must(await s.core.issueLinkCode(tg.id)).code };
      }, "LINK_REFERRAL_CYCLE"));

    it("a valid code after too many wrong ones", () =>
      refused(async ({ s, tg, dc }) => {
        for (let i = 0; i < 5; i++) await s.core.redeemLinkCode(dc.id, `WRONG-CODE${i}`);
        return { redeemer: dc.id, code: must(await s.core.issueLinkCode(tg.id)).code };
      }, "LINK_TOO_MANY_ATTEMPTS"));
  });

  it("GIVEN five codes issued within the hour WHEN a sixth is asked THEN it is refused until the hour is over", async () => {
    const s = scenario(store.uow);
    const tg = await s.person();
    for (let i = 0; i < 5; i++) must(await s.core.issueLinkCode(tg.id));
    const sixth = await s.core.issueLinkCode(tg.id);
    expect(!sixth.ok && sixth.error.code).toBe("LINK_RATE_LIMITED");
    s.deps.clock.advance(3600_000);
    expect((await s.core.issueLinkCode(tg.id)).ok).toBe(true);
  });

  it("GIVEN a merged account (both platforms) THEN it gets no code: nothing could merge with it", async () => {
    const { s, tg, dc } = await alice();
    must(await s.core.redeemLinkCode(dc.id, must(await s.core.issueLinkCode(tg.id)).code));
    const again = await s.core.issueLinkCode(tg.id);
    expect(!again.ok && again.error.code).toBe("LINK_ALREADY_LINKED");
  });

  it.runIf(kind !== "memory")("stores only the code's hash", async () => {
    const s = scenario(store.uow);
    const { code } = must(await s.core.issueLinkCode((await s.person()).id));
    const count = (value: string) =>
      store.db!.prisma.$queryRawUnsafe<Array<{ n: number }>>(
        "SELECT count(*)::int AS n FROM link_code WHERE code_hash = $1",
        value,
      );
    expect(await count(code)).toEqual([{ n: 0 }]);
    expect(await count(hashLinkCode(code))).toEqual([{ n: 1 }]);
  });
});

describe.runIf(postgresUrl())("a payment recorded while two accounts merge, on postgres", () => {
  it("GIVEN a stake request of the account being absorbed WHEN its payment is recorded during the merge THEN the stake is the merged account's, none left on the absorbed one", async () => {
    const store = await openStore("postgres", { poolSize: 8 });
    const db = store.db!;
    try {
      const s = scenario(store.uow);
      const tg = await s.person("alice");
      s.deps.clock.advance(1_000);
      const dc = must(
        await s.core.registerAccount({ platform: "discord", externalId: `alice-${s.deps.ids.id()}` }),
      ).account;
      const request = must(
        await s.core.createPaymentRequest({ ownerId: dc.id, purpose: "stake", token: "CLONES", units: units(TIER_1) }),
      );
      const { code } = must(await s.core.issueLinkCode(tg.id));
      const waiting = async (n: number) => {
        const sql = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        for (;;) {
          if ((await db.query<{ n: number }>(sql, []))[0]!.n >= n) return "waiting";
          await new Promise((done) => setTimeout(done, 20));
        }
      };
      // The merge is held at its first move (the absorbed account's identities), after it has
      // locked both accounts' open payment requests and moved their balances.
      const holder = await db.pool!.connect();
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM identity WHERE account_id = $1 FOR UPDATE", [dc.id]);
      const merging = s.core.redeemLinkCode(dc.id, code);
      await waiting(1);
      const paying = s.core.recordPayment({
        signature: `sig-${s.deps.ids.id()}`,
        references: [request.reference],
        payer: randomWallet(),
        recipient: TEST_VAULT,
        token: "CLONES",
        units: units(TIER_1),
        slot: 10n,
      });
      // Either the payment waits for the merge (a second waiter), or it went through before it.
      await Promise.race([paying, waiting(2)]);
      await holder.query("COMMIT");
      holder.release();
      expect(must(await merging).account.id).toBe(tg.id);
      expect(must(await paying).payment.outcome).toBe("credited");
      expect((await s.core.getStakeTier(tg.id)).staked).toBe(TIER_1);
      expect(await store.uow.read((r) => r.ledger.balance(LedgerAccount.stake(dc.id), "CLONES"))).toBe(0n);
      const found = await verifyLedger(db.prisma);
      expect(found.negative).toEqual([]);
      expect(found.mismatched).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);
});
