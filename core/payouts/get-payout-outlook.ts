import type { CoreDeps } from "../deps.js";
import type { TokenSymbol } from "../money/tokens.js";
import type { OwedPayout } from "../ports/payouts.js";
import { read } from "../shared/read.js";
import { getPayoutEngine } from "./payout-engine.js";
import { payoutSource, type Payout } from "./payout.js";

/**
 * Where a person's money stands, in words that are true now:
 * - paid: confirmed on chain (signature);
 * - in_flight: in a signed transaction, waiting for confirmation;
 * - queued: goes out with the next batch;
 * - no_wallet: owed until the person links a wallet;
 * - below_minimum: owed until the person's total in that token reaches the minimum;
 * - due: an unstake still in its cooldown;
 * - delayed: the treasury lacks SOL for fees, the platform is topping up;
 * - off: no payout worker runs (the operator has not configured one);
 * - held: failed too often, an admin must look at it.
 */
export type PayoutOutlook =
  | { readonly kind: "paid"; readonly signature: string; readonly wallet: string }
  | { readonly kind: "in_flight"; readonly wallet: string }
  | { readonly kind: "queued"; readonly wallet: string }
  | { readonly kind: "no_wallet" }
  | { readonly kind: "below_minimum"; readonly owed: bigint; readonly minimum: bigint; readonly token: TokenSymbol }
  | { readonly kind: "due"; readonly dueAt: Date }
  | { readonly kind: "delayed" }
  | { readonly kind: "off" }
  | { readonly kind: "held" };

/** The outlook of one payout (by id), or null when there is no such payout. */
export async function getPayoutOutlook(deps: CoreDeps, payoutId: string): Promise<PayoutOutlook | null> {
  const now = deps.clock.now();
  const { payout, owed, wallets } = await read(deps.uow, async (r) => {
    const payout = await r.payouts.findById(payoutId);
    if (!payout) return { payout: null, owed: [], wallets: [] };
    const owed =
      payout.status === "owed"
        ? await r.payouts.listOwed({ dueBy: now, limit: 1_000, token: payout.token, recipientId: payout.recipientId })
        : [];
    return { payout, owed, wallets: await r.accounts.listWallets(payout.recipientId) };
  });
  if (!payout) return null;
  if (payout.status === "paid") return { kind: "paid", signature: payout.signature!, wallet: payout.wallet! };
  if (payout.status === "in_flight") return { kind: "in_flight", wallet: payout.wallet! };
  return owedOutlook(deps, payout, owed, wallets.length > 0, now);
}

async function owedOutlook(
  deps: CoreDeps,
  payout: Payout,
  owed: readonly OwedPayout[],
  hasWallet: boolean,
  now: Date,
): Promise<PayoutOutlook> {
  if (payout.heldReason) return { kind: "held" };
  if (payout.dueAt && payout.dueAt > now) return { kind: "due", dueAt: payout.dueAt };
  if (!hasWallet) return { kind: "no_wallet" };
  const source = payoutSource(payout.role);
  const total = owed.filter((p) => payoutSource(p.role) === source).reduce<bigint>((sum, p) => sum + p.units, 0n);
  const minimum = deps.payoutPolicy.minimums[payout.token];
  if (total < minimum) return { kind: "below_minimum", owed: total, minimum, token: payout.token };
  const engine = await getPayoutEngine(deps);
  if (!engine || !engine.sources.includes(source)) return { kind: "off" };
  if (engine.state === "paused_gas") return { kind: "delayed" };
  return { kind: "queued", wallet: owed[0]?.recipientWallet ?? "" };
}
