/**
 * Stable error codes. Append only: never remove, rename or reorder, since bots map them to
 * localized messages and clients may persist them.
 */
export const ERROR_CODES = [
  "INVALID_INPUT",
  "AMOUNT_INVALID",
  "AMOUNT_TOO_PRECISE",
  "AMOUNT_OUT_OF_RANGE",
  "TOKEN_UNKNOWN",
  "ACCOUNT_NOT_FOUND",
  "IDENTITY_TAKEN",
  "WALLET_TAKEN",
  "REFERRAL_CODE_UNKNOWN",
  "REFERRAL_SELF",
  "REFERRAL_ALREADY_SET",
  "REFERRAL_CYCLE",
  "FACTORY_NOT_FOUND",
  "FACTORY_NOT_OWNER",
  "FACTORY_NOT_LIVE",
  "FACTORY_CLOSED",
  "FACTORY_STATUS_UNCHANGED",
  "TASK_NOT_FOUND",
  "THRESHOLD_TOO_LOW",
  "POOL_EXHAUSTED",
  "INSUFFICIENT_FUNDS",
  "LIMIT_PER_TASK_REACHED",
  "LIMIT_PER_DAY_REACHED",
  "LIMIT_TOTAL_REACHED",
  "NOTHING_MORE_TO_EARN",
  "SUBMISSION_NOT_FOUND",
  "SUBMISSION_NOT_PENDING",
  "SCORE_INVALID",
  "LEDGER_UNBALANCED",
  "IDEMPOTENCY_CONFLICT",
  "NOT_ALLOWED",
  "TOKEN_MISMATCH",
  "WALLET_INVALID",
  "PAYMENTS_NOT_CONFIGURED",
  "RECORDING_NOT_FOUND",
  "RECORDING_NOT_GRADED",
  "APPEAL_ALREADY_USED",
  "LLM_UNAVAILABLE",
  "LLM_BAD_RESPONSE",
  "APPEAL_CANNOT_CHANGE",
  "AMOUNT_AMBIGUOUS",
  "LINK_CODE_INVALID",
  "LINK_CODE_EXPIRED",
  "LINK_CODE_USED",
  "LINK_SAME_ACCOUNT",
  "LINK_SAME_PLATFORM",
  "LINK_PAYOUT_IN_FLIGHT",
  "LINK_REFERRAL_CYCLE",
  "LINK_RATE_LIMITED",
  "LINK_TOO_MANY_ATTEMPTS",
  "LINK_ALREADY_LINKED",
  "DATASET_NOTHING_NEW",
  "DATASET_EXPORT_NOT_FOUND",
  "DATASET_NO_EXPORT",
  "DATASET_TOKEN_EXISTS",
  "DATASET_TOKEN_NOT_FOUND",
  "DATASET_TOKEN_NOT_LIVE",
  "DATASET_TX_NOT_FOUND",
  "DATASET_TX_DONE",
  "DATASET_TX_EXPIRED",
  "DATASET_TX_TAKEN",
  "DATASET_ACCESS_ALREADY",
  "DATASET_NO_ACCESS",
  "WALLET_NOT_VERIFIED",
  "HOLDINGS_TOO_LOW",
  "CURVE_BUSY",
  "CURVE_SLIPPAGE",
  "CURVE_SOLD_OUT",
  "CURVE_AMOUNT_TOO_SMALL",
  "CURVE_SELL_EXCEEDS_SOLD",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly context: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = "DomainError";
  }
}

/** An expected failure as a value: `return fail("POOL_EXHAUSTED", { factoryId })`. */
export const fail = (code: ErrorCode, context: Record<string, unknown> = {}) =>
  ({ ok: false, error: new DomainError(code, context) }) as const;
