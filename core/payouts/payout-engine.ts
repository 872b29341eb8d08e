import type { CoreDeps } from "../deps.js";
import type { PayoutEngineStatus } from "../ports/payouts.js";
import { ok } from "../shared/result.js";
import { read } from "../shared/read.js";

/** A status older than this means no payout worker is running. */
export const PAYOUT_HEARTBEAT_STALE_MS = 3 * 60_000;

/** The payout worker reports its state (and that it is alive) on every tick. */
export async function reportPayoutEngine(deps: CoreDeps, status: PayoutEngineStatus): Promise<void> {
  await deps.uow.run(async (r) => {
    await r.payoutEngine.set(status);
    return ok(null);
  });
}

/** The payout worker's last report, or null when none runs (never reported, or silent too long). */
export async function getPayoutEngine(deps: CoreDeps): Promise<PayoutEngineStatus | null> {
  const status = await read(deps.uow, (r) => r.payoutEngine.get());
  if (!status) return null;
  return deps.clock.now().getTime() - status.heartbeatAt.getTime() > PAYOUT_HEARTBEAT_STALE_MS ? null : status;
}
