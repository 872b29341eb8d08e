import type { CoreDeps } from "../deps.js";
import type { TokenSymbol } from "../money/tokens.js";
import { units, type Units } from "../money/units.js";
import type { OwedPayout } from "../ports/payouts.js";
import { read } from "../shared/read.js";
import { payoutSource, type Payout, type PayoutSource } from "./payout.js";

/** Owed payouts of one recipient, token and source that can go out together now. */
export interface PayableGroup {
  readonly recipientId: string;
  readonly wallet: string;
  readonly token: TokenSymbol;
  readonly source: PayoutSource;
  readonly payouts: readonly Payout[];
  readonly units: Units;
}

export interface PayableScan {
  /** Oldest first (by each group's oldest payout). */
  readonly payable: readonly PayableGroup[];
  /** Recipients owed something who have not linked a wallet. */
  readonly withoutWallet: readonly string[];
}

/**
 * What the payout worker may send now: owed payouts that are due and not held, of recipients
 * with a linked wallet (their most recent), grouped per recipient, token and paying wallet,
 * when a group's total reaches the token's minimum (smaller amounts wait and add up).
 */
export async function listPayable(deps: CoreDeps, input: { limit: number; token?: TokenSymbol }): Promise<PayableScan> {
  const owed = await read(deps.uow, (r) =>
    r.payouts.listOwed({ dueBy: deps.clock.now(), limit: input.limit, token: input.token }),
  );
  const groups = new Map<string, { wallet: string | null; payouts: OwedPayout[] }>();
  for (const p of owed) {
    const key = `${p.recipientId}\u0000${p.token}\u0000${payoutSource(p.role)}`;
    const group = groups.get(key) ?? { wallet: p.recipientWallet, payouts: [] };
    group.payouts.push(p);
    groups.set(key, group);
  }
  const payable: PayableGroup[] = [];
  const withoutWallet = new Set<string>();
  for (const { wallet, payouts } of groups.values()) {
    const first = payouts[0]!;
    if (!wallet) {
      withoutWallet.add(first.recipientId);
      continue;
    }
    const total = payouts.reduce<bigint>((sum, p) => sum + p.units, 0n);
    if (total < deps.payoutPolicy.minimums[first.token]) continue;
    payable.push({
      recipientId: first.recipientId,
      wallet,
      token: first.token,
      source: payoutSource(first.role),
      payouts: payouts.map(({ recipientWallet: _w, ...p }) => p),
      units: units(total),
    });
  }
  return { payable, withoutWallet: [...withoutWallet] };
}
