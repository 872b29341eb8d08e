import { readFile } from "node:fs/promises";

/** One line of input_log.jsonl (see the recording format in PRODUCT.md). */
export interface InputEvent {
  readonly event:
    | "mousemove"
    | "mousedown"
    | "mouseup"
    | "mousewheel"
    | "keydown"
    | "keyup"
    | "axtree_interaction"
    | "app_focus"
    | "pause"
    | "resume"
    | "sync";
  readonly data: Record<string, unknown>;
  readonly time: number;
}

export const toJsonl = (events: readonly InputEvent[]): string => events.map((e) => `${JSON.stringify(e)}\n`).join("");

/** Parses input_log.jsonl, skipping blank or malformed lines (a recorder killed mid-line leaves one). */
export function parseJsonl(text: string): InputEvent[] {
  const events: InputEvent[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const value = JSON.parse(line) as Partial<InputEvent>;
      if (typeof value.event === "string" && typeof value.time === "number")
        events.push({ event: value.event, data: value.data ?? {}, time: value.time });
    } catch {
      // A torn last line is expected after a crash; the rest of the log is still good.
    }
  }
  return events;
}

export async function readEvents(path: string): Promise<InputEvent[]> {
  return parseJsonl(await readFile(path, "utf8"));
}

/** Counts events by kind, e.g. { mousedown: 3, keydown: 12 }. */
export function countEvents(events: readonly InputEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) counts[e.event] = (counts[e.event] ?? 0) + 1;
  return counts;
}
