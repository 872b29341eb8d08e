import type { QualitySignals, SchemaProblem, ScoreReason } from "./quality-signals.js";

/** A recording whose action fingerprint matches another account's this closely is a copy. */
export const DUPLICATE_THRESHOLD = 0.9;
/**
 * Same screens (keyframes) alone do not make a copy (two honest demos of one task in one app
 * look alike); same screens with a largely similar action sequence do, which also catches
 * replays jittered enough to slip under the action threshold.
 */
export const KEYFRAME_DUPLICATE_THRESHOLD = 0.9;
export const DUPLICATE_WITH_KEYFRAMES_THRESHOLD = 0.75;
/** The video and the events may disagree by this much before the archive is not trusted. */
export const DURATION_TOLERANCE_MS = 3000;
export const DURATION_TOLERANCE_RATIO = 0.1;

/**
 * The reasons that reject a recording outright (score 0), in the order they are checked:
 * archive_invalid; meta_invalid and input_log_invalid (schema_invalid when the problem is not
 * known); video_undecodable or duration_mismatch; events_outside_recording; near_duplicate.
 */
export function rejectionReasons(s: QualitySignals): ScoreReason[] {
  const reasons: ScoreReason[] = [];
  if (!s.archiveValid) reasons.push({ code: "archive_invalid", text: "The archive is invalid.", params: {} });
  if (!s.schemaValid) reasons.push(...schemaReasons(s.schemaProblems ?? []));
  if (!s.videoDecodes) reasons.push({ code: "video_undecodable", text: "The video does not decode.", params: {} });
  else if (durationMismatch(s)) reasons.push(durationReason(s));
  if (s.outsideRecording) reasons.push(outsideReason(s.outsideRecording));
  const duplicate = duplicateOf(s);
  if (duplicate !== null)
    reasons.push({
      code: "near_duplicate",
      text: s.ownCopy
        ? "The recording is a copy of one of your earlier recordings."
        : `The recording is ${duplicate}% similar to another account's recording.`,
      params: { percent: duplicate, whose: s.ownCopy ? "own" : "other" },
    });
  return reasons;
}

function durationMismatch(s: QualitySignals): boolean {
  const tolerance = Math.max(DURATION_TOLERANCE_MS, DURATION_TOLERANCE_RATIO * s.videoDurationMs);
  return !(Math.abs(s.videoDurationMs - s.eventSpanMs) <= tolerance);
}

function durationReason(s: QualitySignals): ScoreReason {
  const videoSeconds = Math.round(s.videoDurationMs / 1000);
  const eventSeconds = Math.round(s.eventSpanMs / 1000);
  return {
    code: "duration_mismatch",
    text: `The video lasts ${videoSeconds} s but the events cover ${eventSeconds} s.`,
    params: { videoSeconds, eventSeconds },
  };
}

function duplicateOf(s: QualitySignals): number | null {
  const actions = s.duplicateSimilarity;
  const copied =
    actions >= DUPLICATE_THRESHOLD ||
    (actions >= DUPLICATE_WITH_KEYFRAMES_THRESHOLD && s.keyframeDuplicateSimilarity >= KEYFRAME_DUPLICATE_THRESHOLD);
  return copied ? Math.round(100 * Math.max(actions, s.keyframeDuplicateSimilarity)) : null;
}

function schemaReasons(problems: readonly SchemaProblem[]): ScoreReason[] {
  if (problems.length === 0)
    return [{ code: "schema_invalid", text: "meta.json or the event log is invalid.", params: {} }];
  return problems.map((p) => (p.file === "meta.json" ? metaReason(p) : logReason(p)));
}

function metaReason(p: Extract<SchemaProblem, { file: "meta.json" }>): ScoreReason {
  const where = p.field === "" ? "meta.json" : `meta.json: ${p.field}`;
  return {
    code: "meta_invalid",
    text: `${where} ${p.detail}.`,
    params: { file: p.file, problem: p.field === "" ? "file" : "field", field: p.field, detail: p.detail },
  };
}

function logReason(p: Extract<SchemaProblem, { file: "input_log.jsonl" }>): ScoreReason {
  const text =
    p.problem === "too_large"
      ? `input_log.jsonl is larger than ${p.lines} MiB.`
      : p.problem === "too_many_events"
        ? `input_log.jsonl has more than ${p.lines} lines (from line ${p.line}).`
        : `input_log.jsonl: ${p.count} of ${p.lines} lines cannot be read, the first at line ${p.line} (${p.detail}).`;
  const { file, problem, line, count, lines, detail } = p;
  return { code: "input_log_invalid", text, params: { file, problem, line, count, lines, detail } };
}

function outsideReason(outside: { count: number; seconds: number }): ScoreReason {
  return {
    code: "events_outside_recording",
    text: `${outside.count} events fall up to ${outside.seconds} s outside the recording's own time (meta.json's timestamp and duration).`,
    params: { count: outside.count, seconds: outside.seconds },
  };
}
