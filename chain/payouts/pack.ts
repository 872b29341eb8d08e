// Packs payable groups (one per recipient) into as few transactions as fit: greedily, oldest
// first, each transaction as large as Solana's size limit (and an optional cap) allows.
import type { PayableGroup } from "../../core/payouts/list-payable.js";
import { fitsInOneTransaction, type PayoutTransactionInput, type PayoutTransfer } from "./transaction.js";

export interface PackedBatch {
  readonly groups: readonly PayableGroup[];
  readonly transfers: readonly PayoutTransfer[];
}

/** A blockhash-shaped placeholder: sizes do not depend on its value. */
const PLACEHOLDER_LIFETIME = { blockhash: "11111111111111111111111111111111", lastValidBlockHeight: 0n };

/**
 * `transferOf` turns a group into its transfer (token account, whether to open it); groups of
 * the same wallet are one transfer. `base` is everything of the transaction but its transfers.
 */
export function pack(
  groups: readonly PayableGroup[],
  transferOf: (group: PayableGroup) => PayoutTransfer,
  base: Omit<PayoutTransactionInput, "transfers" | "lifetime">,
  maxTransfers = Number.POSITIVE_INFINITY,
): PackedBatch[] {
  const batches: PackedBatch[] = [];
  let groupsNow: PayableGroup[] = [];
  let transfersNow: PayoutTransfer[] = [];
  const close = () => {
    if (transfersNow.length) batches.push({ groups: groupsNow, transfers: transfersNow });
    groupsNow = [];
    transfersNow = [];
  };
  for (const group of groups) {
    const transfer = transferOf(group);
    const candidate = [...transfersNow, transfer];
    const fits =
      candidate.length <= maxTransfers &&
      fitsInOneTransaction({ ...base, transfers: candidate, lifetime: PLACEHOLDER_LIFETIME });
    if (!fits) close();
    groupsNow.push(group);
    transfersNow.push(transfer);
  }
  close();
  return batches;
}
