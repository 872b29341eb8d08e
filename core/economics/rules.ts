/**
 * The economic rules of PRODUCT.md, in one place. Every function is pure and total over its
 * documented domain; tests in test/core/economics state each rule as a table.
 */
import { applyBps, mulDivFloor } from "../money/bps.js";
import { units, ZERO, type Units } from "../money/units.js";

/** The platform floor for a factory's quality threshold. */
export const MIN_THRESHOLD = 50;
export const MAX_SCORE = 100;
/** Platform fee on every paid demonstration: 10% of gross. */
export const PLATFORM_FEE_BPS = 1_000n;
export const MAX_TIER = 5;
/** Commission per tier: tier k earns k% of gross (100 bps). */
export const COMMISSION_BPS_PER_TIER = 100n;
/** Unstaked CLONES are paid back after this cooldown (the tier drops at once). */
export const UNSTAKE_COOLDOWN_MS = 7 * 24 * 3600_000;
/** Tier k needs staked >= k × 0.1% of supply, i.e. staked × 1000 >= k × supply. */
export const TIER_STEP_PER_MILLE = 1n;

/** Gross reward for a score: reward × score / 100, floored; zero below the threshold. */
export function grossReward(rewardPerDemo: Units, score: number, threshold: number): Units {
  if (score < threshold) return ZERO;
  return mulDivFloor(rewardPerDemo, BigInt(score), BigInt(MAX_SCORE));
}

export interface RewardSplit {
  /** What the pool pays out for this demonstration. */
  readonly gross: Units;
  /** 10% of gross, floored: the farmer keeps the rounding remainder. */
  readonly fee: Units;
  readonly farmerNet: Units;
  /** One per referrer with a tier > 0; each k% of gross, floored. */
  readonly commissions: readonly Units[];
  /** fee − commissions; never negative since 5% + 5% <= 10%. The platform keeps rounding. */
  readonly platformShare: Units;
}

/**
 * Splits a gross amount between farmer, referrers and platform. `tiers` are the stake tiers
 * of the farmer's and the creator's referrers (0 when absent or unstaked).
 */
export function splitReward(gross: Units, tiers: readonly number[]): RewardSplit {
  const fee = applyBps(gross, PLATFORM_FEE_BPS);
  const commissions = tiers.map((tier) => applyBps(gross, commissionBps(tier)));
  const commissionTotal = commissions.reduce<bigint>((sum, c) => sum + c, 0n);
  if (commissionTotal > fee) throw new RangeError("commissions exceed the platform fee");
  return {
    gross,
    fee,
    farmerNet: farmerShare(gross),
    commissions,
    platformShare: units(fee - commissionTotal),
  };
}

/** What the farmer keeps of a gross amount: gross − the 10% fee (floored; the farmer keeps the rounding). */
export const farmerShare = (gross: Units): Units => units(gross - applyBps(gross, PLATFORM_FEE_BPS));

export function commissionBps(tier: number): bigint {
  if (!Number.isInteger(tier) || tier < 0 || tier > MAX_TIER) throw new RangeError(`tier out of range: ${tier}`);
  return BigInt(tier) * COMMISSION_BPS_PER_TIER;
}

/** Stake tier 0..5 from staked CLONES and CLONES total supply (same base units). */
export function stakeTier(staked: bigint, supply: bigint): number {
  if (supply <= 0n || staked <= 0n) return 0;
  const tier = (staked * 1000n) / (supply * TIER_STEP_PER_MILLE);
  return Number(tier > BigInt(MAX_TIER) ? BigInt(MAX_TIER) : tier);
}

/** CLONES needed for a tier (rounded up), or null above the top tier. */
export function stakeRequiredForTier(tier: number, supply: bigint): bigint | null {
  if (tier < 1 || tier > MAX_TIER) return null;
  return (BigInt(tier) * supply + 999n) / 1000n;
}

/** XP for an accepted demonstration: its score times the active boost (bps, 10 000 = ×1). */
export function xpForScore(score: number, boostBps: number): bigint {
  return (BigInt(score) * BigInt(boostBps)) / 10_000n;
}

/**
 * XP a settled demonstration adds. A task's work earns XP once, like its money: a better
 * attempt (an upload again, an appeal's higher grade) adds only the XP of the difference over
 * the farmer's best earlier score on the task that earned XP (`bestEarlierScore`, 0 with none),
 * at the active boost; a below-threshold or no-better one adds nothing.
 */
export function xpGain(score: number, threshold: number, bestEarlierScore: number, boostBps: number): bigint {
  if (score < threshold || score <= bestEarlierScore) return 0n;
  return xpForScore(score, boostBps) - xpForScore(bestEarlierScore, boostBps);
}

/** Level n starts at 100 × (n−1)² XP: 1 at 0, 2 at 100, 3 at 400, 4 at 900... */
export function levelForXp(xp: bigint): number {
  if (xp < 0n) return 1;
  return Number(isqrt(xp / 100n)) + 1;
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}

export const xpForLevel = (level: number): bigint => 100n * BigInt(level - 1) * BigInt(level - 1);

/**
 * The least sent to one person in one token at a time, unless configured otherwise
 * (PAYOUT_MIN_<TOKEN>): small enough that a single commission of a few cents is paid, large
 * enough that nobody is sent dust worth less than the fee of sending it.
 */
export const DEFAULT_PAYOUT_MINIMUMS = { SOL: "0.0001", USDC: "0.01", CLONES: "1", WETH: "0.000005" } as const;

/**
 * XP boosts bought by burning CLONES: burning `clones` (whole CLONES) multiplies the XP of
 * accepted demonstrations by `bps` / 10 000 for `hours`.
 */
export const XP_BOOSTS = [
  { id: "spark", clones: "100", bps: 12_500, hours: 24 },
  { id: "flame", clones: "500", bps: 15_000, hours: 72 },
  { id: "blaze", clones: "2000", bps: 20_000, hours: 168 },
] as const;
export type XpBoost = (typeof XP_BOOSTS)[number];

/**
 * The boost after a burn: the higher of the active multiplier and the bought one, for the
 * bought duration added to whatever is left of the active boost (burning again extends it).
 */
export function boostAfterBurn(
  current: { bps: number; until: Date | null },
  bought: { bps: number; hours: number },
  now: Date,
): { bps: number; until: Date } {
  const active = current.until !== null && current.until > now;
  const start = active ? current.until!.getTime() : now.getTime();
  return {
    bps: Math.max(active ? current.bps : 10_000, bought.bps),
    until: new Date(start + bought.hours * 3600_000),
  };
}

/** How many recent recordings the reputation averages. */
export const REPUTATION_WINDOW = 20;

/**
 * Reputation: the floored mean of the most recent scores (0 with none), one per recording at its
 * latest grade (an appeal's regrade replaces the first grade, never adds a second score).
 */
export function reputation(recentScores: readonly number[]): number {
  const window = recentScores.slice(0, REPUTATION_WINDOW);
  if (window.length === 0) return 0;
  return Math.floor(window.reduce((a, b) => a + b, 0) / window.length);
}
