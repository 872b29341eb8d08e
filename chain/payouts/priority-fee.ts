// The compute-unit price to pay: the 75th percentile of recent prioritization fees on the
// accounts the payout writes (the paying wallet), within configured bounds, so payouts land
// in busy times without overpaying in quiet ones.
import { address, type Rpc, type GetRecentPrioritizationFeesApi } from "@solana/kit";

export interface PriorityFeeBounds {
  /** µlamports per compute unit, at least (0: none when the network is quiet). */
  readonly floor: bigint;
  /** µlamports per compute unit, at most. */
  readonly cap: bigint;
}

export function percentile(values: readonly bigint[], p: number): bigint {
  if (values.length === 0) return 0n;
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

export async function priorityFee(
  rpc: Rpc<GetRecentPrioritizationFeesApi>,
  accounts: readonly string[],
  bounds: PriorityFeeBounds,
): Promise<bigint> {
  const recent = await rpc.getRecentPrioritizationFees(accounts.map((a) => address(a))).send();
  const fee = percentile(
    recent.map((r) => BigInt(r.prioritizationFee)),
    0.75,
  );
  return fee < bounds.floor ? bounds.floor : fee > bounds.cap ? bounds.cap : fee;
}
