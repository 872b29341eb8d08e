// Settling a burst in one transaction (settleSubmissions, the settlement worker's batches) on
// the three stores: it must come to exactly what settling the same inputs one by one comes to,
// pay nothing twice when batches race, and keep nothing of a batch that fails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Repositories, UnitOfWork } from "../../core/ports/repositories.js";
import type { Settlement } from "../../core/submissions/settle-submission.js";
import type { DomainError } from "../../core/shared/errors.js";
import type { Result } from "../../core/shared/result.js";
import { openDatabase } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { verifyLedger } from "../../prisma/verify-ledger.js";
import { TEST_SUPPLY } from "../support/core-deps.js";
import {
  createTestDatabase,
  openStore,
  postgresUrl,
  storeKinds,
  type StoreKind,
  type StoreUnderTest,
} from "../support/databases.js";
import { verifyMemoryLedger, type MemoryStore } from "../support/memory-store.js";
import { USDC, must, scenario } from "../support/scenario.js";

type Input = { submissionId: string; score: number };

/**
 * The stores (Postgres as the app opens it: settling runs its transactions on the driver,
 * prisma/direct-transaction.ts), and Postgres again without the unit of work's `pool`: all on Prisma.
 */
type Kind = StoreKind | "postgres-prisma";
const kinds = (): Kind[] => [
  ...storeKinds(),
  ...(storeKinds().includes("postgres") ? ["postgres-prisma" as const] : []),
];

async function open(kind: Kind): Promise<StoreUnderTest> {
  if (kind !== "postgres-prisma") return openStore(kind, { poolSize: 12 });
  const db = await openDatabase({ kind: "postgres", url: await createTestDatabase(postgresUrl()), poolSize: 12 });
  return { uow: prismaUnitOfWork(db.prisma, { query: db.query }), db, close: () => db.close() };
}

/**
 * Referrers at tiers 5 and 2, two factories, three farmers; submissions that resubmit one task
 * (only the difference over the best earlier gross is paid, XP likewise), one below the
 * threshold (whose XP does not count as earned), one released, one settled before. `burst` lists inputs in the order a queue would
 * hand them over, with a duplicate, an unknown submission and an invalid score among them.
 */
async function world(uow: UnitOfWork) {
  const s = scenario(uow);
  const [amb5, amb2, owner, a, b, c] = await Promise.all(["amb5", "amb2", "owner", "a", "b", "c"].map(s.person));
  await s.stake(amb5!, (TEST_SUPPLY * 5n) / 1000n);
  await s.stake(amb2!, (TEST_SUPPLY * 2n) / 1000n);
  await s.refer(owner!, amb2!);
  await s.refer(a!, amb5!);
  await s.refer(c!, amb2!);
  const f1 = await s.factory(owner!);
  const f2 = await s.factory(owner!, { rewardPerDemo: USDC(2), threshold: 70 });
  await s.fund(f1, USDC(20));
  await s.fund(f2, USDC(20));
  const submit = async (farmer = a!, f = f1, task = 0) => must(await s.submit(farmer, f, task)).id;
  const [a1, a2, a3, a4, b1, b2, b3, c1, released, settled] = [
    await submit(),
    await submit(),
    await submit(),
    await submit(a, f1, 1),
    await submit(b, f1),
    await submit(b, f2),
    await submit(b, f1),
    await submit(c, f2, 1),
    await submit(c, f1),
    await submit(b, f1, 1),
  ];
  must(await s.core.releaseSubmission({ submissionId: released! }));
  must(await s.core.settleSubmission({ submissionId: settled!, score: 77 }));
  const burst: Input[] = [
    { submissionId: a1!, score: 60 },
    { submissionId: b1!, score: 45 },
    { submissionId: a2!, score: 90 },
    { submissionId: c1!, score: 75 },
    { submissionId: a1!, score: 99 },
    { submissionId: "no-such-submission", score: 80 },
    { submissionId: a3!, score: 70 },
    { submissionId: b2!, score: 100 },
    { submissionId: released!, score: 80 },
    { submissionId: a4!, score: 101 },
    { submissionId: settled!, score: 90 },
    { submissionId: a4!, score: 80 },
    { submissionId: b3!, score: 50 },
  ];
  const names = new Map(
    [amb5, amb2, owner, a, b, c].map((p, i) => [p!.id, ["amb5", "amb2", "owner", "a", "b", "c"][i]!]),
  );
  const state = async () => ({
    available: [
      must(await s.core.getFactoryOverview(f1.id)).available,
      must(await s.core.getFactoryOverview(f2.id)).available,
    ],
    xp: await Promise.all([a, b, c].map(async (p) => must(await s.core.getProfile(p!.id)).account.xp)),
    earnings: await Promise.all([amb5, amb2, a, b, c].map(async (p) => (await s.core.getEarnings(p!.id)).byRole)),
  });
  return { s, burst, names, state };
}

/** A result as it reads in any world: amounts, roles, who (by name), codes. */
function comparable(result: Result<Settlement, DomainError>, names: Map<string, string>) {
  if (!result.ok) return { code: result.error.code };
  const { split, payouts, xpGained, replayed, submission } = result.value;
  return {
    replayed,
    xpGained,
    split,
    status: submission.status,
    score: submission.score,
    paid: submission.paid,
    payouts: payouts.map((p) => [p.role, names.get(p.recipientId), names.get(p.sourceId ?? "") ?? null, p.units]),
  };
}

describe.each(kinds())("settling a burst in one transaction on %s", (kind) => {
  let store: StoreUnderTest;
  beforeAll(async () => {
    store = await open(kind);
  });
  afterAll(() => store.close());

  const audit = async () =>
    store.db ? verifyLedger(store.db.prisma) : verifyMemoryLedger(store.uow as unknown as MemoryStore);

  it("GIVEN a burst with resubmissions, referrers, a duplicate, unknown, invalid, released and settled inputs WHEN settled as one batch THEN each result and the end state equal settling them one by one", async () => {
    const batched = await world(store.uow);
    const oneByOne = await world(store.uow);
    const together = await batched.s.core.settleSubmissions(batched.burst);
    const alone = [];
    for (const input of oneByOne.burst) alone.push(await oneByOne.s.core.settleSubmission(input));

    expect(together.map((r) => comparable(r, batched.names))).toEqual(alone.map((r) => comparable(r, oneByOne.names)));
    expect(await batched.state()).toEqual(await oneByOne.state());
    // The burst did pay: resubmissions paid the difference only, the duplicate replayed.
    expect(together.map((r) => (r.ok ? (r.value.replayed ? "replayed" : r.value.split.gross) : r.error.code))).toEqual([
      USDC(0.6),
      0n,
      USDC(0.3),
      USDC(1.5),
      "replayed",
      "SUBMISSION_NOT_FOUND",
      0n,
      USDC(2),
      "SUBMISSION_NOT_PENDING",
      "SCORE_INVALID",
      "replayed",
      USDC(0.8),
      USDC(0.5),
    ]);
    expect(await audit()).toMatchObject({ negative: [], mismatched: [] });
  });

  it("loadMany reads, for each submission, what load reads; null for an unknown one", async () => {
    const w = await world(store.uow);
    await w.s.core.settleSubmissions(w.burst.slice(0, 4));
    const ids = w.burst.map((i) => i.submissionId);
    const read = await store.uow.run(async (r) => ({
      ok: true as const,
      value: {
        many: await r.settlements.loadMany(ids),
        one: await Promise.all(ids.map((id) => r.settlements.load(id))),
      },
    }));
    expect(read.value.many).toEqual(read.value.one);
    expect(read.value.many[5]).toBeNull();
    expect(
      read.value.many.filter((c) => c?.referrerStakes && Object.keys(c.referrerStakes).length > 0).length,
    ).toBeGreaterThan(0);
  });

  it("GIVEN a batch whose second round fails to save WHEN it throws THEN nothing of it is kept, and settling again pays each once", async () => {
    const w = await world(store.uow);
    const before = await w.state();
    let saves = 0;
    const failing: UnitOfWork = {
      read: (fn) => store.uow.read(fn),
      run: (fn) =>
        store.uow.run((r) => {
          const saveMany: Repositories["settlements"]["saveMany"] = async (records) => {
            if (++saves === 2) throw new Error("connection lost mid-batch");
            return r.settlements.saveMany(records);
          };
          return fn({ ...r, settlements: { ...r.settlements, saveMany } });
        }),
    };
    const crashing = scenario(failing);
    await expect(crashing.core.settleSubmissions(w.burst)).rejects.toThrow("connection lost mid-batch");
    expect(saves).toBe(2);
    expect(await w.state()).toEqual(before);

    const retried = await w.s.core.settleSubmissions(w.burst);
    const twice = await w.s.core.settleSubmissions(w.burst);
    expect(retried.filter((r) => r.ok && !r.value.replayed)).toHaveLength(8);
    expect(twice.filter((r) => r.ok && !r.value.replayed)).toHaveLength(0);
    expect(await audit()).toMatchObject({ negative: [], mismatched: [] });
  });
});

describe.each(kinds().filter((k) => k !== "memory"))("batches racing on %s", (kind) => {
  let store: StoreUnderTest;
  beforeAll(async () => {
    store = await open(kind);
  });
  afterAll(() => store.close());

  it("GIVEN 60 submissions of 6 farmers WHEN 4 overlapping batches and 10 single settlements race THEN each is paid exactly once, and every farmer's task at most its best gross", async () => {
    const s = scenario(store.uow);
    const f = await s.factory(await s.person(), { rewardPerDemo: USDC(1) });
    await s.fund(f, USDC(100));
    const farmers = await Promise.all(Array.from({ length: 6 }, () => s.person()));
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push(must(await s.submit(farmers[i % 6]!, f, i % 2)).id);
    const inputs = ids.map((submissionId, i) => ({ submissionId, score: 50 + ((i * 37) % 51) }));
    // Each batch takes a different, overlapping slice, in a different order.
    const batches = [0, 1, 2, 3].map((k) => {
      const slice = inputs.slice(k * 12, k * 12 + 30);
      return k % 2 ? slice.reverse() : slice;
    });
    const results = await Promise.all([
      ...batches.map((batch) => s.core.settleSubmissions(batch)),
      ...inputs.slice(20, 30).map((input) => s.core.settleSubmission(input).then((r) => [r])),
    ]);
    const rest = await s.core.settleSubmissions(inputs);
    const fresh = [...results.flat(), ...rest].map((r) => must(r)).filter((x) => !x.replayed);
    expect(fresh.map((x) => x.submission.id).sort()).toEqual([...ids].sort());
    const paidByTask = new Map<string, bigint>();
    for (const x of fresh) {
      const key = `${x.submission.farmerId}:${x.submission.taskId}`;
      paidByTask.set(key, (paidByTask.get(key) ?? 0n) + x.split.gross);
    }
    const bestByTask = new Map<string, bigint>();
    for (const x of fresh) {
      const key = `${x.submission.farmerId}:${x.submission.taskId}`;
      const gross = x.submission.gross ?? 0n;
      if (gross > (bestByTask.get(key) ?? 0n)) bestByTask.set(key, gross);
    }
    expect(paidByTask).toEqual(bestByTask);
    const spent = [...paidByTask.values()].reduce((sum, v) => sum + v, 0n);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(100) - spent);
    expect(await verifyLedger(store.db!.prisma)).toMatchObject({ negative: [], mismatched: [] });
  });
});
