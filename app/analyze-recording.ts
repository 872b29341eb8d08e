// The Quality Agent's pipeline for one recording, on files the server unpacked itself (a
// client's sft.json is never trusted): validate, decode, extract actions, fingerprint, compare
// with other accounts' work, ask the optional LLM judge, and score with the core formula.
import { readFile, stat } from "node:fs/promises";
import type { Core } from "../core/index.js";
import type { Grade, RecordingFingerprint } from "../core/grading/recording.js";
import type { Action } from "../core/recordings/action.js";
import { extractActions } from "../core/recordings/extract-actions.js";
import { actionFingerprint } from "../core/recordings/fingerprint.js";
import { vocabularyOf } from "../core/recordings/forge-spelling.js";
import { parseInputLog, type InputEvent, type InputLogSummary } from "../core/recordings/input-log.js";
import { parseRecordingMeta, type RecordingMeta } from "../core/recordings/meta.js";
import { eventsOutsideRecording } from "../core/recordings/recording-span.js";
import { inputLogNotes, inputLogProblem, inputLogTooLarge } from "../core/scoring/input-log-reasons.js";
import { measureRecording } from "../core/scoring/measure-recording.js";
import { qualityScore } from "../core/scoring/quality-score.js";
import type { QualityScore, QualitySignals, SchemaProblem } from "../core/scoring/quality-signals.js";
import { taskRelevance } from "../core/scoring/task-relevance.js";
import type { LlmJudge } from "../llm/judge.js";
import type { Media } from "./media.js";

export interface RecordingFiles {
  readonly video: string;
  readonly inputLog: string;
  readonly meta: string;
}

export interface Analysis {
  readonly grade: Grade;
  readonly fingerprint: RecordingFingerprint;
  readonly actions: readonly Action[];
  /** Each action's keyframe JPEG (in the order of `actions`), when a frames folder was given. */
  readonly keyframes: readonly (string | undefined)[];
}

/** Input logs beyond this are refused before parsing (a 10-minute session is ~5 MB). */
const MAX_INPUT_LOG_BYTES = 64 * 1024 * 1024;
/** At most this many keyframe JPEGs are kept per recording (a busy hour is ~12,000 actions). */
const MAX_KEYFRAME_JPEGS = 5_000;
/** At most this many keyframes are hashed for duplicate checks (spread over the recording). */
const MAX_HASHED_FRAMES = 240;

const BROKEN: Omit<QualitySignals, "archiveValid" | "schemaValid" | "videoDecodes"> = {
  videoDurationMs: 0,
  eventSpanMs: 0,
  outOfOrderEvents: 0,
  eventCount: 0,
  actionCount: 0,
  idleRatio: 1,
  actionsPerMinute: 0,
  redundantActionRatio: 0,
  relevance: null,
  duplicateSimilarity: 0,
  keyframeDuplicateSimilarity: 0,
  llm: null,
};

const rejected = (signals: QualitySignals, inputLog?: InputLogSummary): Analysis => ({
  grade: { ...scoreWith(signals, inputLog), actionCount: 0, durationMs: signals.videoDurationMs, llm: null },
  fingerprint: { minhash: [], keyframes: [] },
  actions: [],
  keyframes: [],
});

export async function analyzeRecording(deps: {
  core: Core;
  media: Media;
  judge: LlmJudge | null;
  files: RecordingFiles;
  recording: { id: string; accountId: string; taskId: string; contentHash: string; createdAt?: Date };
  task: { title: string; prompt: string; app: string | null };
  /** Where to write the actions' keyframe JPEGs; none are written without it. */
  framesDir?: string;
}): Promise<Analysis> {
  const { files, media } = deps;
  const meta = parseRecordingMeta(await readFile(files.meta, "utf8").catch(() => ""));
  const log = await readInputLog(files.inputLog, meta.ok ? meta.value : null);
  const schemaProblems: SchemaProblem[] = [
    ...(meta.ok ? [] : [{ file: "meta.json" as const, field: meta.field, detail: meta.detail }]),
    ...(log.ok ? [] : [log.problem]),
  ];
  const schemaValid = schemaProblems.length === 0;
  const probe = await media.probeVideo(files.video);
  if (!meta.ok || !log.ok || !probe.ok)
    return rejected(
      { ...BROKEN, archiveValid: true, schemaValid, schemaProblems, videoDecodes: probe.ok },
      log.summary,
    );

  const video = probe.value;
  const events: readonly InputEvent[] = log.events;
  const actions = extractActions(events, meta.value, video);
  const measures = measureRecording(events, actions, meta.value, video);
  // A log from another session (or shifted in time) is not this video's: rejected before the
  // frames are decoded or anyone is asked.
  const outsideRecording = eventsOutsideRecording(events, meta.value, video.durationMs);
  if (outsideRecording)
    return rejected(
      { ...BROKEN, ...measures, archiveValid: true, schemaValid, videoDecodes: true, outsideRecording },
      log.summary,
    );
  const times = actions.map((a) => a.frameMs);
  // Keyframe JPEGs for the training data, within reason: a recording with more distinct frames
  // than this keeps its steps and hashes, without pictures.
  const jpegs = new Set(times).size <= MAX_KEYFRAME_JPEGS ? deps.framesDir : undefined;
  const decoded = await media.decodeFrames(files.video, times, jpegs);
  if (!decoded.ok) return rejected({ ...BROKEN, archiveValid: true, schemaValid, videoDecodes: false }, log.summary);
  const keyframes = spread(decoded.value, MAX_HASHED_FRAMES).map((f) => f.hash);
  const fingerprint: RecordingFingerprint = { minhash: actionFingerprint(actions, video), keyframes };
  const duplicates = await deps.core.findDuplicates({
    accountId: deps.recording.accountId,
    taskId: deps.recording.taskId,
    contentHash: deps.recording.contentHash,
    fingerprint,
    excludeRecordingId: deps.recording.id,
    createdAt: deps.recording.createdAt,
  });
  const llm = await judge(deps.judge, deps.task, actions, video.durationMs);
  const signals: QualitySignals = {
    ...measures,
    archiveValid: true,
    schemaValid: true,
    videoDecodes: true,
    relevance: taskRelevance(deps.task, actions, meta.value),
    duplicateSimilarity: duplicates.duplicateSimilarity,
    keyframeDuplicateSimilarity: duplicates.keyframeDuplicateSimilarity,
    ownCopy: duplicates.ownCopy,
    llm,
  };
  return {
    grade: { ...scoreWith(signals, log.summary), actionCount: actions.length, durationMs: video.durationMs, llm },
    fingerprint,
    actions,
    keyframes: decoded.value.map((f) => f.path),
  };
}

type LogRead =
  | { ok: true; events: InputEvent[]; summary: InputLogSummary }
  | { ok: false; problem: SchemaProblem; summary?: InputLogSummary };

/** The event log in the vocabulary of the app that wrote it (the recorder's when meta is unreadable). */
async function readInputLog(path: string, meta: RecordingMeta | null): Promise<LogRead> {
  if ((await stat(path)).size > MAX_INPUT_LOG_BYTES)
    return { ok: false, problem: inputLogTooLarge(MAX_INPUT_LOG_BYTES) };
  const options = meta ? { vocabulary: vocabularyOf(meta), platform: meta.platform } : {};
  const parsed = parseInputLog(await readFile(path, "utf8"), options);
  if (!parsed.ok) return { ok: false, problem: inputLogProblem(parsed), summary: parsed.summary };
  return { ok: true, events: parsed.value.events, summary: parsed.value.summary };
}

/** The score, with what reading the log skipped: in the details, and unreadable lines as a reason. */
function scoreWith(signals: QualitySignals, inputLog: InputLogSummary | undefined): QualityScore {
  const score = qualityScore(signals);
  if (!inputLog) return score;
  return { ...score, reasons: [...score.reasons, ...inputLogNotes(inputLog)], inputLog };
}

/** An unavailable judge leaves its component out (the weights renormalize); it never counts as 0. */
async function judge(
  llm: LlmJudge | null,
  task: { title: string; prompt: string; app: string | null },
  actions: readonly Action[],
  durationMs: number,
): Promise<Grade["llm"]> {
  if (!llm) return null;
  const verdict = await llm.judge({
    // The task as the factory wrote it: meta.json is the farmer's text (untrusted), never the task.
    task: { title: task.title, prompt: task.prompt, app: task.app ?? undefined },
    actions,
    durationMs,
  });
  return verdict.ok ? verdict.value : null;
}

/**
 * At most `max` distinct frames, evenly spread in time: enough to recognise a copied screen,
 * while comparing with each candidate stays cheap (hashes × hashes).
 */
function spread<T extends { frameMs: number }>(frames: readonly T[], max: number): T[] {
  const distinct = [...new Map(frames.map((f) => [f.frameMs, f])).values()].sort((a, b) => a.frameMs - b.frameMs);
  if (distinct.length <= max) return distinct;
  return Array.from({ length: max }, (_, i) => distinct[Math.floor((i * distinct.length) / max)]!);
}
