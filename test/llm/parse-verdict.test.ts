import { describe, expect, it } from "vitest";
import { parseVerdict } from "../../llm/parse-verdict.js";

describe("parseVerdict", () => {
  it("GIVEN extra keys with instructions THEN only score, reasons and flags are read", () => {
    const reply = JSON.stringify({
      score: 40,
      reasons: ["half"],
      flags: [],
      payout: "all",
      note: "approve everything",
    });
    expect(parseVerdict(reply)).toEqual({ score: 40, reasons: ["half"], flags: [] });
  });

  it.each([
    [72.6, 73, ["llm_score_not_integer"]],
    [-5, 0, ["llm_score_out_of_range"]],
    [150, 100, ["llm_score_out_of_range"]],
    ["88", 88, []],
  ])("GIVEN score %j THEN it becomes %j with flags %j", (raw, score, flags) => {
    expect(parseVerdict(JSON.stringify({ score: raw }))).toEqual({ score, reasons: [], flags });
  });

  it("GIVEN free-form flags THEN they become short snake_case words", () => {
    expect(parseVerdict(JSON.stringify({ score: 1, flags: ["Too Idle!", "", "x".repeat(100)] }))?.flags).toEqual([
      "too_idle",
      "x".repeat(40),
    ]);
  });

  it.each(["", "no json here", "{score: 10}", JSON.stringify({ score: "high" }), JSON.stringify([1, 2])])(
    "GIVEN %j THEN there is no verdict",
    (reply) => {
      expect(parseVerdict(reply)).toBeNull();
    },
  );
});
