// The CLONES total supply that stake tiers (and so referral commissions) are measured against:
// CLONES_SUPPLY when set, else read from CLONES_MINT over SOLANA_RPC_URL. Without a CLONES mint
// nobody can stake here, and tiers are off: said at start and by /tier, never a quiet 0%.
import { mintSupply } from "../chain/supply.js";
import { ConfigError } from "../config/env.js";
import type { BaseConfig } from "../config/schemas.js";
import { formatAmount } from "../core/money/amount.js";
import type { SupplySource } from "../core/ports/runtime.js";
import { configuredSupply, noSupply } from "./runtime.js";

type SupplyConfig = Pick<BaseConfig, "CLONES_SUPPLY" | "CLONES_MINT" | "SOLANA_RPC_URL" | "CLONES_DECIMALS">;

export interface StartedSupply {
  readonly source: SupplySource;
  /** What the start-up output says about it. */
  readonly line: string;
}

const ZERO_TIERS = "every stake tier, and so every referral commission, would be 0%";

export function supplySource(config: SupplyConfig): SupplySource {
  if (config.CLONES_SUPPLY) return configuredSupply(config.CLONES_SUPPLY);
  if (config.CLONES_MINT && config.SOLANA_RPC_URL) return mintSupply(config.SOLANA_RPC_URL, config.CLONES_MINT);
  return noSupply;
}

/**
 * Chooses the supply and says where it comes from. A role that settles (`settles`: the worker)
 * reads it now and refuses to start (a ConfigError naming CLONES_SUPPLY) when CLONES can be
 * staked here (CLONES_MINT is set) but the supply is unknown: unreadable, zero, or without an
 * RPC to read it. Other roles read it when first needed.
 */
export async function startSupply(config: SupplyConfig, settles: boolean): Promise<StartedSupply> {
  const source = supplySource(config);
  const clones = (units: bigint) => `${formatAmount(units, config.CLONES_DECIMALS)} CLONES`;
  if (config.CLONES_SUPPLY)
    return { source, line: `  Staking tiers: measured against CLONES_SUPPLY (${clones(config.CLONES_SUPPLY)})` };
  const mint = config.CLONES_MINT;
  if (!mint)
    return {
      source,
      line: "  Staking tiers: off, no CLONES_MINT (nobody can stake here); set CLONES_MINT and SOLANA_RPC_URL, or CLONES_SUPPLY",
    };
  const refuse = (why: string) =>
    new ConfigError([
      `CLONES_SUPPLY: ${why}, and without it ${ZERO_TIERS}. Set CLONES_SUPPLY to the total supply in base units` +
        (config.SOLANA_RPC_URL ? ", or fix SOLANA_RPC_URL or CLONES_MINT." : ", or set SOLANA_RPC_URL to read it."),
    ]);
  if (!config.SOLANA_RPC_URL) {
    if (settles) throw refuse("the CLONES total supply cannot be read without SOLANA_RPC_URL");
    return {
      source,
      line: "  Staking tiers: off, CLONES_MINT is set but SOLANA_RPC_URL is not (or set CLONES_SUPPLY)",
    };
  }
  if (!settles) return { source, line: `  Staking tiers: measured against the on-chain supply of mint ${mint}` };
  const read = await source.clonesSupply().catch((error: unknown) => {
    throw refuse(
      `the CLONES total supply could not be read from mint ${mint} (${reason(error, config.SOLANA_RPC_URL!)})`,
    );
  });
  if (read.units <= 0n) throw refuse(`mint ${mint} reports a total supply of 0`);
  return {
    source,
    line: `  Staking tiers: measured against the on-chain supply of mint ${mint} (${clones(read.units)}, read every 5 minutes)`,
  };
}

/** Why a read failed, in a line, without the RPC URL (it may carry an API key). */
function reason(error: unknown, rpcUrl: string): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  const text = `${error instanceof Error ? error.message : String(error)}${cause}`.split("\n")[0]!;
  const origin = URL.canParse(rpcUrl) ? new URL(rpcUrl).host : rpcUrl;
  return text.replaceAll(rpcUrl, "SOLANA_RPC_URL").replaceAll(origin, "SOLANA_RPC_URL").slice(0, 200);
}
