import type { CoreDeps } from "../deps.js";
import { LedgerAccount } from "../ledger/ledger.js";
import { units } from "../money/units.js";
import { ok } from "../shared/result.js";

/**
 * Books SOL the treasury spent on the chain outside a payout batch (e.g. extending a lookup
 * table: its fee and rent) as a network cost, once per transaction signature.
 */
export async function recordNetworkCost(deps: CoreDeps, input: { signature: string; lamports: bigint }): Promise<void> {
  if (input.lamports <= 0n) return;
  await deps.uow.run(async (r) => {
    await r.ledger.post({
      key: `network-cost:${input.signature}`,
      kind: "network-cost",
      transfers: [
        { from: LedgerAccount.platformGas(), to: LedgerAccount.external(), token: "SOL", units: units(input.lamports) },
      ],
    });
    return ok(null);
  });
}
