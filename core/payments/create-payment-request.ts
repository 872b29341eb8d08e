import type { CoreDeps } from "../deps.js";
import type { TokenSymbol } from "../money/tokens.js";
import type { Units } from "../money/units.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import type { PaymentPurpose, PaymentRequest } from "./payment.js";

export const PAYMENT_REQUEST_TTL_MS = 30 * 60_000;

/**
 * Creates a payment request with a unique reference: funding a factory (its token, to the
 * treasury), staking CLONES (to the staking vault), verifying a wallet (a tiny SOL amount to
 * the treasury; whoever pays it becomes a linked wallet of the owner) or topping up the
 * treasury's SOL for payouts' network fees (an admin's request).
 * Errors: INVALID_INPUT, ACCOUNT_NOT_FOUND, FACTORY_NOT_FOUND, FACTORY_CLOSED, TOKEN_MISMATCH,
 * TOKEN_UNKNOWN, PAYMENTS_NOT_CONFIGURED.
 */
export async function createPaymentRequest(
  deps: CoreDeps,
  input: { ownerId: string; purpose: PaymentPurpose; units: Units; token: TokenSymbol; factoryId?: string },
): Promise<Result<PaymentRequest, DomainError>> {
  if (input.units <= 0n) return fail("INVALID_INPUT", { issues: [{ path: "units", message: "must be positive" }] });
  const recipient = input.purpose === "stake" ? deps.payments.stakingVault : deps.payments.treasury;
  if (!recipient) return fail("PAYMENTS_NOT_CONFIGURED", { purpose: input.purpose });
  if ((input.purpose === "stake" || input.purpose === "boost") && input.token !== "CLONES")
    return fail("TOKEN_MISMATCH", { expected: "CLONES", got: input.token });
  if ((input.purpose === "verify" || input.purpose === "gas") && input.token !== "SOL")
    return fail("TOKEN_MISMATCH", { expected: "SOL", got: input.token });
  const token = deps.tokens.parseSymbol(input.token);
  if (!token.ok) return token;
  return deps.uow.run(async (r) => {
    if (!(await r.accounts.findById(input.ownerId))) return fail("ACCOUNT_NOT_FOUND", { accountId: input.ownerId });
    if (input.purpose === "fund") {
      const factory = input.factoryId ? await r.factories.findById(input.factoryId) : null;
      if (!factory) return fail("FACTORY_NOT_FOUND", { factoryId: input.factoryId });
      // A closed factory takes no recordings, so no new money either (a payment for a request
      // made before it closed is still credited, and the creator can withdraw it).
      if (factory.status === "closed") return fail("FACTORY_CLOSED", { factoryId: factory.id });
      if (factory.token !== input.token) return fail("TOKEN_MISMATCH", { expected: factory.token, got: input.token });
    }
    const now = deps.clock.now();
    const request: PaymentRequest = {
      id: deps.ids.id(),
      reference: deps.payments.newReference(),
      purpose: input.purpose,
      ownerId: input.ownerId,
      factoryId: input.purpose === "fund" ? (input.factoryId ?? null) : null,
      token: input.token,
      units: input.units,
      recipient,
      status: "open",
      expiresAt: new Date(now.getTime() + PAYMENT_REQUEST_TTL_MS),
      createdAt: now,
      messageRef: null,
      seenAt: null,
    };
    await r.payments.createRequest(request);
    return ok(request);
  });
}

/** Remembers where a request was shown, so that the message can be updated once paid. */
export async function attachPaymentMessage(
  deps: CoreDeps,
  input: { requestId: string; messageRef: string },
): Promise<void> {
  await deps.uow.run(async (r) => {
    await r.payments.setMessageRef(input.requestId, input.messageRef);
    return ok(null);
  });
}
