// Charts' and the dashboard's sums (core/insights) on every store: submissions per day by
// outcome, the score distribution, the pool's balance, earnings per day, best and worst recordings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Grade, Recording } from "../../core/grading/recording.js";
import { lastDays } from "../../core/insights/days.js";
import { TestClock } from "../support/core-deps.js";
import { openStore, storeKinds, type StoreUnderTest } from "../support/databases.js";
import { must, scenario, USDC } from "../support/scenario.js";

const grade = (score: number): Grade => ({
  score,
  components: [],
  reasons: [],
  rejected: false,
  actionCount: 10,
  durationMs: 60_000,
  llm: null,
});

describe.each(storeKinds())("insights on %s", (kind) => {
  let store: StoreUnderTest;
  beforeAll(async () => {
    store = await openStore(kind);
  });
  afterAll(() => store.close());

  // The ledger stamps its entries with the database's clock: the scenario's clock is the real one.
  const world = () => scenario(store.uow, { clock: new TestClock(new Date()) });

  it("counts a factory's submissions per day by outcome, bins their scores, and follows its pool", async () => {
    const s = world();
    const owner = await s.person("owner");
    const factory = await s.factory(owner, { threshold: 60, limits: { perTask: null, perDay: null, total: null } });
    await s.fund(factory, USDC(50));
    const farmers = await Promise.all([1, 2, 3, 4, 5].map((i) => s.person(`farmer${i}`)));
    const subs = [];
    for (const farmer of farmers) subs.push(must(await s.submit(farmer, factory)));
    must(await s.core.settleSubmission({ submissionId: subs[0]!.id, score: 95 }));
    must(await s.core.settleSubmission({ submissionId: subs[1]!.id, score: 100 }));
    must(await s.core.settleSubmission({ submissionId: subs[2]!.id, score: 31 }));
    must(await s.core.releaseSubmission({ submissionId: subs[3]!.id }));
    // subs[4] waits for its score.

    const insights = must(
      await s.core.getFactoryInsights({ actor: { accountId: owner.id, isAdmin: false }, factoryId: factory.id }),
    );
    expect(insights.days).toEqual(lastDays(s.deps.clock.now(), 30));
    const today = insights.days.length - 1;
    expect(insights.submissions.passed[today]).toBe(2);
    expect(insights.submissions.failed[today]).toBe(1);
    expect(insights.submissions.released[today]).toBe(1);
    expect(insights.submissions.pending[today]).toBe(1);
    for (const series of Object.values(insights.submissions))
      expect(series.slice(0, today).every((n) => n === 0)).toBe(true);
    // 31 → 30–39; 95 and 100 → 90–100.
    expect(insights.scoreBins).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 2]);
    expect(insights.threshold).toBe(60);
    // Every point before today is the empty pool; today's is what the card says is available.
    expect(insights.pool.slice(0, today).every((p) => p.units === 0n)).toBe(true);
    expect(insights.pool[today]!.units).toBe(insights.overview.available);
    const sums = await store.uow.read((r) =>
      r.insights.poolByDay(factory.id, factory.token, new Date(`${insights.days[0]}T00:00:00Z`)),
    );
    expect(sums.opening).toBe(0n);
    expect(sums.changes.reduce((a, c) => a + c.units, 0n)).toBe(insights.overview.available);
    expect(insights.overview.available < USDC(50)).toBe(true);

    // Earnings per day: the two that passed are owed their reward; nothing is paid yet.
    const history = await s.core.getEarningsHistory({ accountId: farmers[0]!.id, roles: ["farmer"] });
    expect(history.tokens.map((t) => t.token)).toEqual(["USDC"]);
    const usdc = history.tokens[0]!;
    expect(usdc.paid.every((u) => u === 0n)).toBe(true);
    expect(usdc.waiting[today]! > 0n).toBe(true);
    expect(usdc.waiting.slice(0, today).every((u) => u === 0n)).toBe(true);
    expect(usdc.waiting[today]).toBe((await s.core.getEarnings(farmers[0]!.id)).byRole.farmer!.USDC!.owed);
    // Another role, or someone who earned nothing: no tokens at all.
    expect((await s.core.getEarningsHistory({ accountId: farmers[0]!.id, roles: ["ambassador"] })).tokens).toEqual([]);
    expect((await s.core.getEarningsHistory({ accountId: farmers[2]!.id, roles: ["farmer"] })).tokens).toEqual([]);
  });

  it("ranks graded recordings best and worst, each in one list, and only for the owner", async () => {
    const s = world();
    const owner = await s.person("owner");
    const factory = await s.factory(owner);
    await s.fund(factory, USDC(50));
    const scores = [70, 12, 88, 45, 99];
    const now = s.deps.clock.now();
    const ids: string[] = [];
    for (const [i, score] of scores.entries()) {
      const farmer = await s.person(`f${i}`);
      const sub = must(await s.submit(farmer, factory));
      ids.push(sub.id);
      const recording: Recording = {
        id: sub.id,
        submissionId: sub.id,
        accountId: farmer.id,
        factoryId: factory.id,
        taskId: factory.tasks[0]!.id,
        source: "recorder",
        storageKey: `recordings/${sub.id}/`,
        contentHash: `hash-${sub.id}`,
        status: i === 3 ? "rejected" : "graded",
        grade: grade(score),
        appealedAt: null,
        firstGrade: null,
        createdAt: new Date(now.getTime() - i * 1000),
        gradedAt: now,
        notifiedAt: null,
      };
      await store.uow.run(async (r) => {
        await r.recordings.create(recording);
        return { ok: true as const };
      });
    }
    const insights = must(
      await s.core.getFactoryInsights({ actor: { accountId: owner.id, isAdmin: false }, factoryId: factory.id }),
    );
    // The rejected one (45) is in neither list; four graded: the best three, and the one left.
    expect(insights.best.map((r) => r.score)).toEqual([99, 88, 70]);
    expect(insights.best[0]!.recordingId).toBe(ids[4]);
    expect(insights.worst.map((r) => r.score)).toEqual([12]);
    expect(insights.worst[0]!.taskId).toBe(factory.tasks[0]!.id);

    const stranger = await s.person("stranger");
    const refused = await s.core.getFactoryInsights({
      actor: { accountId: stranger.id, isAdmin: false },
      factoryId: factory.id,
    });
    expect(refused.ok ? null : refused.error.code).toBe("FACTORY_NOT_OWNER");
  });
});
