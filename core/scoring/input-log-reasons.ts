import type { InputLogResult, InputLogSummary, LineProblem } from "../recordings/input-log.js";
import type { SchemaProblem, ScoreReason } from "./quality-signals.js";

const LINE_PROBLEMS: Readonly<Record<LineProblem, string>> = {
  json_malformed: "not valid JSON",
  line_invalid: "not an event with a name and a time",
  event_invalid: "invalid data for its event",
  line_too_long: "longer than a line may be",
};

/** Why the parser refused a log, as the schema gate reports it (input_log_invalid). */
export function inputLogProblem(failure: Extract<InputLogResult, { ok: false }>): SchemaProblem {
  const { summary, line } = failure;
  if (failure.reason === "too_many_events")
    return { file: "input_log.jsonl", problem: "too_many_events", line, count: 0, lines: summary.lines, detail: "" };
  const first = summary.malformedLines[0];
  return {
    file: "input_log.jsonl",
    problem: "unreadable",
    line,
    count: summary.malformed,
    lines: summary.lines,
    detail: first ? LINE_PROBLEMS[first.problem] : "",
  };
}

/** A log over the byte limit, refused unread. */
export function inputLogTooLarge(maxBytes: number): SchemaProblem {
  const mib = Math.floor(maxBytes / (1024 * 1024));
  return { file: "input_log.jsonl", problem: "too_large", line: 0, count: 0, lines: mib, detail: "" };
}

/**
 * What a log that was read cost, for the farmer: unreadable lines skipped (the first one's
 * number). Ignored and unknown kinds are normal for the desktop app: they stay in the details.
 */
export function inputLogNotes(summary: InputLogSummary): ScoreReason[] {
  const first = summary.malformedLines[0];
  if (!first) return [];
  return [
    {
      code: "input_lines_skipped",
      text: `${summary.malformed} unreadable line(s) of input_log.jsonl skipped, the first at line ${first.line} (${LINE_PROBLEMS[first.problem]}).`,
      params: { count: summary.malformed, line: first.line, detail: LINE_PROBLEMS[first.problem] },
    },
  ];
}
