import { describe, expect, it } from "vitest";
import { units } from "../../../core/money/units.js";
import { TEST_SUPPLY } from "../../support/core-deps.js";
import { MemoryStore } from "../../support/memory-store.js";
import { USDC, must, scenario } from "../../support/scenario.js";

describe("deposits", () => {
  it("credit 100% of a deposit to the pool, once per key", async () => {
    const s = scenario(new MemoryStore());
    const f = await s.factory(await s.person());
    const input = { key: "deposit:sig1", factoryId: f.id, token: "USDC" as const, units: USDC(25) };
    expect(must(await s.core.creditDeposit(input))).toEqual({ credited: true, poolBalance: USDC(25) });
    expect(must(await s.core.creditDeposit(input))).toEqual({ credited: false, poolBalance: USDC(25) });
  });

  it.each([
    ["another token", { token: "SOL" as const }, "TOKEN_MISMATCH"],
    ["an unknown factory", { factoryId: "nope" }, "FACTORY_NOT_FOUND"],
  ])("refuse %s → %s", async (_name, override, code) => {
    const s = scenario(new MemoryStore());
    const f = await s.factory(await s.person());
    const result = await s.core.creditDeposit({
      key: "deposit:x",
      factoryId: f.id,
      token: "USDC",
      units: USDC(1),
      ...override,
    });
    expect(!result.ok && result.error.code).toBe(code);
  });
});

describe("withdrawing what is left", () => {
  it("GIVEN a paused factory THEN its owner withdraws the unreserved part, once per request", async () => {
    const s = scenario(new MemoryStore());
    const owner = await s.person();
    const actor = { accountId: owner.id, isAdmin: false };
    const f = await s.factory(owner);
    await s.fund(f, USDC(5));
    must(await s.submit(await s.person(), f));
    const live = await s.core.withdrawPool({ actor, factoryId: f.id, requestId: "r1" });
    expect(!live.ok && live.error.code).toBe("NOT_ALLOWED");
    must(await s.core.changeFactoryStatus({ actor, factoryId: f.id, action: "pause" }));
    const tooMuch = await s.core.withdrawPool({ actor, factoryId: f.id, requestId: "r1", amount: USDC(4.01) });
    expect(!tooMuch.ok && tooMuch.error.code).toBe("INSUFFICIENT_FUNDS");
    const payout = must(await s.core.withdrawPool({ actor, factoryId: f.id, requestId: "r1" }));
    expect(payout).toMatchObject({ role: "creator", recipientId: owner.id, units: USDC(4), status: "owed" });
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(0n);
    // Owed to the creator until the payout worker sends it; asking again returns the same payout.
    expect(must(await s.core.withdrawPool({ actor, factoryId: f.id, requestId: "r1" })).id).toBe(payout.id);
    expect((await s.core.getEarnings(owner.id)).byRole.creator).toEqual({
      USDC: { owed: USDC(4), inFlight: 0n, paid: 0n },
    });
    const stranger = await s.core.withdrawPool({
      actor: { accountId: (await s.person()).id, isAdmin: true },
      factoryId: f.id,
      requestId: "r2",
    });
    expect(!stranger.ok && stranger.error.code).toBe("FACTORY_NOT_OWNER");
  });
});

describe("staking", () => {
  it("a stake raises the tier and says what the next tier needs", async () => {
    const s = scenario(new MemoryStore());
    const amb = await s.person();
    expect(await s.core.getStakeTier(amb.id)).toMatchObject({ staked: 0n, tier: 0, toNextTier: TEST_SUPPLY / 1000n });
    must(
      await s.core.recordStake({ key: "stake:sig1", accountId: amb.id, units: units((TEST_SUPPLY * 25n) / 10_000n) }),
    );
    must(
      await s.core.recordStake({ key: "stake:sig1", accountId: amb.id, units: units((TEST_SUPPLY * 25n) / 10_000n) }),
    );
    const view = await s.core.getStakeTier(amb.id);
    expect(view).toMatchObject({ tier: 2, commissionBps: 200n, toNextTier: (TEST_SUPPLY * 5n) / 10_000n });
    must(await s.core.recordStake({ key: "stake:sig2", accountId: amb.id, units: units(TEST_SUPPLY) }));
    expect(await s.core.getStakeTier(amb.id)).toMatchObject({ tier: 5, toNextTier: null });
  });
});

describe("unstaking", () => {
  it("drops the tier at once and schedules the payback after a 7-day cooldown, once per request", async () => {
    const s = scenario(new MemoryStore());
    const amb = await s.person();
    await s.stake(amb, (TEST_SUPPLY * 3n) / 1000n);
    const first = must(
      await s.core.requestUnstake({ accountId: amb.id, units: units(TEST_SUPPLY / 1000n), requestId: "r1" }),
    );
    const again = must(
      await s.core.requestUnstake({ accountId: amb.id, units: units(TEST_SUPPLY / 1000n), requestId: "r1" }),
    );
    expect(again.payout.id).toBe(first.payout.id);
    expect(first.availableAt.getTime() - s.deps.clock.now().getTime()).toBe(7 * 24 * 3600_000);
    expect(first.payout).toMatchObject({
      role: "staker",
      token: "CLONES",
      units: TEST_SUPPLY / 1000n,
      status: "owed",
      dueAt: first.availableAt,
    });
    expect(await s.core.getStakeTier(amb.id)).toMatchObject({ tier: 2, staked: (TEST_SUPPLY * 2n) / 1000n });
    const tooMuch = await s.core.requestUnstake({ accountId: amb.id, units: units(TEST_SUPPLY), requestId: "r2" });
    expect(!tooMuch.ok && tooMuch.error.code).toBe("INSUFFICIENT_FUNDS");
    const zero = await s.core.requestUnstake({ accountId: amb.id, units: units(0n), requestId: "r3" });
    expect(!zero.ok && zero.error.code).toBe("INVALID_INPUT");
  });
});
