import { describe, expect, it } from "vitest";
import { parseInputLog } from "../../../core/recordings/input-log.js";
import { inputLogNotes, inputLogProblem, inputLogTooLarge } from "../../../core/scoring/input-log-reasons.js";
import { qualityScore } from "../../../core/scoring/quality-score.js";
import { signals } from "./signals.js";

const line = (i: number) => JSON.stringify({ event: "mousemove", data: { x: i, y: 0 }, time: i });
const log = (bad: readonly number[], lines = 100) =>
  Array.from({ length: lines }, (_, i) => (bad.includes(i + 1) ? "{broken" : line(i))).join("\n");

describe("the schema gate's reasons", () => {
  it("GIVEN an invalid meta.json field THEN rejected with meta_invalid naming the field", () => {
    const result = qualityScore(
      signals({
        schemaValid: false,
        schemaProblems: [{ file: "meta.json", field: "primary_monitor.width", detail: "must be a number" }],
      }),
    );
    expect(result).toMatchObject({ score: 0, rejected: true });
    expect(result.reasons[0]).toEqual({
      code: "meta_invalid",
      text: "meta.json: primary_monitor.width must be a number.",
      params: { file: "meta.json", problem: "field", field: "primary_monitor.width", detail: "must be a number" },
    });
  });

  it("GIVEN a log with too many unreadable lines THEN rejected with input_log_invalid naming the first bad line", () => {
    const parsed = parseInputLog(log([12, 40, 41]));
    if (parsed.ok) throw new Error("expected a refusal");
    const result = qualityScore(signals({ schemaValid: false, schemaProblems: [inputLogProblem(parsed)] }));
    expect(result.reasons[0]).toEqual({
      code: "input_log_invalid",
      text: "input_log.jsonl: 3 of 100 lines cannot be read, the first at line 12 (not valid JSON).",
      params: {
        file: "input_log.jsonl",
        problem: "unreadable",
        line: 12,
        count: 3,
        lines: 100,
        detail: "not valid JSON",
      },
    });
  });

  it("GIVEN both files invalid THEN both reasons, meta.json's first; a log too large says its limit", () => {
    const result = qualityScore(
      signals({
        schemaValid: false,
        schemaProblems: [
          { file: "meta.json", field: "", detail: "is not valid JSON" },
          inputLogTooLarge(64 * 1024 * 1024),
        ],
      }),
    );
    expect(result.reasons.slice(0, 2).map((r) => r.text)).toEqual([
      "meta.json is not valid JSON.",
      "input_log.jsonl is larger than 64 MiB.",
    ]);
  });

  it("GIVEN no detail THEN the bare schema_invalid, as before", () => {
    expect(qualityScore(signals({ schemaValid: false })).reasons[0]?.code).toBe("schema_invalid");
  });
});

describe("events outside the recording's own time", () => {
  it("GIVEN events an hour off THEN rejected with events_outside_recording, how many and how far", () => {
    const result = qualityScore(signals({ outsideRecording: { count: 320, seconds: 3600 } }));
    expect(result).toMatchObject({ score: 0, rejected: true });
    expect(result.reasons[0]).toEqual({
      code: "events_outside_recording",
      text: "320 events fall up to 3600 s outside the recording's own time (meta.json's timestamp and duration).",
      params: { count: 320, seconds: 3600 },
    });
    expect(result.components).toHaveLength(6);
  });

  it("GIVEN a video that does not decode as well THEN the video's reason comes first", () => {
    const result = qualityScore(signals({ videoDecodes: false, outsideRecording: { count: 1, seconds: 9 } }));
    expect(result.reasons.map((r) => r.code).slice(0, 2)).toEqual(["video_undecodable", "events_outside_recording"]);
  });

  it("GIVEN no events outside THEN nothing is said", () => {
    expect(qualityScore(signals({ outsideRecording: null })).rejected).toBe(false);
  });
});

describe("what reading the log skipped", () => {
  it("GIVEN one unreadable line THEN a note with its number, and none for a clean log", () => {
    const parsed = parseInputLog(log([57]));
    if (!parsed.ok) throw new Error("one bad line must be forgiven");
    expect(inputLogNotes(parsed.value.summary)).toEqual([
      {
        code: "input_lines_skipped",
        text: "1 unreadable line(s) of input_log.jsonl skipped, the first at line 57 (not valid JSON).",
        params: { count: 1, line: 57, detail: "not valid JSON" },
      },
    ]);
    const clean = parseInputLog(log([]));
    expect(clean.ok && inputLogNotes(clean.value.summary)).toEqual([]);
  });
});
