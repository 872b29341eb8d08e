import type { Account, Identity, Platform, Wallet } from "../accounts/account.js";
import type { Factory, FactoryStatus } from "../factories/factory.js";
import type { DuplicateCandidate, Recording, RecordingFingerprint } from "../grading/recording.js";
import type { JournalEntry, PostOutcome } from "../ledger/ledger.js";
import type { TokenSymbol } from "../money/tokens.js";
import type { PaymentRequest, RecordedPayment } from "../payments/payment.js";
import type { Payout, PayoutRole } from "../payouts/payout.js";
import type { AccountLinkRepository } from "./links.js";
import type { PayoutBatchRepository, PayoutEngineRepository, PayoutRepository } from "./payouts.js";
import type { LimitCounts, Submission } from "../submissions/submission.js";

export interface AccountRepository {
  findById(id: string): Promise<Account | null>;
  findByIdentity(platform: Platform, externalId: string): Promise<Account | null>;
  findByReferralCode(code: string): Promise<Account | null>;
  create(account: Account): Promise<void>;
  addIdentity(identity: Identity): Promise<void>;
  listIdentities(accountId: string): Promise<Identity[]>;
  /** Sets the referrer only if none is set yet; false when one already was. */
  setReferrer(accountId: string, referrerId: string, at: Date): Promise<boolean>;
  listReferees(referrerId: string): Promise<Account[]>;
  /** Accounts with the most XP, most first (XP > 0 only). */
  topByXp(limit: number): Promise<Account[]>;
  addXp(accountId: string, xp: bigint): Promise<void>;
  setBoost(accountId: string, boostBps: number, until: Date | null): Promise<void>;
  setLocale(accountId: string, locale: string | null): Promise<void>;
  findWallet(address: string): Promise<Wallet | null>;
  addWallet(wallet: Wallet): Promise<void>;
  listWallets(accountId: string): Promise<Wallet[]>;
  /** Records that the person was told how to link a wallet; true only the first time. */
  claimWalletPrompt(accountId: string, at: Date): Promise<boolean>;
}

export interface Page {
  readonly offset: number;
  readonly limit: number;
}

export interface FactoryRepository {
  findById(id: string): Promise<Factory | null>;
  create(factory: Factory): Promise<void>;
  /** Replaces the factory's editable fields and its task list (tasks are never deleted). */
  update(factory: Factory): Promise<void>;
  listByOwner(ownerId: string): Promise<Factory[]>;
  listByStatus(status: FactoryStatus, page: Page): Promise<{ items: Factory[]; total: number }>;
}

export interface LedgerRepository {
  /**
   * Applies a journal entry atomically within the unit of work: "duplicate" when its key was
   * already applied (nothing changes), "insufficient" when an account would go negative.
   */
  post(entry: JournalEntry): Promise<PostOutcome>;
  balance(account: string, token: TokenSymbol): Promise<bigint>;
  /** Several balances in one read, in the order asked (a page of pools, say). */
  balances(of: ReadonlyArray<{ readonly account: string; readonly token: TokenSymbol }>): Promise<bigint[]>;
  /**
   * What the ledger holds for others in a token: the sum of every balance but `external` and
   * `platform:gas` (pools, holds, owed, in flight, the platform fee). The treasury and the
   * staking vault must hold at least this on chain.
   */
  heldTotal(token: TokenSymbol): Promise<bigint>;
}

export interface SubmissionRepository {
  findById(id: string): Promise<Submission | null>;
  create(submission: Submission): Promise<void>;
  update(submission: Submission): Promise<void>;
  /**
   * Submissions counting against limits (all but released, and not appeals' top-ups), per task,
   * since `dayStart`, in all.
   */
  countForLimits(farmerId: string, factoryId: string, taskId: string, dayStart: Date): Promise<LimitCounts>;
  /** The farmer's best gross so far on this task (0 when none paid). */
  bestGross(farmerId: string, factoryId: string, taskId: string): Promise<bigint>;
  /** The farmer's best settled score on this task that earned XP (at or above its threshold; 0 with none). */
  bestScore(farmerId: string, factoryId: string, taskId: string): Promise<number>;
  /**
   * Most recent first, in the order the demonstrations settled: one score per demonstration (not
   * per appeal's top-up), its latest: its recording's grade (an appeal's regrade replaces the
   * first), else its settled top-up's score, else its own.
   */
  recentScores(farmerId: string, limit: number): Promise<number[]>;
  listByFarmer(farmerId: string, page: Page): Promise<Submission[]>;
  factoryStats(factoryId: string): Promise<FactoryStats>;
}

export interface FactoryStats {
  readonly submissions: number;
  readonly settled: number;
  readonly paid: number;
  readonly averageScore: number | null;
  readonly spent: bigint;
}

export interface PaymentRepository {
  createRequest(request: PaymentRequest): Promise<void>;
  findRequestByReference(reference: string): Promise<PaymentRequest | null>;
  findRequestById(id: string): Promise<PaymentRequest | null>;
  /** Of these references, the ones that belong to requests (one query, however many). */
  findRequestsByReferences(references: readonly string[]): Promise<PaymentRequest[]>;
  markPaid(requestId: string): Promise<void>;
  /** Marks an open request seen, once: the request when this call marked it, else null. */
  markSeen(requestId: string, signature: string, at: Date): Promise<PaymentRequest | null>;
  setMessageRef(requestId: string, messageRef: string): Promise<void>;
  findPayment(signature: string): Promise<RecordedPayment | null>;
  /** Records a seen payment; false when its signature was recorded before (nothing changes). */
  recordPayment(payment: RecordedPayment): Promise<boolean>;
  listUnattributed(limit: number): Promise<RecordedPayment[]>;
  /** Credited payments of requests not yet seen finalized, oldest first. */
  listUnfinalized(limit: number): Promise<RecordedPayment[]>;
  markFinalized(signatures: readonly string[], at: Date): Promise<void>;
}

/** Everything settling one submission reads, loaded at once. */
export interface SettlementContext {
  readonly submission: Submission;
  readonly factory: Pick<Factory, "id" | "ownerId" | "token">;
  readonly farmer: Account;
  readonly owner: Pick<Account, "id" | "referrerId">;
  /** The farmer's best gross so far on this task, from other settled submissions. */
  readonly bestGross: bigint;
  /** The farmer's best score so far on this task that earned XP, from other settled submissions. */
  readonly bestScore: number;
  /** Staked CLONES of the farmer's and the owner's referrers, by account id. */
  readonly referrerStakes: Readonly<Record<string, bigint>>;
}

/** What a settlement changes, written at once. */
export interface SettlementRecord {
  readonly submission: Submission;
  readonly payouts: readonly Payout[];
  readonly xp: bigint;
  readonly entry: JournalEntry;
}

/**
 * The settlement aggregate, loaded and saved in as few round trips as possible (settling is
 * the hottest path of the system).
 */
export interface SettlementRepository {
  /**
   * Takes the farmer's lock on the factory (the same lock `acceptSubmission` takes), then
   * loads the context; null for an unknown submission.
   */
  load(submissionId: string): Promise<SettlementContext | null>;
  /** Writes submission, payouts, XP and the journal entry; the entry's outcome is returned. */
  save(record: SettlementRecord): Promise<PostOutcome>;
  /**
   * `load` for a batch, in order (null for an unknown submission). Takes every lock the batch's
   * saves will need first, each kind in one sorted order, so that batches running at once
   * cannot deadlock: the farmers' locks on their factories, then the farmers' accounts (XP).
   */
  loadMany(submissionIds: readonly string[]): Promise<Array<SettlementContext | null>>;
  /** `save` for a batch of distinct submissions of distinct farmers; the outcomes in order. */
  saveMany(records: readonly SettlementRecord[]): Promise<PostOutcome[]>;
}

/** What a unit of work hands its function: repositories bound to one transaction. */
export interface RecordingRepository {
  findById(id: string): Promise<Recording | null>;
  create(recording: Recording): Promise<void>;
  update(recording: Recording): Promise<void>;
  listByAccount(accountId: string, page: Page): Promise<Recording[]>;
  /** Recordings still waiting for a grade since before `before`, oldest first. */
  listStale(before: Date, limit: number): Promise<Recording[]>;
  /** Recordings graded before `before` whose farmer was not told that grade, oldest first. */
  listUntold(before: Date, limit: number): Promise<Recording[]>;
  /**
   * The earliest other account's recording with these exact bytes taken in before this one:
   * before `createdBefore`, or at that instant with an id before `recordingId` (a total order).
   */
  findEarlierCopy(query: {
    contentHash: string;
    excludeAccountId: string;
    createdBefore: Date;
    recordingId: string;
  }): Promise<string | null>;
  /**
   * The earliest of the account's own recordings taken in before this one (the same order as
   * `findEarlierCopy`) that it copies exactly: the same bytes, or the same action fingerprint
   * (`minhash`; an empty one matches nothing). Rejected recordings are left out: uploading again
   * what a gate refused is a new try, not a copy.
   */
  findOwnCopy(query: {
    accountId: string;
    contentHash: string;
    minhash: readonly number[];
    createdBefore: Date;
    recordingId: string;
  }): Promise<string | null>;
  /** Indexes a graded recording for others' duplicate checks (its bands, hashes and signature). */
  saveFingerprint(recording: Recording, fingerprint: RecordingFingerprint): Promise<void>;
  /**
   * Other accounts' recordings taken in before this one (`createdBefore`, ties broken by id
   * against `excludeRecordingId`; the original is the earlier one)
   * that may be copies: the same content hash, a shared MinHash band, or the task's most recent
   * ones; at most `limit`.
   */
  findDuplicateCandidates(query: {
    excludeAccountId: string;
    excludeRecordingId: string;
    createdBefore: Date;
    taskId: string;
    contentHash: string;
    bands: readonly string[];
    limit: number;
  }): Promise<DuplicateCandidate[]>;
}

/** A day's payouts to one person in one role and token, paid or still waiting (owed or in flight). */
export interface PayoutDay {
  /** The UTC day they were earned, "YYYY-MM-DD". */
  readonly day: string;
  readonly role: PayoutRole;
  readonly token: TokenSymbol;
  readonly paid: boolean;
  readonly units: bigint;
}

/**
 * What became of a submission: passed (scored at or above its threshold), failed (scored below),
 * pending (waiting for its score), released (abandoned or refused before scoring).
 */
export type SubmissionOutcome = "passed" | "failed" | "pending" | "released";

export interface SubmissionDay {
  readonly day: string;
  readonly outcome: SubmissionOutcome;
  readonly count: number;
}

/** A graded recording of a factory, for its best and worst lists. */
export interface RankedRecording {
  readonly recordingId: string;
  readonly taskId: string;
  readonly score: number;
  readonly createdAt: Date;
}

/** Read-only sums by UTC day, for charts and the dashboard. */
export interface InsightsRepository {
  /** Payouts to `recipientId` created since `since`, summed by day, role, token and paid or not. */
  payoutsByDay(recipientId: string, since: Date): Promise<PayoutDay[]>;
  /** The factory's submissions taken in since `since`, counted by day and outcome. */
  submissionsByDay(factoryId: string, since: Date): Promise<SubmissionDay[]>;
  /** Every scored submission of the factory, counted per 10 points: 0–9, …, 80–89, 90–100. */
  scoreBins(factoryId: string): Promise<number[]>;
  /** The pool's balance before `since`, and its net change on each day since (days without one left out). */
  poolByDay(
    factoryId: string,
    token: TokenSymbol,
    since: Date,
  ): Promise<{ opening: bigint; changes: readonly { day: string; units: bigint }[] }>;
  /** The factory's graded recordings, highest scores first ("best") or lowest first ("worst"). */
  rankedRecordings(factoryId: string, order: "best" | "worst", limit: number): Promise<RankedRecording[]>;
}

export interface Repositories {
  readonly accounts: AccountRepository;
  readonly factories: FactoryRepository;
  readonly ledger: LedgerRepository;
  readonly submissions: SubmissionRepository;
  readonly payouts: PayoutRepository;
  readonly batches: PayoutBatchRepository;
  readonly payoutEngine: PayoutEngineRepository;
  readonly settlements: SettlementRepository;
  readonly payments: PaymentRepository;
  readonly recordings: RecordingRepository;
  readonly links: AccountLinkRepository;
  readonly insights: InsightsRepository;
  /**
   * Serializes work on these keys until the unit of work ends (e.g. one farmer's limits).
   * Call once, early, with every key: acquiring keys in sorted order avoids deadlocks.
   */
  lock(keys: readonly string[]): Promise<void>;
}

export interface UnitOfWork {
  /**
   * Runs `fn` in one transaction. It commits when `fn` returns `{ ok: true }` and rolls back
   * when it returns `{ ok: false }` (the failure is returned) or throws.
   */
  run<T extends { ok: boolean }>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
  /**
   * Runs read-only work without a transaction (cheaper: views and lookups). Each read sees
   * committed data; several reads need not see the same instant. Never write through it.
   */
  read<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
}
