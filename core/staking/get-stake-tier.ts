import type { CoreDeps } from "../deps.js";
import { MAX_TIER, commissionBps, stakeRequiredForTier, stakeTier } from "../economics/rules.js";
import { LedgerAccount } from "../ledger/ledger.js";
import type { LedgerRepository } from "../ports/repositories.js";
import type { SupplyOrigin } from "../ports/runtime.js";
import { read } from "../shared/read.js";

export interface StakeTierView {
  readonly staked: bigint;
  readonly supply: bigint;
  /** Where the supply figure comes from, for people to check it. */
  readonly supplyOrigin: SupplyOrigin;
  readonly tier: number;
  readonly commissionBps: bigint;
  /** CLONES still needed for the next tier; null at the top tier. */
  readonly toNextTier: bigint | null;
}

export function describeTier(staked: bigint, supply: bigint, supplyOrigin: SupplyOrigin): StakeTierView {
  const tier = stakeTier(staked, supply);
  const next = tier < MAX_TIER ? stakeRequiredForTier(tier + 1, supply) : null;
  return {
    staked,
    supply,
    supplyOrigin,
    tier,
    commissionBps: commissionBps(tier),
    toNextTier: next === null ? null : next > staked ? next - staked : 0n,
  };
}

export const stakedBalance = (ledger: LedgerRepository, accountId: string): Promise<bigint> =>
  ledger.balance(LedgerAccount.stake(accountId), "CLONES");

/** An account's stake, tier and what the next tier needs, and where the supply figure comes from. */
export async function getStakeTier(deps: CoreDeps, accountId: string): Promise<StakeTierView> {
  const supply = await deps.supply.clonesSupply();
  const staked = await read(deps.uow, (r) => stakedBalance(r.ledger, accountId));
  return describeTier(staked, supply.units, supply.origin);
}
