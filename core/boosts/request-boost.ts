import type { CoreDeps } from "../deps.js";
import { XP_BOOSTS, type XpBoost } from "../economics/rules.js";
import { parseAmount } from "../money/amount.js";
import { createPaymentRequest } from "../payments/create-payment-request.js";
import type { PaymentRequest } from "../payments/payment.js";
import { fail, type DomainError } from "../shared/errors.js";
import type { Result } from "../shared/result.js";

/** The CLONES base units a boost burns. */
export function boostUnits(deps: Pick<CoreDeps, "tokens">, boost: XpBoost): bigint {
  const parsed = parseAmount(boost.clones, deps.tokens.get("CLONES").decimals);
  if (!parsed.ok) throw new Error(`boost ${boost.id}: ${boost.clones} CLONES does not fit the mint's decimals`);
  return parsed.value;
}

/** The boost a request (or a burn of that many units) buys, if any. */
export const boostFor = (deps: Pick<CoreDeps, "tokens">, units: bigint): XpBoost | null =>
  XP_BOOSTS.find((b) => boostUnits(deps, b) === units) ?? null;

/**
 * Asks for an XP boost: a request to burn the boost's CLONES, paid through a Solana Pay
 * transaction request (the wallet signs a burn the server builds). Nothing is charged here.
 * Errors: INVALID_INPUT (unknown boost), ACCOUNT_NOT_FOUND, PAYMENTS_NOT_CONFIGURED, TOKEN_UNKNOWN.
 */
export async function requestBoost(
  deps: CoreDeps,
  input: { accountId: string; boostId: string },
): Promise<Result<{ request: PaymentRequest; boost: XpBoost }, DomainError>> {
  const boost = XP_BOOSTS.find((b) => b.id === input.boostId);
  if (!boost) return fail("INVALID_INPUT", { issues: [{ path: "boostId", message: "no such boost" }] });
  const request = await createPaymentRequest(deps, {
    ownerId: input.accountId,
    purpose: "boost",
    token: "CLONES",
    units: boostUnits(deps, boost) as never,
  });
  return request.ok ? { ok: true, value: { request: request.value, boost } } : request;
}
