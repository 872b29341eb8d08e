import type { Action } from "../../core/recordings/action.js";
import { extractActions } from "../../core/recordings/extract-actions.js";
import { parseInputLog } from "../../core/recordings/input-log.js";
import { recordingMetaSchema } from "../../core/recordings/meta.js";
import { userError } from "../cli/cli-error.js";

export interface VideoGeometry {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly durationMs: number;
}

/**
 * The steps of a recording, computed exactly as the server does (core's extractActions), so
 * what the farmer reviews locally is what gets scored.
 */
export function stepsOf(eventsText: string, meta: unknown, video: VideoGeometry): Action[] {
  const log = parseInputLog(eventsText);
  if (!log.ok) throw userError(`input_log.jsonl is damaged (${log.reason}${log.line ? ` at line ${log.line}` : ""})`);
  const parsed = recordingMetaSchema.safeParse(meta);
  if (!parsed.success) throw userError(`meta.json does not validate: ${parsed.error.issues[0]?.message}`);
  return extractActions(log.value.events, parsed.data, video);
}

/** One line per step: `00:03.200  click (100, 200)`. */
export function describeStep(action: Action): string {
  const at = `${String(Math.floor(action.atMs / 60_000)).padStart(2, "0")}:${((action.atMs % 60_000) / 1_000).toFixed(3).padStart(6, "0")}`;
  const where = action.x !== undefined && action.y !== undefined ? ` (${action.x}, ${action.y})` : "";
  const to = action.toX !== undefined && action.toY !== undefined ? ` → (${action.toX}, ${action.toY})` : "";
  const detail =
    action.kind === "type"
      ? ` ${JSON.stringify(action.text ?? "")}`
      : action.kind === "hotkey"
        ? ` ${(action.keys ?? []).join("+")}`
        : action.kind === "scroll"
          ? ` ${action.delta ?? 0}`
          : action.kind === "app_focus"
            ? ` ${action.app ?? ""}`
            : "";
  return `${at}  ${action.kind}${where}${to}${detail}`;
}
