import { describe, expect, it } from "vitest";
import { units } from "../../../core/money/units.js";
import { paymentMemo, requestIdFromMemo, type ObservedTransfer } from "../../../core/payments/payment.js";
import { randomWallet, TEST_SUPPLY, TEST_TREASURY, TEST_VAULT } from "../../support/core-deps.js";
import { MemoryStore } from "../../support/memory-store.js";
import { USDC, must, scenario } from "../../support/scenario.js";

async function fundingRequest(amount = USDC(25)) {
  const s = scenario(new MemoryStore());
  const owner = await s.person("creator");
  const f = await s.factory(owner);
  const request = await s.fundRequest(f, amount);
  const transfer = (over: Partial<ObservedTransfer> = {}): ObservedTransfer => ({
    signature: `sig-${Math.random()}`,
    references: [request.reference],
    payer: randomWallet(),
    recipient: TEST_TREASURY,
    token: "USDC",
    units: amount,
    slot: 10n,
    ...over,
  });
  return { s, owner, f, request, transfer };
}

describe("payment requests", () => {
  it("a funding request pays the treasury in the factory's token, with a unique reference and an expiry", async () => {
    const { request, f, owner } = await fundingRequest();
    expect(request).toMatchObject({
      purpose: "fund",
      factoryId: f.id,
      ownerId: owner.id,
      token: "USDC",
      units: USDC(25),
      recipient: TEST_TREASURY,
      status: "open",
    });
    expect(request.expiresAt.getTime() - request.createdAt.getTime()).toBe(30 * 60_000);
  });

  it.each([
    ["another token than the factory's", { token: "SOL" as const }, "TOKEN_MISMATCH"],
    ["zero", { units: units(0n) }, "INVALID_INPUT"],
    ["an unknown factory", { factoryId: "nope" }, "FACTORY_NOT_FOUND"],
  ])("refuses %s → %s", async (_n, override, code) => {
    const s = scenario(new MemoryStore());
    const owner = await s.person();
    const f = await s.factory(owner);
    const r = await s.core.createPaymentRequest({
      ownerId: owner.id,
      purpose: "fund",
      factoryId: f.id,
      token: "USDC",
      units: USDC(1),
      ...override,
    });
    expect(!r.ok && r.error.code).toBe(code);
  });

  it("refuses to fund a closed factory → FACTORY_CLOSED", async () => {
    const s = scenario(new MemoryStore());
    const owner = await s.person();
    const f = await s.factory(owner);
    const actor = { accountId: owner.id, isAdmin: false };
    must(await s.core.changeFactoryStatus({ actor, factoryId: f.id, action: "close" }));
    const input = { ownerId: owner.id, purpose: "fund" as const, factoryId: f.id, token: "USDC" as const };
    const r = await s.core.createPaymentRequest({ ...input, units: USDC(1) });
    expect(!r.ok && r.error.code).toBe("FACTORY_CLOSED");
  });

  it("without a configured treasury, requests are refused with PAYMENTS_NOT_CONFIGURED", async () => {
    const s = scenario(new MemoryStore(), {
      payments: { treasury: null, stakingVault: null, newReference: randomWallet },
    });
    const owner = await s.person();
    const r = await s.core.createPaymentRequest({
      ownerId: owner.id,
      purpose: "verify",
      token: "SOL",
      units: units(1000n),
    });
    expect(!r.ok && r.error.code).toBe("PAYMENTS_NOT_CONFIGURED");
  });
});

describe("recording payments seen on chain", () => {
  it.each([
    ["exact", USDC(25), "credited", USDC(25), 0n],
    ["under: credited as received, the rest still missing", USDC(20), "underpaid", USDC(20), USDC(5)],
    ["over: credited in full", USDC(30), "overpaid", USDC(30), 0n],
  ])("%s", async (_n, paid, outcome, credited, shortfall) => {
    const { s, f, transfer, request } = await fundingRequest();
    const result = must(await s.core.recordPayment(transfer({ units: paid })));
    expect(result).toMatchObject({ isNew: true, shortfall, payment: { outcome, requestId: request.id } });
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(credited);
  });

  it("a payment after the request expired is still credited", async () => {
    const { s, f, transfer } = await fundingRequest();
    s.deps.clock.advance(24 * 3600_000);
    expect(must(await s.core.recordPayment(transfer())).payment.outcome).toBe("credited");
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(25));
  });

  it("the same signature twice is credited once (a replay, or two watchers)", async () => {
    const { s, f, transfer } = await fundingRequest();
    const t = transfer();
    expect(must(await s.core.recordPayment(t)).isNew).toBe(true);
    expect(must(await s.core.recordPayment(t)).isNew).toBe(false);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(25));
  });

  it.each([
    ["no known reference", { references: [randomWallet()] }, "unattributed"],
    ["the wrong mint", { token: "SOL" as const }, "mismatch"],
    ["the wrong recipient", { recipient: randomWallet() }, "mismatch"],
  ])("%s → %s, nothing credited", async (_n, override, outcome) => {
    const { s, f, transfer } = await fundingRequest();
    expect(must(await s.core.recordPayment(transfer(override))).payment.outcome).toBe(outcome);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(0n);
  });

  it("a verification payment links the paying wallet; a wallet of someone else is not taken", async () => {
    const s = scenario(new MemoryStore());
    const alice = await s.person();
    const bob = await s.person();
    const wallet = randomWallet();
    const verify = async (who: typeof alice) =>
      must(
        await s.core.createPaymentRequest({ ownerId: who.id, purpose: "verify", token: "SOL", units: units(1000n) }),
      );
    const pay = async (reference: string) =>
      must(
        await s.core.recordPayment({
          signature: randomWallet(),
          references: [reference],
          payer: wallet,
          recipient: TEST_TREASURY,
          token: "SOL",
          units: units(1000n),
          slot: 1n,
        }),
      );
    expect((await pay((await verify(alice)).reference)).payment.outcome).toBe("credited");
    expect(must(await s.core.getProfile(alice.id)).wallets.map((w) => w.address)).toEqual([wallet]);
    const stolen = await pay((await verify(bob)).reference);
    expect(stolen.payment).toMatchObject({
      outcome: "mismatch",
      detail: "the paying wallet belongs to another account",
    });
    expect(must(await s.core.getProfile(bob.id)).wallets).toEqual([]);
  });

  it("a stake paid to the vault raises the tier", async () => {
    const s = scenario(new MemoryStore());
    const amb = await s.person();
    const request = must(
      await s.core.createPaymentRequest({
        ownerId: amb.id,
        purpose: "stake",
        token: "CLONES",
        units: units((TEST_SUPPLY * 2n) / 1000n),
      }),
    );
    expect(request.recipient).toBe(TEST_VAULT);
    must(
      await s.core.recordPayment({
        signature: "s1",
        references: [request.reference],
        payer: randomWallet(),
        recipient: TEST_VAULT,
        token: "CLONES",
        units: request.units,
        slot: 1n,
      }),
    );
    expect((await s.core.getStakeTier(amb.id)).tier).toBe(2);
  });
});

describe("payments seen before confirmation", () => {
  it("GIVEN an open request WHEN a processed transaction carries its memo THEN it is marked seen once, never credited", async () => {
    const { s, f, request } = await fundingRequest();
    const memo = paymentMemo(request);
    expect(requestIdFromMemo(memo)).toBe(request.id);
    const [seen] = await s.core.markPaymentSeen({ signature: "sig-1", memos: ["unrelated", memo] });
    expect(seen).toMatchObject({ id: request.id, status: "open" });
    expect(seen!.seenAt).toBeInstanceOf(Date);
    expect(await s.core.markPaymentSeen({ signature: "sig-2", memos: [memo] })).toEqual([]);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(0n);
  });

  it("GIVEN a request already paid THEN a late 'seen' changes nothing", async () => {
    const { s, request, transfer } = await fundingRequest();
    must(await s.core.recordPayment(transfer()));
    expect(await s.core.markPaymentSeen({ signature: "sig-late", memos: [paymentMemo(request)] })).toEqual([]);
  });

  it.each(["forge:fund:", "forge:steal:abcdefgh", "forge:fund:../../x", "FORGE:fund:abcdefgh", "x".repeat(100)])(
    "the memo %j names no request",
    (memo) => expect(requestIdFromMemo(memo)).toBeNull(),
  );
});
