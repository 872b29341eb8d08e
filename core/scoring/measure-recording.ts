import type { Action } from "../recordings/action.js";
import { eventsOrdered, type InputEvent } from "../recordings/input-log.js";
import type { RecordingMeta } from "../recordings/meta.js";
import { videoClock } from "../recordings/video-clock.js";
import type { VideoInfo } from "../recordings/video-frame.js";
import { actionRedundancy } from "./action-redundancy.js";
import { idleRatio } from "./idle-ratio.js";
import type { QualitySignals } from "./quality-signals.js";

export type RecordingMeasures = Pick<
  QualitySignals,
  | "videoDurationMs"
  | "eventSpanMs"
  | "outOfOrderEvents"
  | "eventCount"
  | "actionCount"
  | "idleRatio"
  | "actionsPerMinute"
  | "redundantActionRatio"
>;

const INPUT = new Set(["mousemove", "mousedown", "mouseup", "mousewheel", "keydown", "keyup"]);
/**
 * Disorder smaller than this is how the desktop app logs on Windows (keys and buttons from
 * one thread, pointer moves from another), not a damaged or shuffled log.
 */
export const ORDER_JITTER_MS = 20;

/**
 * The deterministic signals of a parsed recording (the events as logged, unsorted, so the
 * disorder shows) and its extracted actions. Only user input counts against idleness;
 * recorder markers (sync, pause, focus) do not.
 */
export function measureRecording(
  events: readonly InputEvent[],
  actions: readonly Action[],
  meta: RecordingMeta,
  video: VideoInfo,
): RecordingMeasures {
  const sorted = [...events].sort((a, b) => a.time - b.time);
  const toVideoMs = videoClock(sorted, meta);
  const inputTimes = sorted.filter((e) => INPUT.has(e.event)).map((e) => toVideoMs(e.time));
  const last = sorted[sorted.length - 1];
  const minutes = video.durationMs / 60_000;
  return {
    videoDurationMs: video.durationMs,
    eventSpanMs: last ? Math.max(0, toVideoMs(last.time)) : 0,
    outOfOrderEvents: eventsOrdered(events, ORDER_JITTER_MS),
    eventCount: events.length,
    actionCount: actions.length,
    idleRatio: idleRatio(inputTimes, video.durationMs),
    actionsPerMinute: minutes > 0 ? actions.length / minutes : 0,
    redundantActionRatio: actionRedundancy(actions),
  };
}
