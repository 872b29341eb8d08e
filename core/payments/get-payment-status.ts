import type { CoreDeps } from "../deps.js";
import { read } from "../shared/read.js";
import type { PaymentRequest, RecordedPayment } from "./payment.js";

/** A request as it stands now, with the payment a given signature recorded (if any). */
export const getPaymentStatus = (
  deps: CoreDeps,
  input: { reference: string; signature: string },
): Promise<{ request: PaymentRequest | null; payment: RecordedPayment | null }> =>
  read(deps.uow, async (r) => ({
    request: await r.payments.findRequestByReference(input.reference),
    payment: await r.payments.findPayment(input.signature),
  }));

/** A request by id (e.g. to build the transaction a Solana Pay transaction request asks for). */
export const getPaymentRequest = (deps: CoreDeps, requestId: string): Promise<PaymentRequest | null> =>
  read(deps.uow, (r) => r.payments.findRequestById(requestId));
