import { describe, expect, it } from "vitest";
import { TRANSCRIPT_LIMITS, buildTranscript, clip } from "../../llm/build-transcript.js";
import { click, shoppingListInput, typing } from "./builders.js";

interface Data {
  task: { prompt: string };
  recording: { actionCount: number; actions: { kind: string; text?: string; count?: number; atMs?: number }[] };
}
const parse = (json: string) => JSON.parse(json) as Data;

describe("buildTranscript", () => {
  it("GIVEN a short recording THEN every action is in the block, untruncated", () => {
    const t = buildTranscript(shoppingListInput());
    expect(t.truncated).toBe(false);
    expect(parse(t.json).recording.actions.map((a) => a.kind)).toEqual(["app_focus", "click", "type"]);
  });

  it("GIVEN a giant typed text THEN the action keeps at most 200 characters with a marker", () => {
    const t = buildTranscript(shoppingListInput({ actions: [typing("x".repeat(100_000))] }));
    const text = parse(t.json).recording.actions[0]!.text!;
    expect(text.length).toBeLessThanOrEqual(TRANSCRIPT_LIMITS.typedText);
    expect(text).toMatch(/^x+…\[\+\d+ chars\]$/);
    expect(t.json.length).toBeLessThanOrEqual(TRANSCRIPT_LIMITS.total);
  });

  it("GIVEN 5000 actions full of text THEN the block stays within 12k characters and keeps the start, the end and a summary", () => {
    const actions = Array.from({ length: 5_000 }, (_, i) =>
      i % 2 ? click(i * 100) : typing("y".repeat(500), i * 100),
    );
    const t = buildTranscript(shoppingListInput({ actions }));
    expect(t.truncated).toBe(true);
    expect(t.json.length).toBeLessThanOrEqual(TRANSCRIPT_LIMITS.total);
    const shown = parse(t.json).recording.actions;
    expect(shown[0]!.atMs).toBe(0);
    expect(shown.at(-1)!.atMs).toBe(499_900);
    const omitted = shown.find((a) => a.kind === "omitted")!;
    expect(omitted.count).toBe(5_000 - t.shownActions);
    expect(parse(t.json).recording.actionCount).toBe(5_000);
  });

  it("GIVEN a task prompt of angle brackets THEN escaping cannot push the block past its budget", () => {
    const input = shoppingListInput({ actions: Array.from({ length: 2_000 }, (_, i) => typing("<".repeat(300), i)) });
    const t = buildTranscript({ ...input, task: { ...input.task, prompt: "<>".repeat(10_000) } });
    expect(t.json.length).toBeLessThanOrEqual(TRANSCRIPT_LIMITS.total);
    expect(t.json).not.toMatch(/[<>]/);
    expect(parse(t.json).task.prompt.startsWith("<>")).toBe(true);
  });

  it("clip removes invisible and bidi characters", () => {
    expect(clip("pay\u202Eme\u200B\u0007", 50)).toBe("payme");
  });
});
