import type { TokenSymbol } from "../money/tokens.js";
import type { Units } from "../money/units.js";

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A unique, unguessable id (UUID v4 or similar). */
  id(): string;
  /** A short code for people to type or share, from an unambiguous alphabet. */
  code(length: number): string;
}

/** Where the CLONES total supply that stake tiers are measured against comes from. */
export type SupplyOrigin =
  /** Read from the mint on chain (cached by the chain edge), at `readAt`. */
  | { readonly kind: "chain"; readonly mint: string; readonly readAt: Date }
  /** The operator's CLONES_SUPPLY setting. */
  | { readonly kind: "setting" }
  /** None on this server (no CLONES mint, so nobody can stake): tiers are off, said so, never 0% quietly. */
  | { readonly kind: "off" };

export interface ClonesSupply {
  /** Base units; 0 when tiers are off. */
  readonly units: bigint;
  readonly origin: SupplyOrigin;
}

/** Total supply of CLONES, with where the figure comes from. */
export interface SupplySource {
  clonesSupply(): Promise<ClonesSupply>;
}

/** How money goes out, from configuration. */
export interface PayoutPolicy {
  /**
   * The least sent to one person in one token at a time: smaller owed amounts wait and add up
   * (sending dust would cost more in fees than it pays).
   */
  readonly minimums: Readonly<Record<TokenSymbol, Units>>;
}

/** Where payments go and how they are told apart (the chain edge fills it from config). */
export interface PaymentDestinations {
  /** Wallet receiving factory funding and verification payments. */
  readonly treasury: string | null;
  /** Wallet receiving staked CLONES. */
  readonly stakingVault: string | null;
  /** A fresh, unique reference key (an address) for one payment request. */
  newReference(): string;
}
