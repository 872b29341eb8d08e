// Random sequences of deposits, submissions, scores, releases, withdrawals and stakes, run
// against any store, with the ledger invariants checked at the end of every sequence.
import fc from "fast-check";
import { expect } from "vitest";
import type { Account } from "../../core/accounts/account.js";
import type { Factory } from "../../core/factories/factory.js";
import { units } from "../../core/money/units.js";
import type { Submission } from "../../core/submissions/submission.js";
import type { UnitOfWork } from "../../core/ports/repositories.js";
import { TEST_SUPPLY } from "./core-deps.js";
import { must, scenario } from "./scenario.js";

export type Command =
  | { kind: "deposit"; factory: number; amount: bigint; key: number }
  | { kind: "submit"; farmer: number; factory: number; task: number }
  | { kind: "settle"; submission: number; score: number }
  | { kind: "release"; submission: number }
  | { kind: "toggle"; factory: number }
  | { kind: "withdraw"; factory: number; amount: bigint | null }
  | { kind: "stake"; person: number; tierSteps: bigint; key: number };

const idx = fc.nat({ max: 3 });
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
    }
  }
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
    fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 60 }), async (commands) => {
      const store = await make();
      try {
        await runLedgerProperty(store.uow, commands, store.audit);
      } finally {
        await store.close();
      }
    }),
    { numRuns },
  );
