import { describe, expect, it } from "vitest";
import {
  eventsOrdered,
  malformedTolerated,
  parseInputLog,
  type InputLogOptions,
} from "../../../core/recordings/input-log.js";

const line = (event: string, data: unknown, time: number) => JSON.stringify({ event, data, time });
/** A line as the desktop app writes it: serde_json's sorted keys. */
const app = (event: string, data: unknown, time: number) => JSON.stringify({ data, event, time });
const events = (text: string, options?: InputLogOptions) => {
  const result = parseInputLog(text, options);
  if (!result.ok) throw new Error(`refused: ${result.reason} at ${result.line}`);
  return result.value.events;
};
const summary = (text: string, options?: InputLogOptions) => {
  const result = parseInputLog(text, options);
  return result.ok ? result.value.summary : result.summary;
};
const LINUX = { vocabulary: "rdev", platform: "linux" } as const;
const MACOS = { vocabulary: "rdev", platform: "macos" } as const;
const WINDOWS = { vocabulary: "multiinput", platform: "windows" } as const;

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
    expect(result.ok && result.value.skipped).toBe(0);
    expect(result.ok && result.value.events).toEqual([
      { event: "mousemove", time: 10, x: 1, y: 2 },
      { event: "mousedown", time: 11, x: 1, y: 2, button: 2 },
      { event: "mouseup", time: 12, x: 1, y: 2, button: 1 },
      // A wheel without coordinates is where the pointer was.
      { event: "mousewheel", time: 13, delta: -3, x: 1, y: 2 },
      { event: "keydown", time: 14, key: "a", char: "a" },
      { event: "keyup", time: 15, key: "masked", char: "*" },
      { event: "app_focus", time: 16, app: "Firefox" },
      { event: "axtree_interaction", time: 17, app: "Firefox" },
      { event: "sync", time: 18 },
    ]);
  });

  it("GIVEN unknown event types and blank lines THEN they are skipped, and the unknown ones counted by kind", () => {
    const text = [
      line("clipboard", { text: "x" }, 1),
      "",
      line("mousemove", { x: 0, y: 0 }, 2),
      line("gaze", {}, 3),
      line("gaze", {}, 4),
    ].join("\n");
    const result = parseInputLog(text);
    expect(result.ok && result.value.skipped).toBe(3);
    expect(result.ok && result.value.events).toHaveLength(1);
    expect(result.ok && result.value.summary.unknown).toEqual({ clipboard: 1, gaze: 2 });
  });

  it("GIVEN hundreds of distinct unknown kinds THEN only 20 are named, the rest counted together", () => {
    const text = Array.from({ length: 300 }, (_, i) => line(`kind${i}`, {}, i)).join("\n");
    const unknown = summary(text).unknown;
    expect(Object.keys(unknown)).toHaveLength(21);
    expect(unknown["…"]).toBe(280);
  });

  it("GIVEN a kind named __proto__ THEN it is counted like any other", () => {
    const counted = summary(line("__proto__", {}, 1)).unknown;
    expect(Object.hasOwn(counted, "__proto__")).toBe(true);
    expect(JSON.parse(JSON.stringify(counted))).toEqual(JSON.parse('{"__proto__":1}'));
  });

  it.each([
    ["malformed JSON", "{not json", "json_malformed"],
    ["a JSON array", "[1,2]", "line_invalid"],
    ["a missing time", JSON.stringify({ event: "mousemove", data: { x: 1, y: 1 } }), "line_invalid"],
    ["a string time", JSON.stringify({ event: "mousemove", data: { x: 1, y: 1 }, time: "5" }), "line_invalid"],
    ["a string coordinate", line("mousemove", { x: "1", y: 1 }, 5), "event_invalid"],
    ["a key without its name", line("keydown", { actual_char: "a" }, 5), "event_invalid"],
    ["an absurd coordinate", line("mousedown", { x: 1e9, y: 1 }, 5), "event_invalid"],
    ["a button with x but no y", line("mousedown", { x: 1, button: 1 }, 5), "event_invalid"],
  ])(
    "GIVEN %s on line 3 THEN that line alone is skipped, counted with its number and problem",
    (_name, bad, problem) => {
      const text = [line("mousemove", { x: 0, y: 0 }, 1), line("mousemove", { x: 1, y: 0 }, 2), bad].join("\n");
      const result = parseInputLog(text);
      expect(result.ok && result.value.events).toHaveLength(2);
      expect(result.ok && result.value.summary).toMatchObject({ malformed: 1, malformedLines: [{ line: 3, problem }] });
    },
  );

  it("GIVEN unreadable lines THEN one is always forgiven, then 2% of the lines up to 50", () => {
    expect([1, 10, 99, 100, 250, 2_500, 10_000, 1_000_000].map(malformedTolerated)).toEqual([
      1, 1, 1, 2, 5, 50, 50, 50,
    ]);
  });

  it("GIVEN 3 unreadable lines among 100 THEN the log is refused at the first of them", () => {
    const lines = Array.from({ length: 100 }, (_, i) => line("mousemove", { x: i, y: 0 }, i));
    for (const at of [41, 60, 77]) lines[at - 1] = "{broken";
    const result = parseInputLog(lines.join("\n"));
    expect(result).toMatchObject({ ok: false, reason: "too_many_malformed", line: 41 });
    expect(!result.ok && result.summary.malformedLines.map((m) => m.line)).toEqual([41, 60, 77]);
    lines[76] = line("mousemove", { x: 0, y: 0 }, 76);
    expect(parseInputLog(lines.join("\n")).ok).toBe(true);
  });

  it("GIVEN more lines than the limit THEN too_many_events at the first line over it", () => {
    const text = Array.from({ length: 5 }, (_, i) => line("mousemove", { x: i, y: 0 }, i)).join("\n");
    expect(parseInputLog(text, { maxEvents: 4 })).toMatchObject({ ok: false, reason: "too_many_events", line: 5 });
    expect(parseInputLog(text, { maxEvents: 5 }).ok).toBe(true);
  });

  it("GIVEN a line longer than the byte limit (multi-byte characters count as bytes) THEN that line is skipped as too long", () => {
    const wide = line("app_focus", { app: "é".repeat(60) }, 1);
    expect(summary(wide, { maxLineBytes: wide.length + 10 })).toMatchObject({
      malformedLines: [{ line: 1, problem: "line_too_long" }],
    });
    expect(events(wide, { maxLineBytes: wide.length + 60 })).toHaveLength(1);
  });

  it("GIVEN accessibility trees over the byte limit, in either key order THEN they are ignored, not unreadable", () => {
    const tree = { tree: [{ name: "x".repeat(3000) }] };
    const text = [
      app("axtree", tree, 5),
      line("axtree", tree, 6),
      app("ffmpeg_stderr", { output: "y".repeat(3000) }, 7),
    ];
    expect(summary(text.join("\n"), { maxLineBytes: 1000 })).toMatchObject({
      malformed: 0,
      ignored: { axtree: 2, ffmpeg_stderr: 1 },
    });
  });

  it("GIVEN timestamps 1, 3, 2, 5, 4, 6 THEN two are out of order", () => {
    const events = [1, 3, 2, 5, 4, 6].map((time) => ({ event: "sync" as const, time }));
    expect(eventsOrdered(events)).toBe(2);
    expect(eventsOrdered(events.slice(0, 2))).toBe(0);
  });

  it("GIVEN a few milliseconds of disorder and a jitter allowance THEN only larger steps back count", () => {
    const events = [100, 95, 200, 150, 300].map((time) => ({ event: "sync" as const, time }));
    expect(eventsOrdered(events)).toBe(2);
    expect(eventsOrdered(events, 20)).toBe(1);
  });
});

describe("parsing the original desktop app's input_log.jsonl", () => {
  it("GIVEN its non-input kinds THEN they are ignored and counted apart from unknown kinds", () => {
    const text = [
      app("ffmpeg_stderr", { output: "ffmpeg version 7.1.1" }, 1),
      app("ffmpeg_stdout", { output: "" }, 2),
      app("axtree", { duration: 300, tree: [] }, 3),
      app("mousedelta", { x: -3, y: 7 }, 4),
      app("joystickdown", { button: 3, id: 0 }, 5),
      app("joystickup", { button: 3, id: 0 }, 6),
      app("joystickaxis", { axis: "RX", id: 0, value: -0.0039 }, 7),
      app("mousemove", { x: 512.0, y: 300.5 }, 8),
    ].join("\n");
    const result = parseInputLog(text, WINDOWS);
    expect(result.ok && result.value.events).toEqual([{ event: "mousemove", time: 8, x: 512, y: 300.5 }]);
    expect(result.ok && result.value.summary).toMatchObject({
      ignored: {
        ffmpeg_stderr: 1,
        ffmpeg_stdout: 1,
        axtree: 1,
        mousedelta: 1,
        joystickdown: 1,
        joystickup: 1,
        joystickaxis: 1,
      },
      unknown: {},
      malformed: 0,
    });
  });

  it("GIVEN an accessibility tree stamped seconds before the lines around it THEN nothing is out of order", () => {
    const text = [
      app("mousemove", { x: 1, y: 1 }, 10_000),
      app("axtree", { duration: 1900, tree: [] }, 8_100),
      app("mousemove", { x: 2, y: 1 }, 10_050),
    ].join("\n");
    expect(eventsOrdered(events(text, MACOS))).toBe(0);
  });

  it("GIVEN ffmpeg's 'Press [q] to stop' THEN its time becomes the video's sync marker, once", () => {
    const text = [
      app("ffmpeg_stderr", { output: "Stream mapping:" }, 90),
      app("ffmpeg_stderr", { output: "Press [q] to stop, [?] for help" }, 100),
      app("ffmpeg_stderr", { output: "Press [q] to stop, [?] for help" }, 200),
      app("mousemove", { x: 1, y: 1 }, 300),
    ].join("\n");
    expect(events(text, LINUX)).toEqual([
      { event: "sync", time: 100 },
      { event: "mousemove", time: 300, x: 1, y: 1 },
    ]);
    expect(events(text).map((e) => e.event)).toEqual(["mousemove"]); // the recorder writes its own
  });

  it("GIVEN button names without coordinates THEN each is where the last mousemove put the pointer", () => {
    const text = [
      app("mousemove", { x: 228.66796875, y: 637.39453125 }, 1),
      app("mousedown", { button: "Left" }, 2),
      app("mouseup", { button: "Left" }, 3),
      app("mousedown", { button: "Right" }, 4),
      app("mouseup", { button: "Right" }, 5),
      app("mousedown", { button: "Middle" }, 6),
      app("mousewheel", { delta: -14.0 }, 7),
    ].join("\n");
    const at = { x: 228.66796875, y: 637.39453125 };
    expect(events(text, MACOS).slice(1)).toEqual([
      { event: "mousedown", time: 2, ...at, button: 1 },
      { event: "mouseup", time: 3, ...at, button: 1 },
      { event: "mousedown", time: 4, ...at, button: 2 },
      { event: "mouseup", time: 5, ...at, button: 2 },
      { event: "mousedown", time: 6, ...at, button: 3 },
      { event: "mousewheel", time: 7, delta: -14, ...at },
    ]);
  });

  it("GIVEN a click before any mousemove THEN it is dropped, counted and reported, and the rest is read", () => {
    const text = [
      app("mousedown", { button: "Left" }, 1),
      app("mouseup", { button: "Left" }, 2),
      app("mousemove", { x: 5, y: 5 }, 3),
    ].join("\n");
    const result = parseInputLog(text, LINUX);
    expect(result.ok && result.value.events).toHaveLength(1);
    expect(result.ok && result.value.summary.unplacedButtons).toBe(2);
  });

  it.each([
    ["linux", "Unknown(8)", 4, true],
    ["linux", "Unknown(9)", 5, true],
    ["linux", "Unknown(6)", 0, false],
    ["macos", "Unknown(3)", 4, true],
    ["macos", "Unknown(4)", 5, true],
    ["macos", "Unknown(8)", 0, false],
    ["windows", "Button4", 4, true],
    ["windows", "Button5", 5, true],
  ] as const)("GIVEN %s's button %s THEN it is button %d", (platform, name, button, known) => {
    const vocabulary = platform === "windows" ? "multiinput" : "rdev";
    const text = [app("mousemove", { x: 1, y: 1 }, 1), app("mousedown", { button: name }, 2)].join("\n");
    const result = parseInputLog(text, { vocabulary, platform });
    expect(result.ok && result.value.events[1]).toMatchObject({ event: "mousedown", button });
    expect(result.ok && result.value.summary.unknownButtons).toBe(known ? 0 : 1);
  });

  it("GIVEN rdev key names THEN they read as this project's keys, with the character Shift gives", () => {
    const keys = [
      "KeyA",
      "ShiftLeft",
      "KeyA",
      "Num1",
      "SemiColon",
      "ShiftLeft",
      "Num1",
      "Kp1",
      "Return",
      "KpReturn",
      "LeftArrow",
      "ControlLeft",
      "MetaRight",
      "Space",
    ];
    const downs = keys.map((key, i) => app(i === 5 ? "keyup" : "keydown", { key }, i));
    expect(events(downs.join("\n"), LINUX)).toEqual([
      { event: "keydown", time: 0, key: "a", char: "a" },
      { event: "keydown", time: 1, key: "Shift" },
      { event: "keydown", time: 2, key: "a", char: "A" },
      { event: "keydown", time: 3, key: "1", char: "!" },
      { event: "keydown", time: 4, key: ";", char: ":" },
      { event: "keyup", time: 5, key: "Shift" },
      { event: "keydown", time: 6, key: "1", char: "1" },
      { event: "keydown", time: 7, key: "Numpad1", char: "1" },
      { event: "keydown", time: 8, key: "Enter" },
      { event: "keydown", time: 9, key: "NumpadEnter" },
      { event: "keydown", time: 10, key: "ArrowLeft" },
      { event: "keydown", time: 11, key: "Control" },
      { event: "keydown", time: 12, key: "Meta" },
      { event: "keydown", time: 13, key: "Space", char: " " },
    ]);
  });

  it("GIVEN multiinput key names THEN Windows' own spelling reads the same, page keys swapped back", () => {
    const keys = [
      "A",
      "One",
      "LeftCtrl",
      "Left",
      "PageUp",
      "PageDown",
      "FullStop",
      "Plus",
      "Hash",
      "Return",
      "Numlock",
    ];
    expect(
      events(keys.map((key, i) => app("keydown", { key }, i)).join("\n"), WINDOWS).map(
        (e) => e.event === "keydown" && [e.key, e.char],
      ),
    ).toEqual([
      ["a", "a"],
      ["1", "1"],
      ["Control", undefined],
      ["ArrowLeft", undefined],
      ["PageDown", undefined],
      ["PageUp", undefined],
      [".", "."],
      ["=", "="],
      ["'", "'"],
      ["Enter", undefined],
      ["NumLock", undefined],
    ]);
  });

  it("GIVEN Unknown(n), RawKey(...) and names outside the vocabulary THEN they are inert unknown keys, counted once a press", () => {
    const text = [
      app("keydown", { key: "Unknown(179)" }, 1),
      app("keyup", { key: "Unknown(179)" }, 2),
      app("keydown", { key: "RawKey(ScanCode(12))" }, 3),
      app("keydown", { key: "KeyA" }, 4), // not a Windows name
    ].join("\n");
    expect(events(text, LINUX).map((e) => (e.event === "keydown" || e.event === "keyup" ? e.key : ""))).toEqual([
      "Unknown(179)",
      "Unknown(179)",
      "Unidentified",
      "a",
    ]);
    expect(summary(text, LINUX).unknownKeys).toBe(2);
    expect(summary(text, WINDOWS).unknownKeys).toBe(3);
  });
});
