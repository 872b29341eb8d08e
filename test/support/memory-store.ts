// In-memory implementation of every core port: the fake the contract suite holds the
// Prisma adapters to. A unit of work runs alone (a mutex) on a copy of the state, which
// replaces the state only when the work succeeds: the same commit/rollback semantics.
import type { Account, Identity, Wallet } from "../../core/accounts/account.js";
import type { Factory } from "../../core/factories/factory.js";
import type { DuplicateCandidate, Recording } from "../../core/grading/recording.js";
import { minhashBands } from "../../core/grading/recording.js";
import { LedgerAccount, mayGoNegative, toPostings, type JournalEntry, type Posting } from "../../core/ledger/ledger.js";
import type { AccountLinkRepository, LinkCodeRecord } from "../../core/ports/links.js";
import type { InsightsRepository, Repositories, SubmissionOutcome, UnitOfWork } from "../../core/ports/repositories.js";
import type { PaymentRequest, RecordedPayment } from "../../core/payments/payment.js";
import type { PayoutAttempt, PayoutBatch } from "../../core/payouts/batch.js";
import type { Payout } from "../../core/payouts/payout.js";
import type { PayoutEngineStatus } from "../../core/ports/payouts.js";
import { isTopUp, TOP_UP_SUFFIX, type Submission } from "../../core/submissions/submission.js";

interface State {
  accounts: Map<string, Account>;
  identities: Map<string, Identity>;
  wallets: Map<string, Wallet>;
  factories: Map<string, Factory>;
  submissions: Map<string, Submission>;
  journal: Map<string, { entry: JournalEntry; postings: Posting[]; at: Date }>;
  balances: Map<string, bigint>;
  payouts: Map<string, Payout>;
  requests: Map<string, PaymentRequest>;
  payments: Map<string, RecordedPayment>;
  recordings: Map<string, Recording>;
  fingerprints: Map<string, DuplicateCandidate & { taskId: string; bands: string[] }>;
  batches: Map<string, PayoutBatch>;
  attempts: Map<string, PayoutAttempt>;
  engine: PayoutEngineStatus | null;
  walletPrompts: Set<string>;
  linkCodes: Map<string, LinkCodeRecord & { usedBy: string | null }>;
  linkFailures: Array<{ accountId: string; at: Date }>;
  /** Absorbed account id → the account it merged into, and its referral code. */
  aliases: Map<string, { accountId: string; referralCode: string }>;
}

const emptyState = (): State => ({
  accounts: new Map(),
  identities: new Map(),
  wallets: new Map(),
  factories: new Map(),
  submissions: new Map(),
  journal: new Map(),
  balances: new Map(),
  payouts: new Map(),
  requests: new Map(),
  payments: new Map(),
  recordings: new Map(),
  fingerprints: new Map(),
  batches: new Map(),
  attempts: new Map(),
  engine: null,
  walletPrompts: new Set(),
  linkCodes: new Map(),
  linkFailures: [],
  aliases: new Map(),
});

/** (createdAt, id) before (at, id): the order in which recordings were taken in. */
const takenBefore = (r: Recording | undefined, at: Date, id: string): boolean =>
  r !== undefined && (r.createdAt < at || (r.createdAt.getTime() === at.getTime() && r.id < id));

const balanceKey = (account: string, token: string) => `${token}\u0000${account}`;
const oldestFirst = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1);
const byDateDesc =
  <T>(pick: (x: T) => Date | null) =>
  (a: T, b: T) =>
    (pick(b)?.getTime() ?? 0) - (pick(a)?.getTime() ?? 0);

export class MemoryStore implements UnitOfWork {
  private state = emptyState();
  private queue: Promise<unknown> = Promise.resolve();

  run<T extends { ok: boolean }>(fn: (repos: Repositories) => Promise<T>): Promise<T> {
    const work = this.queue.then(async () => {
      const draft = structuredClone(this.state);
      const result = await fn(repositories(draft));
      if (result.ok) this.state = draft;
      return result;
    });
    this.queue = work.catch(() => undefined);
    return work;
  }

  read<T>(fn: (repos: Repositories) => Promise<T>): Promise<T> {
    const work = this.queue.then(() => fn(repositories(structuredClone(this.state))));
    this.queue = work.catch(() => undefined);
    return work;
  }

  /** Every journal entry's postings, for invariant checks. */
  allPostings(): Posting[] {
    return [...this.state.journal.values()].flatMap((j) => j.postings);
  }

  balances(): Map<string, bigint> {
    return new Map(this.state.balances);
  }
}

function repositories(s: State): Repositories {
  const repos = baseRepositories(s);
  return { ...repos, settlements: composedSettlements(repos) };
}

/** The settlement aggregate composed from the other repositories (the Prisma one is one query). */
function composedSettlements(r: Omit<Repositories, "settlements">): Repositories["settlements"] {
  const settlements: Repositories["settlements"] = {
    async load(submissionId) {
      const submission = await r.submissions.findById(submissionId);
      if (!submission) return null;
      const factory = (await r.factories.findById(submission.factoryId))!;
      const farmer = (await r.accounts.findById(submission.farmerId))!;
      const owner = (await r.accounts.findById(factory.ownerId))!;
      const referrerStakes: Record<string, bigint> = {};
      for (const id of [farmer.referrerId, owner.referrerId])
        if (id) referrerStakes[id] = await r.ledger.balance(LedgerAccount.stake(id), "CLONES");
      const task = [submission.farmerId, submission.factoryId, submission.taskId] as const;
      const bestGross = await r.submissions.bestGross(...task);
      const bestScore = await r.submissions.bestScore(...task);
      return { submission, factory, farmer, owner, bestGross, bestScore, referrerStakes };
    },
    async save(record) {
      await r.submissions.update(record.submission);
      await r.payouts.createMany(record.payouts);
      if (record.xp > 0n) await r.accounts.addXp(record.submission.farmerId, record.xp);
      return r.ledger.post(record.entry);
    },
    // One unit of work runs at a time here: nothing to lock, and one by one is a batch.
    async loadMany(submissionIds) {
      const contexts = [];
      for (const id of submissionIds) contexts.push(await settlements.load(id));
      return contexts;
    },
    async saveMany(records) {
      const outcomes = [];
      for (const record of records) outcomes.push(await settlements.save(record));
      return outcomes;
    },
  };
  return settlements;
}

function baseRepositories(s: State): Omit<Repositories, "settlements"> {
  return {
    accounts: {
      findById: async (id) => s.accounts.get(id) ?? null,
      findByIdentity: async (platform, externalId) => {
        const identity = s.identities.get(`${platform}:${externalId}`);
        return identity ? (s.accounts.get(identity.accountId) ?? null) : null;
      },
      findByReferralCode: async (code) => {
        const alias = [...s.aliases.values()].find((a) => a.referralCode === code);
        if (alias) return s.accounts.get(alias.accountId) ?? null;
        return [...s.accounts.values()].find((a) => a.referralCode === code) ?? null;
      },
      create: async (a) => {
        if (s.accounts.has(a.id)) throw new Error("duplicate account");
        s.accounts.set(a.id, a);
      },
      addIdentity: async (i) => {
        const key = `${i.platform}:${i.externalId}`;
        if (s.identities.has(key)) throw new Error("duplicate identity");
        s.identities.set(key, i);
      },
      listIdentities: async (accountId) => [...s.identities.values()].filter((i) => i.accountId === accountId),
      setReferrer: async (accountId, referrerId, at) => {
        const a = s.accounts.get(accountId);
        if (!a || a.referrerId) return false;
        s.accounts.set(accountId, { ...a, referrerId, referredAt: at });
        return true;
      },
      listReferees: async (referrerId) =>
        [...s.accounts.values()].filter((a) => a.referrerId === referrerId).sort(byDateDesc((a) => a.referredAt)),
      topByXp: async (limit) =>
        [...s.accounts.values()]
          .filter((a) => a.xp > 0n)
          .sort((a, b) => (b.xp > a.xp ? 1 : b.xp < a.xp ? -1 : a.id < b.id ? -1 : 1))
          .slice(0, limit),
      addXp: async (id, xp) => {
        const a = s.accounts.get(id)!;
        s.accounts.set(id, { ...a, xp: a.xp + xp });
      },
      setBoost: async (id, boostBps, boostUntil) => {
        s.accounts.set(id, { ...s.accounts.get(id)!, boostBps, boostUntil });
      },
      setLocale: async (id, locale) => {
        s.accounts.set(id, { ...s.accounts.get(id)!, locale });
      },
      findWallet: async (address) => s.wallets.get(address) ?? null,
      addWallet: async (w) => {
        if (s.wallets.has(w.address)) throw new Error("duplicate wallet");
        s.wallets.set(w.address, w);
      },
      listWallets: async (accountId) =>
        [...s.wallets.values()]
          .filter((w) => w.accountId === accountId)
          .sort((a, b) => a.verifiedAt.getTime() - b.verifiedAt.getTime()),
      claimWalletPrompt: async (accountId) => {
        if (s.walletPrompts.has(accountId)) return false;
        s.walletPrompts.add(accountId);
        return true;
      },
    },
    factories: {
      findById: async (id) => s.factories.get(id) ?? null,
      create: async (f) => void s.factories.set(f.id, f),
      update: async (f) => void s.factories.set(f.id, f),
      listByOwner: async (ownerId) =>
        [...s.factories.values()].filter((f) => f.ownerId === ownerId).sort(byDateDesc((f) => f.createdAt)),
      listByStatus: async (status, page) => {
        const all = [...s.factories.values()]
          .filter((f) => f.status === status)
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? -1 : 1));
        return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
      },
    },
    ledger: {
      post: async (entry) => {
        if (s.journal.has(entry.key)) return { status: "duplicate" };
        const postings = toPostings(entry);
        for (const p of postings) {
          const next = (s.balances.get(balanceKey(p.account, p.token)) ?? 0n) + p.amount;
          if (next < 0n && !mayGoNegative(p.account))
            return { status: "insufficient", account: p.account, token: p.token };
        }
        for (const p of postings) {
          const key = balanceKey(p.account, p.token);
          s.balances.set(key, (s.balances.get(key) ?? 0n) + p.amount);
        }
        // The database stamps a transaction with its own clock (now()); so does this.
        s.journal.set(entry.key, { entry, postings, at: new Date() });
        return { status: "posted" };
      },
      balance: async (account, token) => s.balances.get(balanceKey(account, token)) ?? 0n,
      balances: async (of) => of.map(({ account, token }) => s.balances.get(balanceKey(account, token)) ?? 0n),
      heldTotal: async (token) =>
        [...s.balances]
          .filter(([key]) => key.startsWith(`${token}\u0000`) && !mayGoNegative(key.slice(token.length + 1)))
          .reduce((sum, [, units]) => sum + units, 0n),
    },
    submissions: {
      findById: async (id) => s.submissions.get(id) ?? null,
      create: async (x) => {
        if (s.submissions.has(x.id)) throw new Error("duplicate submission");
        s.submissions.set(x.id, x);
      },
      update: async (x) => void s.submissions.set(x.id, x),
      countForLimits: async (farmerId, factoryId, taskId, dayStart) => {
        const mine = [...s.submissions.values()].filter(
          (x) => x.farmerId === farmerId && x.factoryId === factoryId && x.status !== "released" && !isTopUp(x.id),
        );
        return {
          task: mine.filter((x) => x.taskId === taskId).length,
          day: mine.filter((x) => x.createdAt >= dayStart).length,
          total: mine.length,
        };
      },
      bestGross: async (farmerId, factoryId, taskId) =>
        [...s.submissions.values()]
          .filter(
            (x) =>
              x.farmerId === farmerId && x.factoryId === factoryId && x.taskId === taskId && x.status === "settled",
          )
          .reduce<bigint>((best, x) => (x.gross !== null && x.gross > best ? x.gross : best), 0n),
      bestScore: async (farmerId, factoryId, taskId) =>
        [...s.submissions.values()]
          .filter(
            (x) =>
              x.farmerId === farmerId &&
              x.factoryId === factoryId &&
              x.taskId === taskId &&
              x.status === "settled" &&
              (x.score ?? 0) >= x.threshold,
          )
          .reduce((best, x) => Math.max(best, x.score ?? 0), 0),
      recentScores: async (farmerId, limit) =>
        [...s.submissions.values()]
          .filter((x) => x.farmerId === farmerId && x.status === "settled" && !isTopUp(x.id))
          .sort(byDateDesc((x) => x.settledAt))
          .slice(0, limit)
          .map((x) => {
            const graded = [...s.recordings.values()].find((r) => r.submissionId === x.id && r.status === "graded");
            const topUp = s.submissions.get(`${x.id}${TOP_UP_SUFFIX}`);
            return graded?.grade?.score ?? (topUp?.status === "settled" ? topUp.score : x.score) ?? 0;
          }),
      listByFarmer: async (farmerId, page) =>
        [...s.submissions.values()]
          .filter((x) => x.farmerId === farmerId)
          .sort(byDateDesc((x) => x.createdAt))
          .slice(page.offset, page.offset + page.limit),
      factoryStats: async (factoryId) => {
        const all = [...s.submissions.values()].filter((x) => x.factoryId === factoryId);
        const settled = all.filter((x) => x.status === "settled");
        return {
          submissions: all.length,
          settled: settled.length,
          paid: settled.filter((x) => (x.paid ?? 0n) > 0n).length,
          averageScore: settled.length ? settled.reduce((a, x) => a + (x.score ?? 0), 0) / settled.length : null,
          spent: settled.reduce<bigint>((a, x) => a + (x.paid ?? 0n), 0n),
        };
      },
    },
    payouts: {
      createMany: async (payouts) => {
        for (const p of payouts) if (![...s.payouts.values()].some((q) => q.key === p.key)) s.payouts.set(p.id, p);
      },
      findById: async (id) => s.payouts.get(id) ?? null,
      listByRecipient: async (recipientId) =>
        [...s.payouts.values()]
          .filter((p) => p.recipientId === recipientId)
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? -1 : 1)),
      listBySubmission: async (submissionId) =>
        [...s.payouts.values()].filter((p) => p.submissionId === submissionId).sort((a, b) => (a.key < b.key ? -1 : 1)),
      listByBatch: async (batchId) => [...s.payouts.values()].filter((p) => p.batchId === batchId).sort(oldestFirst),
      listOwed: async (q) => {
        const walletOf = (accountId: string) =>
          [...s.wallets.values()]
            .filter((w) => w.accountId === accountId)
            .sort((a, b) => b.verifiedAt.getTime() - a.verifiedAt.getTime() || (a.address < b.address ? -1 : 1))[0]
            ?.address ?? null;
        return [...s.payouts.values()]
          .filter(
            (p) =>
              p.status === "owed" &&
              p.heldReason === null &&
              (p.dueAt === null || p.dueAt <= q.dueBy) &&
              (p.retryAt === null || p.retryAt <= q.dueBy) &&
              (!q.token || p.token === q.token) &&
              (!q.recipientId || p.recipientId === q.recipientId),
          )
          .sort(oldestFirst)
          .slice(0, q.limit)
          .map((p) => ({ ...p, recipientWallet: walletOf(p.recipientId) }));
      },
      claimOwed: async (ids) =>
        ids
          .map((id) => s.payouts.get(id))
          .filter((p): p is Payout => p?.status === "owed")
          .sort(oldestFirst),
      update: async (p) => void s.payouts.set(p.id, p),
      claimNotice: async (id, at) => {
        const p = s.payouts.get(id);
        if (!p || p.notifiedAt) return false;
        s.payouts.set(id, { ...p, notifiedAt: at });
        return true;
      },
      listPaidUnnotified: async (paidBefore, limit) =>
        [...s.payouts.values()]
          .filter((p) => p.status === "paid" && !p.notifiedAt && p.paidAt! < paidBefore)
          .sort((a, b) => a.paidAt!.getTime() - b.paidAt!.getTime())
          .slice(0, limit),
    },
    batches: {
      create: async (b) => void s.batches.set(b.id, b),
      findById: async (id) => s.batches.get(id) ?? null,
      lock: async (id) => s.batches.get(id) ?? null,
      update: async (b) => void s.batches.set(b.id, b),
      listOpen: async (limit) =>
        [...s.batches.values()]
          .filter((b) => b.status === "planned" || b.status === "signed")
          .sort(oldestFirst)
          .slice(0, limit),
      createAttempt: async (a) => {
        const live = [...s.attempts.values()].some((x) => x.batchId === a.batchId && x.status === "signed");
        if (s.attempts.has(a.signature) || live) throw new Error("duplicate attempt");
        s.attempts.set(a.signature, a);
      },
      updateAttempt: async (a) => void s.attempts.set(a.signature, a),
      findAttempt: async (signature) => s.attempts.get(signature) ?? null,
      listConfirmedSince: async (since, limit) =>
        [...s.attempts.values()]
          .filter((a) => a.status === "confirmed" && a.resolvedAt !== null && a.resolvedAt >= since)
          .sort((a, b) => a.resolvedAt!.getTime() - b.resolvedAt!.getTime())
          .slice(0, limit),
      listAttempts: async (batchId) =>
        [...s.attempts.values()].filter((a) => a.batchId === batchId).sort((a, b) => a.attempt - b.attempt),
    },
    payoutEngine: {
      get: async () => s.engine,
      set: async (status) => void (s.engine = status),
    },
    payments: {
      createRequest: async (request) => {
        if ([...s.requests.values()].some((x) => x.reference === request.reference))
          throw new Error("duplicate reference");
        s.requests.set(request.id, request);
      },
      findRequestById: async (id) => s.requests.get(id) ?? null,
      findRequestByReference: async (reference) =>
        [...s.requests.values()].find((x) => x.reference === reference) ?? null,
      findRequestsByReferences: async (references) =>
        [...s.requests.values()].filter((x) => references.includes(x.reference)),
      markPaid: async (id) => void s.requests.set(id, { ...s.requests.get(id)!, status: "paid" }),
      markSeen: async (id, _signature, at) => {
        const request = s.requests.get(id);
        if (!request || request.status !== "open" || request.seenAt) return null;
        const seen = { ...request, seenAt: at };
        s.requests.set(id, seen);
        return seen;
      },
      setMessageRef: async (id, messageRef) => {
        const request = s.requests.get(id);
        if (request) s.requests.set(id, { ...request, messageRef });
      },
      findPayment: async (signature) => s.payments.get(signature) ?? null,
      recordPayment: async (payment) => {
        if (s.payments.has(payment.signature)) return false;
        s.payments.set(payment.signature, payment);
        return true;
      },
      listUnattributed: async (limit) =>
        [...s.payments.values()].filter((p) => p.outcome === "unattributed").slice(0, limit),
      listUnfinalized: async (limit) =>
        [...s.payments.values()]
          .filter((p) => p.requestId && !p.finalizedAt && ["credited", "underpaid", "overpaid"].includes(p.outcome))
          .slice(0, limit),
      markFinalized: async (signatures, at) => {
        for (const sig of signatures) {
          const p = s.payments.get(sig);
          if (p) s.payments.set(sig, { ...p, finalizedAt: at });
        }
      },
    },
    recordings: {
      findById: async (id) => s.recordings.get(id) ?? null,
      create: async (recording) => void s.recordings.set(recording.id, recording),
      update: async (recording) => void s.recordings.set(recording.id, recording),
      listByAccount: async (accountId, page) =>
        [...s.recordings.values()]
          .filter((r) => r.accountId === accountId)
          .sort(byDateDesc((r) => r.createdAt))
          .slice(page.offset, page.offset + page.limit),
      listStale: async (before, limit) =>
        [...s.recordings.values()]
          .filter((r) => r.status === "processing" && r.createdAt < before)
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
          .slice(0, limit),
      listUntold: async (before, limit) =>
        [...s.recordings.values()]
          .filter(
            (r) =>
              r.status !== "processing" &&
              r.gradedAt !== null &&
              r.gradedAt < before &&
              (!r.notifiedAt || r.notifiedAt < r.gradedAt),
          )
          .sort((a, b) => a.gradedAt!.getTime() - b.gradedAt!.getTime())
          .slice(0, limit),
      findEarlierCopy: async (q) =>
        [...s.recordings.values()]
          .filter(
            (r) =>
              r.contentHash === q.contentHash &&
              r.accountId !== q.excludeAccountId &&
              takenBefore(r, q.createdBefore, q.recordingId),
          )
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))[0]?.id ?? null,
      findOwnCopy: async (q) => {
        const sameActions = (id: string) => {
          const minhash = s.fingerprints.get(id)?.minhash;
          return q.minhash.length > 0 && minhash?.join() === q.minhash.join();
        };
        return (
          [...s.recordings.values()]
            .filter(
              (r) =>
                r.accountId === q.accountId &&
                r.status !== "rejected" &&
                takenBefore(r, q.createdBefore, q.recordingId) &&
                (r.contentHash === q.contentHash || sameActions(r.id)),
            )
            .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))[0]?.id ?? null
        );
      },
      saveFingerprint: async (recording, fingerprint) =>
        void s.fingerprints.set(recording.id, {
          ...fingerprint,
          recordingId: recording.id,
          accountId: recording.accountId,
          contentHash: recording.contentHash,
          taskId: recording.taskId,
          bands: minhashBands(fingerprint.minhash),
        }),
      findDuplicateCandidates: async (q) =>
        [...s.fingerprints.values()]
          .filter((f) => f.accountId !== q.excludeAccountId && f.recordingId !== q.excludeRecordingId)
          .filter((f) => takenBefore(s.recordings.get(f.recordingId), q.createdBefore, q.excludeRecordingId))
          .filter(
            (f) => f.contentHash === q.contentHash || f.taskId === q.taskId || f.bands.some((b) => q.bands.includes(b)),
          )
          .slice(-q.limit)
          .map(({ taskId: _t, bands: _b, ...candidate }) => candidate),
    },
    links: memoryLinks(s),
    insights: memoryInsights(s),
    lock: async () => undefined,
  };
}

/** Link codes and merges: the Prisma adapter's behaviour (codes kept by value here, not hashed). */
function memoryLinks(s: State): AccountLinkRepository {
  const move = <T extends object>(map: Map<string, T>, field: keyof T, from: string, to: string) => {
    for (const [key, row] of map) if (row[field] === from) map.set(key, { ...row, [field]: to });
  };
  return {
    saveCode: async ({ code, ...record }) => void s.linkCodes.set(code, { ...record, usedAt: null, usedBy: null }),
    countCodesSince: async (accountId, since) =>
      [...s.linkCodes.values()].filter((c) => c.accountId === accountId && c.issuedAt > since).length,
    lockCode: async (code) => s.linkCodes.get(code) ?? null,
    markUsed: async (code, usedBy, at) => void s.linkCodes.set(code, { ...s.linkCodes.get(code)!, usedAt: at, usedBy }),
    recordFailure: async (accountId, at) => void s.linkFailures.push({ accountId, at }),
    countFailuresSince: async (accountId, since) =>
      s.linkFailures.filter((f) => f.accountId === accountId && f.at > since).length,
    lockAccounts: async () => undefined,
    countPayoutsInFlight: async (ids) =>
      [...s.payouts.values()].filter((p) => ids.includes(p.recipientId) && p.status === "in_flight").length,
    absorb: async ({ absorbed, survivor, at: _at }) => {
      const [from, to] = [absorbed.id, survivor.id];
      move(s.identities, "accountId", from, to);
      move(s.wallets, "accountId", from, to);
      move(s.factories, "ownerId", from, to);
      move(s.submissions, "farmerId", from, to);
      move(s.recordings, "accountId", from, to);
      move(s.fingerprints, "accountId", from, to);
      move(s.payouts, "recipientId", from, to);
      for (const [id, p] of s.payouts)
        if (p.role === "ambassador" && p.sourceId === from) s.payouts.set(id, { ...p, sourceId: to });
      move(s.requests, "ownerId", from, to);
      for (const [code, c] of s.linkCodes) {
        if (c.accountId === from && !c.usedAt) s.linkCodes.delete(code);
        else
          s.linkCodes.set(code, {
            ...c,
            accountId: c.accountId === from ? to : c.accountId,
            usedBy: c.usedBy === from ? to : c.usedBy,
          });
      }
      for (const f of s.linkFailures) if (f.accountId === from) f.accountId = to;
      for (const [id, a] of s.accounts)
        if (a.referrerId === from && id !== to) s.accounts.set(id, { ...a, referrerId: to });
      move(s.aliases, "accountId", from, to);
      if (s.walletPrompts.delete(from)) s.walletPrompts.add(to);
      s.accounts.set(to, { ...s.accounts.get(to)!, ...survivor });
      s.aliases.set(from, { accountId: to, referralCode: absorbed.referralCode });
      s.accounts.delete(from);
    },
  };
}

/** The same audit as prisma/verify-ledger.ts, over the in-memory journal. */
export function verifyMemoryLedger(store: MemoryStore) {
  const sums: Record<string, string> = {};
  const fromEntries = new Map<string, bigint>();
  for (const p of store.allPostings()) {
    sums[p.token] = (BigInt(sums[p.token] ?? "0") + p.amount).toString();
    if (!mayGoNegative(p.account)) {
      const key = balanceKey(p.account, p.token);
      fromEntries.set(key, (fromEntries.get(key) ?? 0n) + p.amount);
    }
  }
  const balances = store.balances();
  const internal = (k: string) => !mayGoNegative(k.slice(k.indexOf("\u0000") + 1));
  const negative = [...balances].filter(([k, v]) => v < 0n && internal(k)).map(([k]) => k);
  const mismatched = [...new Set([...balances.keys(), ...fromEntries.keys()])]
    .filter(internal)
    .filter((k) => (balances.get(k) ?? 0n) !== (fromEntries.get(k) ?? 0n));
  return { sums, negative, mismatched };
}

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/** core/insights' sums over the in-memory state, by the rules of prisma/repositories/insights-repository.ts. */
function memoryInsights(s: State): InsightsRepository {
  /** A factory's demonstrations (top-ups folded in) with their latest score, as the SQL picks it. */
  const demonstrations = (factoryId: string) =>
    [...s.submissions.values()]
      .filter((x) => x.factoryId === factoryId && !isTopUp(x.id))
      .map((x) => {
        const topUp = s.submissions.get(x.id + TOP_UP_SUFFIX);
        const recording = [...s.recordings.values()].find((r) => r.submissionId === x.id && r.status === "graded");
        const score =
          x.status === "settled"
            ? (recording?.grade?.score ?? (topUp?.status === "settled" ? topUp.score : null) ?? x.score)
            : null;
        return { submission: x, score };
      });
  const outcome = (d: ReturnType<typeof demonstrations>[number]): SubmissionOutcome =>
    d.submission.status === "reserved"
      ? "pending"
      : d.submission.status === "released"
        ? "released"
        : d.score !== null && d.score >= d.submission.threshold
          ? "passed"
          : "failed";
  return {
    async payoutsByDay(recipientId, since) {
      const sums = new Map<
        string,
        { day: string; role: Payout["role"]; token: Payout["token"]; paid: boolean; units: bigint }
      >();
      for (const p of s.payouts.values()) {
        if (p.recipientId !== recipientId || p.createdAt < since) continue;
        const row = { day: utcDay(p.createdAt), role: p.role, token: p.token, paid: p.status === "paid" };
        const key = JSON.stringify(row);
        sums.set(key, { ...row, units: (sums.get(key)?.units ?? 0n) + p.units });
      }
      return [...sums.values()].sort((a, b) => a.day.localeCompare(b.day) || a.token.localeCompare(b.token));
    },
    async submissionsByDay(factoryId, since) {
      const counts = new Map<string, { day: string; outcome: SubmissionOutcome; count: number }>();
      for (const d of demonstrations(factoryId)) {
        if (d.submission.createdAt < since) continue;
        const row = { day: utcDay(d.submission.createdAt), outcome: outcome(d) };
        const key = JSON.stringify(row);
        counts.set(key, { ...row, count: (counts.get(key)?.count ?? 0) + 1 });
      }
      return [...counts.values()].sort((a, b) => a.day.localeCompare(b.day));
    },
    async scoreBins(factoryId) {
      const bins = Array.from({ length: 10 }, () => 0);
      for (const d of demonstrations(factoryId))
        if (d.score !== null) bins[Math.min(Math.floor(Math.max(d.score, 0) / 10), 9)]! += 1;
      return bins;
    },
    async poolByDay(factoryId, token, since) {
      const account = LedgerAccount.pool(factoryId);
      let opening = 0n;
      const changes = new Map<string, bigint>();
      for (const j of s.journal.values())
        for (const p of j.postings) {
          if (p.account !== account || p.token !== token) continue;
          if (j.at < since) opening += p.amount;
          else changes.set(utcDay(j.at), (changes.get(utcDay(j.at)) ?? 0n) + p.amount);
        }
      return {
        opening,
        changes: [...changes.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, units]) => ({ day, units })),
      };
    },
    async rankedRecordings(factoryId, order, limit) {
      const sign = order === "best" ? -1 : 1;
      return [...s.recordings.values()]
        .filter((r) => r.factoryId === factoryId && r.status === "graded" && r.grade)
        .sort(
          (a, b) =>
            sign * (a.grade!.score - b.grade!.score) ||
            b.createdAt.getTime() - a.createdAt.getTime() ||
            (a.id < b.id ? -1 : 1),
        )
        .slice(0, limit)
        .map((r) => ({ recordingId: r.id, taskId: r.taskId, score: r.grade!.score, createdAt: r.createdAt }));
    },
  };
}
