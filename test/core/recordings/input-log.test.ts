import { describe, expect, it } from "vitest";
import { eventsOrdered, parseInputLog } from "../../../core/recordings/input-log.js";

const line = (event: string, data: unknown, time: number) => JSON.stringify({ event, data, time });

describe("parsing input_log.jsonl", () => {
  it("GIVEN one line of each known event THEN each is typed with its data flattened", () => {
    const text = [
      line("mousemove", { x: 1, y: 2 }, 10),
      line("mousedown", { x: 1, y: 2, button: 2 }, 11),
      line("mouseup", { x: 1, y: 2 }, 12),
      line("mousewheel", { delta: -3 }, 13),
      line("keydown", { key: "a", actual_char: "a" }, 14),
      line("keyup", { key: "masked", actual_char: "*" }, 15),
      line("app_focus", { app: "Firefox" }, 16),
      line("axtree_interaction", { focused_app: "Firefox", tree: { role: "window" } }, 17),
      line("sync", {}, 18),
    ].join("\r\n");
    const result = parseInputLog(text + "\n");
    expect(result).toEqual({
      ok: true,
      value: {
        skipped: 0,
        events: [
          { event: "mousemove", time: 10, x: 1, y: 2 },
          { event: "mousedown", time: 11, x: 1, y: 2, button: 2 },
          { event: "mouseup", time: 12, x: 1, y: 2, button: 1 },
          { event: "mousewheel", time: 13, delta: -3 },
          { event: "keydown", time: 14, key: "a", char: "a" },
          { event: "keyup", time: 15, key: "masked", char: "*" },
          { event: "app_focus", time: 16, app: "Firefox" },
          { event: "axtree_interaction", time: 17, app: "Firefox" },
          { event: "sync", time: 18 },
        ],
      },
    });
  });

  it("GIVEN unknown event types and blank lines THEN they are skipped and the unknown ones counted", () => {
    const text = [
      line("clipboard", { text: "x" }, 1),
      "",
      line("mousemove", { x: 0, y: 0 }, 2),
      line("gaze", {}, 3),
    ].join("\n");
    const result = parseInputLog(text);
    expect(result.ok && result.value.skipped).toBe(2);
    expect(result.ok && result.value.events).toHaveLength(1);
  });

  it.each([
    ["malformed JSON", "{not json", "json_malformed"],
    ["a JSON array", "[1,2]", "line_invalid"],
    ["a missing time", JSON.stringify({ event: "mousemove", data: { x: 1, y: 1 } }), "line_invalid"],
    ["a string time", JSON.stringify({ event: "mousemove", data: { x: 1, y: 1 }, time: "5" }), "line_invalid"],
    ["a string coordinate", line("mousemove", { x: "1", y: 1 }, 5), "event_invalid"],
    ["a key without its name", line("keydown", { actual_char: "a" }, 5), "event_invalid"],
    ["an absurd coordinate", line("mousedown", { x: 1e9, y: 1 }, 5), "event_invalid"],
  ])("GIVEN %s on line 3 THEN parsing fails with its reason and line 3", (_name, bad, reason) => {
    const text = [line("mousemove", { x: 0, y: 0 }, 1), line("mousemove", { x: 1, y: 0 }, 2), bad].join("\n");
    expect(parseInputLog(text)).toEqual({ ok: false, reason, line: 3 });
  });

  it("GIVEN more lines than the limit THEN too_many_events at the first line over it", () => {
    const text = Array.from({ length: 5 }, (_, i) => line("mousemove", { x: i, y: 0 }, i)).join("\n");
    expect(parseInputLog(text, { maxEvents: 4 })).toEqual({ ok: false, reason: "too_many_events", line: 5 });
    expect(parseInputLog(text, { maxEvents: 5 }).ok).toBe(true);
  });

  it("GIVEN a line longer than the byte limit (multi-byte characters count as bytes) THEN line_too_long", () => {
    const wide = line("app_focus", { app: "é".repeat(60) }, 1);
    expect(parseInputLog(wide, { maxLineBytes: wide.length + 10 })).toEqual({
      ok: false,
      reason: "line_too_long",
      line: 1,
    });
    expect(parseInputLog(wide, { maxLineBytes: wide.length + 60 }).ok).toBe(true);
  });

  it("GIVEN timestamps 1, 3, 2, 5, 4, 6 THEN two are out of order", () => {
    const events = [1, 3, 2, 5, 4, 6].map((time) => ({ event: "sync" as const, time }));
    expect(eventsOrdered(events)).toBe(2);
    expect(eventsOrdered(events.slice(0, 2))).toBe(0);
  });
});
