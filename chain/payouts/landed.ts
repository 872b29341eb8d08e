// What a landed payout transaction cost the treasury: its fee, and the rent of each recipient
// token account it opened (read from the balances before and after, not assumed).
import { getBase64Encoder, getCompiledTransactionMessageDecoder, getTransactionDecoder } from "@solana/kit";
import type { Payout } from "../../core/payouts/payout.js";
import { associatedTokenAccount } from "../token-accounts.js";

export interface LandedTransaction {
  readonly transaction: readonly [string, string] | readonly string[] | unknown;
  readonly meta: {
    readonly fee: bigint | number;
    readonly preBalances: readonly (bigint | number)[];
    readonly postBalances: readonly (bigint | number)[];
    readonly loadedAddresses?: { readonly writable: readonly string[]; readonly readonly: readonly string[] } | null;
  } | null;
}

/** Account keys in the order balances are reported: static, then loaded writable, then loaded readonly. */
export function accountKeys(tx: LandedTransaction): string[] {
  const wire = getBase64Encoder().encode(String((tx.transaction as readonly string[])[0]));
  const message = getCompiledTransactionMessageDecoder().decode(getTransactionDecoder().decode(wire).messageBytes);
  return [
    ...message.staticAccounts.map(String),
    ...(tx.meta?.loadedAddresses?.writable ?? []).map(String),
    ...(tx.meta?.loadedAddresses?.readonly ?? []).map(String),
  ];
}

export async function landedCosts(
  tx: LandedTransaction,
  payouts: readonly Payout[],
  mint: string | null,
): Promise<{ fee: bigint; rents: Record<string, bigint> }> {
  const fee = BigInt(tx.meta?.fee ?? 0);
  const rents: Record<string, bigint> = {};
  if (!mint || !tx.meta) return { fee, rents };
  const keys = accountKeys(tx);
  const seen = new Set<string>();
  for (const p of payouts) {
    if (!p.wallet || seen.has(p.wallet)) continue;
    seen.add(p.wallet);
    const i = keys.indexOf(await associatedTokenAccount(p.wallet, mint));
    if (i < 0) continue;
    const before = BigInt(tx.meta.preBalances[i] ?? 0);
    const after = BigInt(tx.meta.postBalances[i] ?? 0);
    if (before === 0n && after > 0n) rents[p.id] = after;
  }
  return { fee, rents };
}
