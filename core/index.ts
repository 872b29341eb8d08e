/**
 * The domain core. Edges build `CoreDeps` in their composition root and call `createCore`;
 * handlers then call `core.<useCase>(input)`.
 */
import { getLeaderboard, getProfile } from "./accounts/get-profile.js";
import { issueLinkCode } from "./accounts/issue-link-code.js";
import { linkIdentity } from "./accounts/link-identity.js";
import { listIdentities } from "./accounts/list-identities.js";
import { linkWallet } from "./accounts/link-wallet.js";
import { redeemLinkCode } from "./accounts/redeem-link-code.js";
import { registerAccount } from "./accounts/register-account.js";
import { setLocale } from "./accounts/set-locale.js";
import type { CoreDeps } from "./deps.js";
import { changeFactoryStatus } from "./factories/change-factory-status.js";
import { createFactory } from "./factories/create-factory.js";
import { getFactoryOverview } from "./factories/get-factory-overview.js";
import { getOwnedFactoryOverview } from "./factories/get-owned-factory-overview.js";
import { browseFactories, listOwnedFactories } from "./factories/list-factories.js";
import { updateFactory } from "./factories/update-factory.js";
import { creditDeposit } from "./ledger/credit-deposit.js";
import { withdrawPool } from "./ledger/withdraw-pool.js";
import { attachPaymentMessage, createPaymentRequest } from "./payments/create-payment-request.js";
import { finalizePayments, listUnfinalizedPayments } from "./payments/finalize-payments.js";
import { listUnattributedPayments } from "./payments/list-unattributed.js";
import { getPaymentRequest, getPaymentStatus } from "./payments/get-payment-status.js";
import { appealGrade } from "./grading/appeal-grade.js";
import { findDuplicates } from "./grading/find-duplicates.js";
import { getRecording, listRecordings, listStaleRecordings, listUntoldGrades } from "./grading/get-recording.js";
import { markGradeNotified } from "./grading/mark-grade-notified.js";
import { gradeRecording } from "./grading/grade-recording.js";
import { regradeRecording } from "./grading/regrade-recording.js";
import { submitRecording } from "./grading/submit-recording.js";
import { markPaymentSeen } from "./payments/mark-payment-seen.js";
import { recordPayment } from "./payments/record-payment.js";
import { attributeReferral } from "./referrals/attribute-referral.js";
import { listReferrals } from "./referrals/list-referrals.js";
import { getStakeTier } from "./staking/get-stake-tier.js";
import { recordStake } from "./staking/record-stake.js";
import { requestUnstake } from "./staking/request-unstake.js";
import { acceptSubmission } from "./submissions/accept-submission.js";
import { releaseSubmission } from "./submissions/release-submission.js";
import { getSubmission, listSubmissions } from "./submissions/list-submissions.js";
import { recordBurn } from "./boosts/record-burn.js";
import { requestBoost } from "./boosts/request-boost.js";
import { getEarnings } from "./payouts/get-earnings.js";
import { getEarningsHistory, getFactoryInsights } from "./insights/index.js";
import { getPayoutOutlook } from "./payouts/get-payout-outlook.js";
import { listPayable } from "./payouts/list-payable.js";
import { getPayoutEngine, reportPayoutEngine } from "./payouts/payout-engine.js";
import { planBatch } from "./payouts/plan-batch.js";
import {
  claimPayoutNotice,
  findPayoutAttempt,
  getPayout,
  getPayoutMinimums,
  ledgerHeldTotal,
  listBatchAttempts,
  listConfirmedAttempts,
  listBatchPayouts,
  listOpenBatches,
  listPaidUnnotified,
  listSubmissionPayouts,
  promptForWallet,
} from "./payouts/queries.js";
import { recordSignedAttempt } from "./payouts/record-signed-attempt.js";
import { recordNetworkCost } from "./payouts/record-network-cost.js";
import { confirmBatch, expireAttempt, failBatch, releasePayouts } from "./payouts/resolve-attempt.js";
import { settleSubmission } from "./submissions/settle-submission.js";
import { settleSubmissions } from "./submissions/settle-submissions.js";

type Bound<F> = F extends (deps: CoreDeps, ...args: infer A) => infer R ? (...args: A) => R : never;

const useCases = {
  registerAccount,
  linkIdentity,
  issueLinkCode,
  redeemLinkCode,
  listIdentities,
  linkWallet,
  getProfile,
  getLeaderboard,
  setLocale,
  attributeReferral,
  listReferrals,
  createFactory,
  updateFactory,
  changeFactoryStatus,
  getFactoryOverview,
  getOwnedFactoryOverview,
  listOwnedFactories,
  browseFactories,
  listSubmissions,
  getSubmission,
  getEarnings,
  getEarningsHistory,
  getFactoryInsights,
  creditDeposit,
  withdrawPool,
  recordStake,
  requestUnstake,
  createPaymentRequest,
  attachPaymentMessage,
  recordPayment,
  markPaymentSeen,
  getPaymentStatus,
  listUnattributedPayments,
  listUnfinalizedPayments,
  finalizePayments,
  getStakeTier,
  acceptSubmission,
  settleSubmission,
  settleSubmissions,
  releaseSubmission,
  submitRecording,
  findDuplicates,
  gradeRecording,
  appealGrade,
  regradeRecording,
  getRecording,
  listRecordings,
  listStaleRecordings,
  listUntoldGrades,
  markGradeNotified,
  listPayable,
  planBatch,
  recordSignedAttempt,
  recordNetworkCost,
  confirmBatch,
  failBatch,
  expireAttempt,
  releasePayouts,
  listOpenBatches,
  listBatchAttempts,
  listConfirmedAttempts,
  listBatchPayouts,
  findPayoutAttempt,
  ledgerHeldTotal,
  claimPayoutNotice,
  listPaidUnnotified,
  promptForWallet,
  getPayout,
  getPayoutMinimums,
  listSubmissionPayouts,
  getPayoutOutlook,
  reportPayoutEngine,
  getPayoutEngine,
  requestBoost,
  recordBurn,
  getPaymentRequest,
};

export type Core = { readonly [K in keyof typeof useCases]: Bound<(typeof useCases)[K]> };

export function createCore(deps: CoreDeps): Core {
  const bound = Object.fromEntries(
    Object.entries(useCases).map(([name, fn]) => [
      name,
      (...args: unknown[]) => (fn as (...a: unknown[]) => unknown)(deps, ...args),
    ]),
  );
  return bound as Core;
}

export type { CoreDeps } from "./deps.js";
