import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { qualityScore } from "../../../core/scoring/quality-score.js";
import type { QualitySignals } from "../../../core/scoring/quality-signals.js";
import { signals } from "./signals.js";

const codes = (s: QualitySignals) => qualityScore(s).reasons.map((r) => r.code);

describe("the Quality Agent's score", () => {
  it("GIVEN a flawless recording THEN 100, not rejected, every component at full value", () => {
    const result = qualityScore(signals());
    expect(result).toMatchObject({ score: 100, rejected: false });
    expect(result.components.map((c) => [c.name, c.value])).toEqual([
      ["completeness", 1],
      ["activity", 1],
      ["idle", 1],
      ["relevance", 1],
      ["efficiency", 1],
      ["llm", 1],
    ]);
  });

  it("GIVEN a good recording (5% idle, 25 actions/min, 90% relevant, judge 85) THEN about 90", () => {
    const good = signals({
      idleRatio: 0.05,
      actionsPerMinute: 25,
      relevance: 0.9,
      redundantActionRatio: 0.02,
      llm: { score: 85, reasons: [] },
    });
    expect(qualityScore(good).score).toBe(91);
  });

  it.each([
    ["an invalid archive", { archiveValid: false }, "archive_invalid"],
    ["an invalid schema", { schemaValid: false }, "schema_invalid"],
    ["a video that does not decode", { videoDecodes: false }, "video_undecodable"],
    [
      "events covering 26 s of a 30 s video (over 3 s off)",
      { videoDurationMs: 30_000, eventSpanMs: 26_000 },
      "duration_mismatch",
    ],
    [
      "events covering 85 s of a 100 s video (over 10% off)",
      { videoDurationMs: 100_000, eventSpanMs: 85_000 },
      "duration_mismatch",
    ],
    ["events but a NaN span", { eventSpanMs: Number.NaN }, "duration_mismatch"],
    ["actions 90% like another account's", { duplicateSimilarity: 0.9 }, "near_duplicate"],
    [
      "actions 80% like and keyframes 95% like another account's",
      { duplicateSimilarity: 0.8, keyframeDuplicateSimilarity: 0.95 },
      "near_duplicate",
    ],
  ])("GIVEN %s THEN rejected with score 0 and reason %s", (_name, overrides, code) => {
    const result = qualityScore(signals(overrides));
    expect(result).toMatchObject({ score: 0, rejected: true });
    expect(result.reasons[0]?.code).toBe(code);
    expect(result.components).toHaveLength(6);
  });

  it.each([
    ["events 3 s short of a 30 s video", { videoDurationMs: 30_000, eventSpanMs: 27_000 }],
    ["events 10% short of a 100 s video", { videoDurationMs: 100_000, eventSpanMs: 90_000 }],
    ["actions 89% like another account's", { duplicateSimilarity: 0.89 }],
    [
      "the same screens but different actions (two honest demos of one app)",
      { duplicateSimilarity: 0.5, keyframeDuplicateSimilarity: 1 },
    ],
  ])("GIVEN %s THEN not rejected", (_name, overrides) => {
    expect(qualityScore(signals(overrides)).rejected).toBe(false);
  });

  it("GIVEN a near-duplicate THEN its reason carries the similarity as a percent, and whose recording it copies, for the bots to localize", () => {
    expect(qualityScore(signals({ duplicateSimilarity: 0.93 })).reasons[0]).toEqual({
      code: "near_duplicate",
      text: "The recording is 93% similar to another account's recording.",
      params: { percent: 93, whose: "other" },
    });
  });

  it("GIVEN an exact copy of the farmer's own earlier recording THEN rejected by the same rule, its reason saying it is their own", () => {
    const result = qualityScore(signals({ duplicateSimilarity: 1, keyframeDuplicateSimilarity: 1, ownCopy: true }));
    expect(result).toMatchObject({ score: 0, rejected: true });
    expect(result.reasons[0]).toEqual({
      code: "near_duplicate",
      text: "The recording is a copy of one of your earlier recordings.",
      params: { percent: 100, whose: "own" },
    });
  });

  const mediocre = {
    idleRatio: 0.3,
    actionsPerMinute: 5,
    relevance: 0.4,
    redundantActionRatio: 0.1,
    actionCount: 25,
  } satisfies Partial<QualitySignals>;

  it.each([
    ["mediocre, judged 45", { ...mediocre, llm: { score: 45, reasons: [] } }],
    ["mediocre, no judge", { ...mediocre, llm: null }],
    [
      "idle-heavy and slow but on task, no judge",
      { idleRatio: 0.6, actionsPerMinute: 2, relevance: 0.8, actionCount: 12, llm: null },
    ],
    [
      "idle-heavy and slow but on task, judged 50",
      { idleRatio: 0.6, actionsPerMinute: 2, relevance: 0.8, actionCount: 12, llm: { score: 50, reasons: [] } },
    ],
    ["valid but doing nothing", { idleRatio: 1, actionsPerMinute: 0, actionCount: 0, relevance: 0, llm: null }],
  ])("GIVEN a %s recording THEN it lands below 50 (nothing inflates it into a payout)", (_name, overrides) => {
    const result = qualityScore(signals(overrides as Partial<QualitySignals>));
    expect(result.rejected).toBe(false);
    expect(result.score).toBeLessThan(50);
  });

  it("GIVEN an idle, slow, off-task recording THEN reasons say why, with params", () => {
    const reasons = qualityScore(signals({ ...mediocre, llm: null })).reasons;
    expect(reasons).toContainEqual({ code: "idle_high", text: "30% of the video is idle.", params: { percent: 30 } });
    expect(reasons).toContainEqual(expect.objectContaining({ code: "activity_low", params: { perMinute: 5 } }));
    expect(reasons).toContainEqual(expect.objectContaining({ code: "relevance_low", params: { percent: 40 } }));
    expect(reasons).toContainEqual(expect.objectContaining({ code: "llm_absent" }));
  });

  it("GIVEN no LLM judge THEN the five other components share all the weight and each still counts", () => {
    const result = qualityScore(signals({ llm: null }));
    expect(result.components.map((c) => c.name)).toEqual([
      "completeness",
      "activity",
      "idle",
      "relevance",
      "efficiency",
    ]);
    expect(result.components.reduce((sum, c) => sum + c.weight, 0)).toBeCloseTo(100, 0);
    expect(result.score).toBe(100);
    for (const name of ["completeness", "activity", "idle", "relevance", "efficiency"] as const) {
      const hurt = {
        completeness: { outOfOrderEvents: 250 },
        activity: { actionsPerMinute: 3 },
        idle: { idleRatio: 0.2 },
        relevance: { relevance: 0.5 },
        efficiency: { redundantActionRatio: 0.1 },
      }[name];
      expect(qualityScore(signals({ llm: null, ...hurt })).score, name).toBeLessThan(100);
      expect(qualityScore(signals({ ...hurt })).score, `${name} with the judge`).toBeLessThan(100);
    }
  });

  it("GIVEN the judge present THEN its score counts: 0 costs its 25 points", () => {
    expect(qualityScore(signals({ llm: { score: 0, reasons: [] } })).score).toBe(75);
  });

  it("GIVEN nothing to match the task against THEN relevance drops out with a reason, not a penalty", () => {
    const result = qualityScore(signals({ relevance: null }));
    expect(result.score).toBe(100);
    expect(result.components.map((c) => c.name)).not.toContain("relevance");
    expect(codes(signals({ relevance: null }))).toContain("relevance_unknown");
  });

  it("GIVEN shuffled events (10% out of order) THEN completeness is 0 and the reason counts them", () => {
    const result = qualityScore(signals({ outOfOrderEvents: 500 }));
    expect(result.components.find((c) => c.name === "completeness")?.value).toBe(0);
    expect(result.score).toBe(90);
    expect(result.reasons).toContainEqual(
      expect.objectContaining({ code: "events_out_of_order", params: { count: 500 } }),
    );
  });

  it("GIVEN 300 actions a minute THEN efficiency reads as scripted", () => {
    expect(codes(signals({ actionsPerMinute: 300 }))).toContain("activity_burst");
    expect(qualityScore(signals({ actionsPerMinute: 300 })).score).toBe(90);
  });

  it("GIVEN judge reasons with control characters and many of them THEN at most 5, cleaned, 300 chars", () => {
    const llm = { score: 80, reasons: ["ok\u0000\u001b[31m red", "x".repeat(1000), "3", "4", "5", "6"] };
    const notes = qualityScore(signals({ llm })).reasons.filter((r) => r.code === "llm_reason");
    expect(notes.map((r) => r.text)).toEqual(["ok [31m red", "x".repeat(300), "3", "4", "5"]);
  });

  const anySignals = fc.record({
    outOfOrderEvents: fc.nat({ max: 6000 }),
    actionCount: fc.nat({ max: 2000 }),
    actionsPerMinute: fc.double({ min: 0, max: 400, noNaN: true }),
    redundantActionRatio: fc.double({ min: 0, max: 1, noNaN: true }),
    relevance: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    eventSpanMs: fc.integer({ min: 280_000, max: 320_000 }),
    llm: fc.option(fc.record({ score: fc.integer({ min: 0, max: 100 }), reasons: fc.constant([]) })),
  });

  it("PROPERTY: more idle never raises the score, with or without the judge", () => {
    fc.assert(
      fc.property(
        anySignals,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (s, a, b) => {
          const [less, more] = a <= b ? [a, b] : [b, a];
          const base = signals(s);
          expect(qualityScore({ ...base, idleRatio: more }).score).toBeLessThanOrEqual(
            qualityScore({ ...base, idleRatio: less }).score,
          );
        },
      ),
    );
  });

  it("PROPERTY: the score is an integer in 0..100 and equals the components' points within rounding", () => {
    fc.assert(
      fc.property(anySignals, fc.double({ min: 0, max: 1, noNaN: true }), (s, idle) => {
        const result = qualityScore(signals({ ...s, idleRatio: idle }));
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        const points = result.components.reduce((sum, c) => sum + c.points, 0);
        if (!result.rejected) expect(Math.abs(points - result.score)).toBeLessThan(1.5);
      }),
    );
  });
});
