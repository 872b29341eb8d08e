// Random sequences of deposits, submissions, scores, releases, withdrawals, stakes and payout rounds, run
// against any store, with the ledger invariants checked at the end of every sequence.
import fc from "fast-check";
import { expect } from "vitest";
import type { Account } from "../../core/accounts/account.js";
import type { Factory } from "../../core/factories/factory.js";
import { units } from "../../core/money/units.js";
import type { Submission } from "../../core/submissions/submission.js";
import type { UnitOfWork } from "../../core/ports/repositories.js";
import { LedgerAccount } from "../../core/ledger/ledger.js";
import { owedAccount } from "../../core/payouts/payout.js";
import type { Repositories } from "../../core/ports/repositories.js";
import { randomWallet, TEST_SUPPLY } from "./core-deps.js";
import { must, scenario } from "./scenario.js";

export type Command =
  | { kind: "deposit"; factory: number; amount: bigint; key: number }
  | { kind: "submit"; farmer: number; factory: number; task: number }
  | { kind: "settle"; submission: number; score: number }
  | { kind: "release"; submission: number }
  | { kind: "toggle"; factory: number }
  | { kind: "withdraw"; factory: number; amount: bigint | null }
  | { kind: "stake"; person: number; tierSteps: bigint; key: number }
  | { kind: "link"; person: number }
  | { kind: "plan" }
  | { kind: "sign"; batch: number }
  | { kind: "land"; batch: number; outcome: "confirmed" | "failed" | "expired" }
  /** The payout worker's round: plan what is payable, sign every planned batch, land each one. */
  | { kind: "round"; outcome: "confirmed" | "failed" | "expired" };

const idx = fc.nat({ max: 3 });
const landing = fc.constantFrom("confirmed" as const, "confirmed" as const, "failed" as const, "expired" as const);
export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant("deposit" as const),
    factory: idx,
    amount: fc.bigInt({ min: 1n, max: 5_000_000n }),
    key: fc.nat({ max: 12 }),
  }),
  fc.record({
    kind: fc.constant("deposit" as const),
    factory: idx,
    amount: fc.bigInt({ min: 1n, max: 5_000_000n }),
    key: fc.nat({ max: 12 }),
  }),
  fc.record({ kind: fc.constant("submit" as const), farmer: idx, factory: idx, task: fc.nat({ max: 1 }) }),
  fc.record({ kind: fc.constant("submit" as const), farmer: idx, factory: idx, task: fc.nat({ max: 1 }) }),
  fc.record({ kind: fc.constant("settle" as const), submission: fc.nat({ max: 30 }), score: fc.nat({ max: 100 }) }),
  fc.record({
    kind: fc.constant("settle" as const),
    submission: fc.nat({ max: 30 }),
    score: fc.integer({ min: 45, max: 100 }),
  }),
  fc.record({ kind: fc.constant("release" as const), submission: fc.nat({ max: 30 }) }),
  fc.record({ kind: fc.constant("toggle" as const), factory: idx }),
  fc.record({
    kind: fc.constant("withdraw" as const),
    factory: idx,
    amount: fc.option(fc.bigInt({ min: 1n, max: 3_000_000n })),
  }),
  fc.record({
    kind: fc.constant("stake" as const),
    person: idx,
    tierSteps: fc.bigInt({ min: 1n, max: 6n }),
    key: fc.nat({ max: 5 }),
  }),
  { arbitrary: fc.record({ kind: fc.constant("link" as const), person: idx }), weight: 2 },
  fc.record({ kind: fc.constant("plan" as const) }),
  fc.record({ kind: fc.constant("sign" as const), batch: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant("land" as const), batch: fc.nat({ max: 3 }), outcome: landing }),
  { arbitrary: fc.record({ kind: fc.constant("round" as const), outcome: landing }), weight: 2 },
);

export interface Audit {
  sums: Record<string, string>;
  negative: unknown[];
  mismatched: unknown[];
}

/** Runs the commands and checks every invariant; `audit` reads the store's ledger. */
export async function runLedgerProperty(
  uow: UnitOfWork,
  commands: Command[],
  audit: () => Promise<Audit>,
): Promise<void> {
  const s = scenario(uow);
  const people: Account[] = [];
  for (let i = 0; i < 4; i++) people.push(await s.person());
  // Referral chain so commissions flow: people[0] referred people[1..3].
  for (const p of people.slice(1)) await s.refer(p, people[0]!);
  const factories: Factory[] = [];
  for (let i = 0; i < 4; i++)
    factories.push(
      await s.factory(people[i]!, { rewardPerDemo: units(BigInt(300_000 + i * 350_000)), threshold: 50 + i * 10 }),
    );
  const submissions: Submission[] = [];
  const batches: string[] = [];
  const funded = new Map<string, bigint>();
  const withdrawn = new Map<string, bigint>();
  const depositKeys = new Set<string>();
  for (const c of commands) {
    switch (c.kind) {
      case "deposit": {
        const f = factories[c.factory]!;
        const key = `deposit:${f.id}:${c.key}`;
        const r = must(await s.core.creditDeposit({ key, factoryId: f.id, token: f.token, units: units(c.amount) }));
        expect(r.credited).toBe(!depositKeys.has(key));
        if (r.credited) funded.set(f.id, (funded.get(f.id) ?? 0n) + c.amount);
        depositKeys.add(key);
        break;
      }
      case "submit": {
        const f = factories[c.factory]!;
        const r = await s.core.acceptSubmission({
          farmerId: people[c.farmer]!.id,
          factoryId: f.id,
          taskId: f.tasks[c.task]!.id,
        });
        if (r.ok) submissions.push(r.value);
        else expect(["POOL_EXHAUSTED", "FACTORY_NOT_LIVE", "NOTHING_MORE_TO_EARN"]).toContain(r.error.code);
        break;
      }
      case "settle": {
        const sub = submissions[c.submission % Math.max(submissions.length, 1)];
        if (!sub) break;
        const r = await s.core.settleSubmission({ submissionId: sub.id, score: c.score });
        if (!r.ok) {
          expect(r.error.code).toBe("SUBMISSION_NOT_PENDING");
          break;
        }
        const { split } = r.value;
        expect(split.farmerNet + split.fee).toBe(split.gross);
        expect(split.commissions.reduce((a, b) => a + b, 0n) + split.platformShare).toBe(split.fee);
        expect(split.gross <= sub.reserved).toBe(true);
        break;
      }
      case "release": {
        const sub = submissions[c.submission % Math.max(submissions.length, 1)];
        if (!sub) break;
        const r = await s.core.releaseSubmission({ submissionId: sub.id });
        if (!r.ok) expect(r.error.code).toBe("SUBMISSION_NOT_PENDING");
        break;
      }
      case "toggle": {
        const f = factories[c.factory]!;
        const current = must(await s.core.getFactoryOverview(f.id)).factory.status;
        const actor = { accountId: f.ownerId, isAdmin: false };
        must(
          await s.core.changeFactoryStatus({
            actor,
            factoryId: f.id,
            action: current === "active" ? "pause" : "resume",
          }),
        );
        break;
      }
      case "withdraw": {
        const f = factories[c.factory]!;
        const actor = { accountId: f.ownerId, isAdmin: false };
        const r = await s.core.withdrawPool({
          actor,
          factoryId: f.id,
          requestId: s.deps.ids.id(),
          ...(c.amount ? { amount: units(c.amount) } : {}),
        });
        if (r.ok) withdrawn.set(f.id, (withdrawn.get(f.id) ?? 0n) + r.value.units);
        else expect(["NOT_ALLOWED", "INSUFFICIENT_FUNDS"]).toContain(r.error.code);
        break;
      }
      case "stake":
        must(
          await s.core.recordStake({
            key: `stake:${c.person}:${c.key}`,
            accountId: people[c.person]!.id,
            units: units((TEST_SUPPLY * c.tierSteps) / 1000n),
          }),
        );
        break;
      case "link":
        must(await s.core.linkWallet({ accountId: people[c.person]!.id, address: randomWallet() }));
        break;
      case "plan":
        batches.push(...(await planPayable(s)));
        break;
      case "sign":
        await sign(s, batches[c.batch % Math.max(batches.length, 1)]);
        break;
      case "land":
        await land(s, batches[c.batch % Math.max(batches.length, 1)], c.outcome);
        break;
      case "round": {
        batches.push(...(await planPayable(s)));
        for (const { batch } of await s.core.listOpenBatches(1_000)) {
          await sign(s, batch.id);
          await land(s, batch.id, c.outcome);
        }
        break;
      }
    }
  }
  await checkPayouts(s, people);
  const a = await audit();
  for (const total of Object.values(a.sums)) expect(total).toBe("0");
  expect(a.negative).toEqual([]);
  expect(a.mismatched).toEqual([]);
  for (const f of factories) {
    const view = must(await s.core.getFactoryOverview(f.id));
    const paid = view.stats.spent;
    const fundedHere = funded.get(f.id) ?? 0n;
    expect(paid <= fundedHere).toBe(true);
    // Conservation: what came in is available, held for pending submissions, paid, or withdrawn.
    const held = (
      await Promise.all(submissions.filter((x) => x.factoryId === f.id).map((x) => heldFor(s, x.id)))
    ).reduce((p, q) => p + q, 0n);
    expect(view.available + held + paid + (withdrawn.get(f.id) ?? 0n)).toBe(fundedHere);
  }
}

async function planPayable(s: ReturnType<typeof scenario>): Promise<string[]> {
  const { payable } = await s.core.listPayable({ limit: 500 });
  const planned: string[] = [];
  for (const g of payable) {
    const batch = must(
      await s.core.planBatch({
        token: g.token,
        source: g.source,
        recipients: [{ recipientId: g.recipientId, wallet: g.wallet, payoutIds: g.payouts.map((p) => p.id) }],
      }),
    );
    if (batch) planned.push(batch.batch.id);
  }
  return planned;
}

async function sign(s: ReturnType<typeof scenario>, batchId: string | undefined): Promise<void> {
  if (!batchId) return;
  const open = (await s.core.listOpenBatches(1_000)).find((b) => b.batch.id === batchId);
  const r = await s.core.recordSignedAttempt({
    batchId,
    signature: `sig-${s.deps.ids.id()}`,
    blockhash: "hash",
    lastValidBlockHeight: 100n,
    wire: "AA==",
    payouts: open?.payouts ?? [],
  });
  if (!r.ok) expect(r.error.code).toBe("NOT_ALLOWED");
}

async function land(
  s: ReturnType<typeof scenario>,
  batchId: string | undefined,
  outcome: "confirmed" | "failed" | "expired",
): Promise<void> {
  const open = batchId && (await s.core.listOpenBatches(1_000)).find((b) => b.batch.id === batchId);
  if (!open || !open.attempt || open.attempt.status !== "signed") return;
  const signature = open.attempt.signature;
  if (outcome === "confirmed")
    must(await s.core.confirmBatch({ batchId: open.batch.id, signature, slot: 1n, feeLamports: 5_000n }));
  else if (outcome === "failed")
    must(await s.core.failBatch({ batchId: open.batch.id, signature, slot: 1n, feeLamports: 5_000n, error: "boom" }));
  else must(await s.core.expireAttempt({ batchId: open.batch.id, signature }));
}

/**
 * The money-out convention: an owed account holds exactly its owed payouts; a payout's own
 * in-flight account holds it exactly while it is in flight; paid payouts were confirmed once.
 */
async function checkPayouts(s: ReturnType<typeof scenario>, people: readonly Account[]): Promise<void> {
  const read = <T>(fn: (r: Repositories) => Promise<T>) => s.deps.uow.read(fn);
  for (const person of people) {
    const payouts = await read((r) => r.payouts.listByRecipient(person.id));
    const owed = new Map<string, bigint>();
    for (const p of payouts) {
      const inFlight = await read((r) => r.ledger.balance(LedgerAccount.outgoing(p.id), p.token));
      expect(inFlight).toBe(p.status === "in_flight" ? p.units : 0n);
      if (p.status === "owed") {
        const key = `${owedAccount(p.role, p.recipientId)}\u0000${p.token}`;
        owed.set(key, (owed.get(key) ?? 0n) + p.units);
      }
      if (p.status === "paid") {
        const attempt = await read((r) => r.batches.findAttempt(p.signature!));
        expect(attempt?.status).toBe("confirmed");
      }
      if (p.status !== "owed") expect(p.batchId).not.toBeNull();
    }
    for (const role of ["farmer", "ambassador", "creator", "staker"] as const)
      for (const token of ["USDC", "CLONES"] as const) {
        const account = owedAccount(role, person.id);
        const balance = await read((r) => r.ledger.balance(account, token));
        expect(balance).toBe(owed.get(`${account}\u0000${token}`) ?? 0n);
      }
  }
}

async function heldFor(s: ReturnType<typeof scenario>, submissionId: string): Promise<bigint> {
  const r = await s.deps.uow.run(async (repos) => ({
    ok: true as const,
    value: await repos.ledger.balance(`hold:${submissionId}`, "USDC"),
  }));
  return r.value;
}

export const ledgerProperty = (
  numRuns: number,
  make: () => Promise<{ uow: UnitOfWork; audit: () => Promise<Audit>; close(): Promise<void> }>,
) =>
  fc.assert(
    fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 80, size: "max" }), async (commands) => {
      const store = await make();
      try {
        await runLedgerProperty(store.uow, commands, store.audit);
      } finally {
        await store.close();
      }
    }),
    { numRuns },
  );
