import { describe, expect, it } from "vitest";
import { selectExpression } from "../../media/select-expression.js";

/** Evaluates the expression as ffmpeg would: the functions it uses, for frame number n. */
function selects(expression: string, n: number): boolean {
  const evaluate = new Function("n", "iff", "lt", "eq", "between", `return ${expression.replaceAll("if(", "iff(")};`);
  const iff = (c: number, a: number, b: number) => (c ? a : b);
  const lt = (a: number, b: number) => Number(a < b);
  const eq = (a: number, b: number) => Number(a === b);
  const between = (x: number, a: number, b: number) => Number(x >= a && x <= b);
  return (evaluate(n, iff, lt, eq, between) as number) !== 0;
}

describe("selectExpression", () => {
  it("GIVEN runs of consecutive frames WHEN built THEN they collapse into between()", () => {
    expect(selectExpression([9, 3, 4, 5, 4])).toBe("between(n,3,5)+eq(n,9)");
  });

  it("GIVEN no frames WHEN built THEN it selects nothing", () => {
    expect(selectExpression([])).toBe("0");
  });

  it("GIVEN 1,500 scattered frames of 9,000 WHEN evaluated for every frame THEN exactly those are selected", () => {
    const wanted = new Set(Array.from({ length: 1_500 }, (_, i) => (i * 7_919) % 9_000));
    const expression = selectExpression([...wanted]);
    const selected = Array.from({ length: 9_000 }, (_, n) => n).filter((n) => selects(expression, n));
    expect(selected).toEqual([...wanted].sort((a, b) => a - b));
    expect(expression.length).toBeLessThan(60_000);
  });
});
