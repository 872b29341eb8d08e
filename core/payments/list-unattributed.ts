import type { CoreDeps } from "../deps.js";
import { read } from "../shared/read.js";
import type { RecordedPayment } from "./payment.js";

/** Payments that matched no request of ours, newest first, for admins to sort out. */
export const listUnattributedPayments = (deps: CoreDeps, limit = 20): Promise<RecordedPayment[]> =>
  read(deps.uow, (r) => r.payments.listUnattributed(Math.min(100, Math.max(1, limit))));
