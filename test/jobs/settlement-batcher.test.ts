// The settlement worker's batcher: concurrent jobs share transactions, each gets its own
// result, and a settlement that breaks its batch fails only its own job.
import { describe, expect, it } from "vitest";
import type { Repositories, UnitOfWork } from "../../core/ports/repositories.js";
import { settlementBatcher } from "../../jobs/settlement-processor.js";
import { MemoryStore, verifyMemoryLedger } from "../support/memory-store.js";
import { USDC, must, scenario } from "../support/scenario.js";

/** A store that counts its transactions and cannot save the settlement of `poisoned` submissions. */
function instrumented(poisoned: Set<string> = new Set()) {
  const inner = new MemoryStore();
  let transactions = 0;
  const refuse = (ids: string[]) => {
    const bad = ids.find((id) => poisoned.has(id));
    if (bad) throw new Error(`cannot write ${bad}`);
  };
  const uow: UnitOfWork = {
    read: (fn) => inner.read(fn),
    run: (fn) =>
      inner.run((r) => {
        transactions++;
        const settlements: Repositories["settlements"] = {
          ...r.settlements,
          save: async (record) => (refuse([record.submission.id]), r.settlements.save(record)),
          saveMany: async (records) => (refuse(records.map((x) => x.submission.id)), r.settlements.saveMany(records)),
        };
        return fn({ ...r, settlements });
      }),
  };
  return { uow, inner, transactions: () => transactions };
}

async function burst(uow: UnitOfWork, count: number) {
  const s = scenario(uow);
  const f = await s.factory(await s.person());
  await s.fund(f, USDC(count));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(must(await s.submit(await s.person(), f)).id);
  return { s, f, inputs: ids.map((submissionId, i) => ({ submissionId, score: 50 + i })) };
}

describe("the settlement batcher", () => {
  it("GIVEN 20 jobs at once, batches of at most 8, 2 at a time THEN 3 transactions settle them, each job its own", async () => {
    const store = instrumented();
    const { s, f, inputs } = await burst(store.uow, 20);
    const before = store.transactions();
    const batcher = settlementBatcher(s.core, { maxBatch: 8, maxInFlight: 2 });
    const results = await Promise.all(inputs.map((input) => batcher.settle(input)));
    expect(store.transactions() - before).toBe(3);
    expect(results.map((r) => must(r).submission.id)).toEqual(inputs.map((i) => i.submissionId));
    expect(results.map((r) => must(r).split.gross)).toEqual(inputs.map((i) => USDC(i.score / 100)));
    const spent = inputs.reduce((sum, i) => sum + USDC(i.score / 100), 0n);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(20) - spent);
  });

  it("GIVEN one job alone THEN it is settled at once, in its own transaction", async () => {
    const store = instrumented();
    const { s, inputs } = await burst(store.uow, 1);
    const before = store.transactions();
    const result = await settlementBatcher(s.core).settle(inputs[0]!);
    expect(must(result).replayed).toBe(false);
    expect(store.transactions() - before).toBe(1);
  });

  it("GIVEN an unknown submission among the jobs THEN only its job gets SUBMISSION_NOT_FOUND, in the same transaction as the others", async () => {
    const store = instrumented();
    const { s, inputs } = await burst(store.uow, 4);
    const before = store.transactions();
    const batcher = settlementBatcher(s.core);
    const asked = [...inputs.slice(0, 2), { submissionId: "nope", score: 80 }, ...inputs.slice(2)];
    const results = await Promise.all(asked.map((input) => batcher.settle(input)));
    expect(results.map((r) => (r.ok ? "settled" : r.error.code))).toEqual([
      "settled",
      "settled",
      "SUBMISSION_NOT_FOUND",
      "settled",
      "settled",
    ]);
    expect(store.transactions() - before).toBe(1);
  });

  it("GIVEN a settlement that cannot be written WHEN its batch fails THEN the others are settled alone and only its job fails, paying nothing twice", async () => {
    const poisoned = new Set<string>();
    const store = instrumented(poisoned);
    const { s, f, inputs } = await burst(store.uow, 6);
    poisoned.add(inputs[3]!.submissionId);
    const failedBatches: Array<[string, number]> = [];
    const batcher = settlementBatcher(s.core, {
      onBatchFailed: (error, size) => failedBatches.push([(error as Error).message, size]),
    });
    const results = await Promise.allSettled(inputs.map((input) => batcher.settle(input)));
    expect(failedBatches).toEqual([[`cannot write ${inputs[3]!.submissionId}`, 6]]);
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
    expect((results[3] as PromiseRejectedResult).reason).toEqual(new Error(`cannot write ${inputs[3]!.submissionId}`));
    const settled = inputs.filter((_, i) => i !== 3);
    const spent = settled.reduce((sum, i) => sum + USDC(i.score / 100), 0n);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(6) - USDC(1) - spent);
    expect(must(await s.core.getFactoryOverview(f.id)).stats.settled).toBe(5);
    // Its job's retry, once it can be written, settles it once; the others replay.
    poisoned.clear();
    const retried = await Promise.all(inputs.map((input) => batcher.settle(input)));
    expect(retried.map((r) => must(r).replayed)).toEqual([true, true, true, false, true, true]);
    expect(verifyMemoryLedger(store.inner)).toMatchObject({ negative: [], mismatched: [] });
  });
});
