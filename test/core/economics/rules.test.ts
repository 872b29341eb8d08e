import { describe, expect, it } from "vitest";
import {
  commissionBps,
  grossReward,
  levelForXp,
  reputation,
  splitReward,
  stakeRequiredForTier,
  stakeTier,
  xpForLevel,
  xpForScore,
  xpGain,
} from "../../../core/economics/rules.js";
import { units } from "../../../core/money/units.js";

describe("gross reward = reward × score / 100, floored, paid only at or above the threshold", () => {
  it.each([
    [1_000_000n, 100, 50, 1_000_000n],
    [1_000_000n, 87, 50, 870_000n],
    [1_000_000n, 50, 50, 500_000n],
    [1_000_000n, 49, 50, 0n],
    [1_000_000n, 69, 70, 0n],
    [1_000_000n, 70, 70, 700_000n],
    [999n, 77, 50, 769n], // 769.23 floored
    [1n, 99, 50, 0n],
  ])("reward %s, score %i, threshold %i → %s", (reward, score, threshold, expected) => {
    expect(grossReward(units(reward), score, threshold)).toBe(expected);
  });
});

describe("split: 10% fee, referrers' k% out of the fee, platform keeps the rest", () => {
  it.each([
    // gross, tiers, fee, farmerNet, commissions, platformShare
    [1_000_000n, [], 100_000n, 900_000n, [], 100_000n],
    [1_000_000n, [5, 5], 100_000n, 900_000n, [50_000n, 50_000n], 0n],
    [1_000_000n, [3, 0], 100_000n, 900_000n, [30_000n, 0n], 70_000n],
    [1_000_000n, [1, 2], 100_000n, 900_000n, [10_000n, 20_000n], 70_000n],
    // rounding: fee floors, the farmer keeps the remainder; commissions floor, the platform keeps it
    [999n, [5, 5], 99n, 900n, [49n, 49n], 1n],
    [9n, [5], 0n, 9n, [0n], 0n],
    [0n, [5, 5], 0n, 0n, [0n, 0n], 0n],
  ])("gross %s with tiers %j", (gross, tiers, fee, farmerNet, commissions, platformShare) => {
    const split = splitReward(units(gross), tiers);
    expect(split).toEqual({ gross, fee, farmerNet, commissions, platformShare });
    expect(split.farmerNet + split.fee).toBe(gross);
    expect(split.commissions.reduce((a, b) => a + b, 0n) + split.platformShare).toBe(split.fee);
  });

  it("commission is k% per tier and only tiers 0..5 exist", () => {
    expect([0, 1, 2, 3, 4, 5].map(commissionBps)).toEqual([0n, 100n, 200n, 300n, 400n, 500n]);
    expect(() => commissionBps(6)).toThrow(RangeError);
    expect(() => commissionBps(1.5)).toThrow(RangeError);
  });
});

describe("stake tier k needs staked >= k × 0.1% of supply", () => {
  const supply = 1_000_000_000n;
  it.each([
    [0n, 0],
    [999_999n, 0],
    [1_000_000n, 1],
    [1_999_999n, 1],
    [2_000_000n, 2],
    [4_999_999n, 4],
    [5_000_000n, 5],
    [900_000_000n, 5],
  ])("staked %s of 1e9 → tier %i", (staked, tier) => {
    expect(stakeTier(staked, supply)).toBe(tier);
  });

  it("is 0 when the supply is unknown (0)", () => {
    expect(stakeTier(10n, 0n)).toBe(0);
  });

  it("states what each tier needs, rounded up", () => {
    expect(stakeRequiredForTier(1, supply)).toBe(1_000_000n);
    expect(stakeRequiredForTier(5, supply)).toBe(5_000_000n);
    expect(stakeRequiredForTier(1, 1_001n)).toBe(2n);
    expect(stakeRequiredForTier(6, supply)).toBeNull();
  });
});

describe("XP, levels and reputation", () => {
  it.each([
    [87, 10_000, 87n],
    [87, 15_000, 130n],
    [100, 20_000, 200n],
  ])("score %i with boost %i bps earns %s XP", (score, boost, xp) => {
    expect(xpForScore(score, boost)).toBe(xp);
  });

  it.each([
    [60, 50, 0, 10_000, 60n, "a first pass earns its whole XP"],
    [80, 50, 60, 10_000, 20n, "a better attempt adds the difference"],
    [70, 50, 80, 10_000, 0n, "a worse attempt adds nothing"],
    [80, 50, 80, 10_000, 0n, "the same score again adds nothing"],
    [45, 50, 0, 10_000, 0n, "below the threshold earns nothing"],
    [90, 50, 60, 20_000, 60n, "a boost multiplies the difference only"],
    [87, 50, 60, 15_000, 40n, "each side floored as the XP it stands for"],
  ])("score %i (threshold %i) over a best earlier %i at %i bps adds %s XP: %s", (score, threshold, best, boost, xp) => {
    expect(xpGain(score, threshold, best, boost)).toBe(xp);
  });

  it.each([
    [0n, 1],
    [99n, 1],
    [100n, 2],
    [399n, 2],
    [400n, 3],
    [10_000n, 11],
    [2n ** 63n, 303_700_050],
  ])("%s XP is level %i", (xp, level) => {
    expect(levelForXp(xp)).toBe(level);
  });

  it("level n starts at xpForLevel(n)", () => {
    for (let n = 1; n < 50; n++) {
      expect(levelForXp(xpForLevel(n))).toBe(n);
      if (n > 1) expect(levelForXp(xpForLevel(n) - 1n)).toBe(n - 1);
    }
  });

  it.each([
    [[], 0],
    [[80], 80],
    [[80, 91], 85],
    [[...Array(20).fill(60), 100, 100], 60],
  ])("reputation of %j (newest first) is %i: floored mean of the last 20", (scores, rep) => {
    expect(reputation(scores)).toBe(rep);
  });
});
