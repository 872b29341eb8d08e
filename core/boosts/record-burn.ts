import type { CoreDeps } from "../deps.js";
import { boostAfterBurn, type XpBoost } from "../economics/rules.js";
import type { TokenSymbol } from "../money/tokens.js";
import type { Units } from "../money/units.js";
import type { PaymentRequest, RecordedPayment } from "../payments/payment.js";
import type { DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { boostFor } from "./request-boost.js";

/** A burn seen on chain in a confirmed, successful transaction. */
export interface ObservedBurn {
  readonly signature: string;
  readonly references: readonly string[];
  /** The wallet whose tokens were burned. */
  readonly burner: string;
  /** The burned mint's token, when it is one of ours (a burn of any other mint is ignored). */
  readonly token: TokenSymbol;
  readonly units: Units;
  readonly slot: bigint;
}

export interface BurnResult {
  readonly payment: RecordedPayment;
  readonly request: PaymentRequest;
  /** The boost granted and the account's boost after it; null when the burn granted nothing. */
  readonly granted: { boost: XpBoost; bps: number; until: Date } | null;
  /** False when this signature was recorded before (nothing changed, nobody to tell). */
  readonly isNew: boolean;
}

/**
 * Records a burn that names a boost request, once per signature, and grants the boost when it
 * burned at least the request's amount of CLONES. A burn of another mint, or too small, is
 * recorded (for admins) and grants nothing. A burn naming no request of ours is ignored (null).
 */
export async function recordBurn(deps: CoreDeps, burn: ObservedBurn): Promise<Result<BurnResult | null, DomainError>> {
  return deps.uow.run(async (r) => {
    await r.lock([`payment:${burn.signature}`]);
    const [request] = (await r.payments.findRequestsByReferences(burn.references)).filter((q) => q.purpose === "boost");
    if (!request) return ok(null);
    const seen = await r.payments.findPayment(burn.signature);
    if (seen) return ok({ payment: seen, request, granted: null, isNew: false });
    const boost = boostFor(deps, request.units);
    const outcome =
      burn.token !== "CLONES"
        ? { outcome: "mismatch" as const, detail: `burned ${burn.token}, not CLONES` }
        : burn.units < request.units || !boost
          ? { outcome: "underpaid" as const, detail: `${request.units - burn.units} short: no boost` }
          : { outcome: "credited" as const, detail: null };
    const payment: RecordedPayment = {
      signature: burn.signature,
      references: [request.reference],
      payer: burn.burner,
      recipient: "burn",
      token: burn.token,
      units: burn.units,
      slot: burn.slot,
      requestId: request.id,
      outcome: outcome.outcome,
      detail: outcome.detail,
      createdAt: deps.clock.now(),
      finalizedAt: null,
    };
    await r.payments.recordPayment(payment);
    if (outcome.outcome !== "credited" || !boost) return ok({ payment, request, granted: null, isNew: true });
    const account = (await r.accounts.findById(request.ownerId))!;
    const after = boostAfterBurn({ bps: account.boostBps, until: account.boostUntil }, boost, deps.clock.now());
    await r.accounts.setBoost(account.id, after.bps, after.until);
    await r.payments.markPaid(request.id);
    return ok({ payment, request, granted: { boost, ...after }, isNew: true });
  });
}
