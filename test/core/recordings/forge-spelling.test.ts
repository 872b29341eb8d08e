// The two spellings of one session: this project's, as its recorder writes it (recorder's
// mapKey on uiohook keycodes), and the original desktop app's, as it writes it on each OS (the
// names below are the rdev and multiinput names of each physical key, written out here rather
// than taken from core's tables, so the tables are checked against them).
import fc from "fast-check";
import { UiohookKey } from "uiohook-napi";
import { describe, expect, it } from "vitest";
import { extractActions } from "../../../core/recordings/extract-actions.js";
import { MULTIINPUT_KEYS, RDEV_KEYS, vocabularyOf } from "../../../core/recordings/forge-spelling.js";
import { parseInputLog } from "../../../core/recordings/input-log.js";
import { recordingMetaSchema } from "../../../core/recordings/meta.js";
import { mapKey } from "../../../recorder/capture/key-map.js";
import { desktopMetaJson, VIDEO } from "./builders.js";

type Platform = "macos" | "linux" | "windows";
/** [uiohook name (the recorder's input), rdev name, multiinput name or null when Windows logs nothing]. */
type PhysicalKey = readonly [string, string, string | null];

const LETTERS = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"];
const WORDS = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"];
const KEYS: readonly PhysicalKey[] = [
  ...LETTERS.map((l) => [l, `Key${l}`, l] as const),
  ...WORDS.map((w, d) => [String(d), `Num${d}`, w] as const),
  ...WORDS.map((_, d) => [`Numpad${d}`, `Kp${d}`, null] as const),
  ...Array.from({ length: 24 }, (_, i) => [`F${i + 1}`, `F${i + 1}`, i < 12 ? `F${i + 1}` : null] as const),
  ["Enter", "Return", "Return"],
  ["NumpadEnter", "KpReturn", null],
  ["Backspace", "Backspace", "Backspace"],
  ["Tab", "Tab", "Tab"],
  ["Escape", "Escape", "Escape"],
  ["Space", "Space", "Space"],
  ["CapsLock", "CapsLock", "CapsLock"],
  ["PageUp", "PageUp", "PageDown"],
  ["PageDown", "PageDown", "PageUp"],
  ["End", "End", "End"],
  ["Home", "Home", "Home"],
  ["ArrowLeft", "LeftArrow", "Left"],
  ["ArrowUp", "UpArrow", "Up"],
  ["ArrowRight", "RightArrow", "Right"],
  ["ArrowDown", "DownArrow", "Down"],
  ["Insert", "Insert", "Insert"],
  ["Delete", "Delete", "Delete"],
  ["NumpadMultiply", "KpMultiply", "Multiply"],
  ["NumpadAdd", "KpPlus", "Add"],
  ["NumpadSubtract", "KpMinus", "Subtract"],
  ["NumpadDecimal", "KpDecimal", "Decimal"],
  ["NumpadDivide", "KpDivide", "Divide"],
  ["Semicolon", "SemiColon", "SemiColon"],
  ["Equal", "Equal", "Plus"],
  ["Comma", "Comma", "Comma"],
  ["Minus", "Minus", "Minus"],
  ["Period", "Dot", "FullStop"],
  ["Slash", "Slash", "ForwardSlash"],
  ["Backquote", "BackQuote", "Apostrophe"],
  ["BracketLeft", "LeftBracket", "LeftSquareBracket"],
  ["Backslash", "BackSlash", "BackSlash"],
  ["BracketRight", "RightBracket", "RightSquareBracket"],
  ["Quote", "Quote", "Hash"],
  ["Ctrl", "ControlLeft", "LeftCtrl"],
  ["CtrlRight", "ControlRight", "RightCtrl"],
  ["Alt", "Alt", "LeftAlt"],
  ["AltRight", "AltGr", "RightAlt"],
  ["Meta", "MetaLeft", null],
  ["MetaRight", "MetaRight", null],
  ["NumLock", "NumLock", "Numlock"],
  ["ScrollLock", "ScrollLock", null],
  ["PrintScreen", "PrintScreen", "PrintScreen"],
];
/** Shift keys: [uiohook name, rdev name, multiinput name]. */
const SHIFTS: readonly PhysicalKey[] = [
  ["Shift", "ShiftLeft", "Shift"],
  ["ShiftRight", "ShiftRight", "Shift"],
];
/** This project's button numbers and each OS's name for them in the desktop app's log. */
const BUTTONS: Record<Platform, readonly (readonly [number, string])[]> = {
  macos: [
    [1, "Left"],
    [2, "Right"],
    [3, "Middle"],
    [4, "Unknown(3)"],
    [5, "Unknown(4)"],
  ],
  linux: [
    [1, "Left"],
    [2, "Right"],
    [3, "Middle"],
    [4, "Unknown(8)"],
    [5, "Unknown(9)"],
  ],
  windows: [
    [1, "Left"],
    [2, "Right"],
    [3, "Middle"],
    [4, "Button4"],
    [5, "Button5"],
  ],
};

type Step =
  | { kind: "move"; x: number; y: number }
  | { kind: "click"; button: number; holdMs: number }
  | { kind: "wheel"; delta: number }
  | { kind: "key"; key: number }
  | { kind: "shifted"; shift: number; keys: number[] }
  | { kind: "noise"; which: number };

const coordinate = fc.integer({ min: -2_000 * 256, max: 4_000 * 256 }).map((n) => n / 256);
const stepArb = (platform: Platform): fc.Arbitrary<Step> => {
  const keys = keysOf(platform);
  const key = fc.integer({ min: 0, max: keys.length - 1 });
  return fc.oneof(
    fc.record({ kind: fc.constant("move" as const), x: coordinate, y: coordinate }),
    fc.record({
      kind: fc.constant("click" as const),
      button: fc.integer({ min: 0, max: 4 }),
      holdMs: fc.integer({ min: 1, max: 900 }),
    }),
    fc.record({
      kind: fc.constant("wheel" as const),
      delta: fc.oneof(
        fc.constantFrom(-1, 1, -14, 43),
        fc.integer({ min: -120, max: 120 }).map((n) => n / 120),
      ),
    }),
    fc.record({ kind: fc.constant("key" as const), key }),
    fc.record({
      kind: fc.constant("shifted" as const),
      shift: fc.integer({ min: 0, max: 1 }),
      keys: fc.array(key, { maxLength: 5 }),
    }),
    fc.record({ kind: fc.constant("noise" as const), which: fc.integer({ min: 0, max: 5 }) }),
  );
};
const sessionArb = (platform: Platform) =>
  fc.record({
    start: fc.record({ kind: fc.constant("move" as const), x: coordinate, y: coordinate }),
    steps: fc.array(stepArb(platform), { maxLength: 60 }),
    gaps: fc.array(fc.integer({ min: 1, max: 1_500 }), { minLength: 60, maxLength: 60 }),
  });

function keysOf(platform: Platform): PhysicalKey[] {
  return KEYS.filter((k) => platform !== "windows" || k[2] !== null);
}

interface Line {
  readonly event: string;
  readonly data: Record<string, unknown>;
  readonly time: number;
}

/** Both spellings of one session, line by line. */
function write(platform: Platform, session: { start: Step; steps: Step[]; gaps: number[] }) {
  const keys = keysOf(platform);
  const desktopName = (k: PhysicalKey) => (platform === "windows" ? k[2]! : k[1]);
  const ours: Line[] = [];
  const theirs: string[] = [];
  let time = 1_700_000_000_000;
  let x = 0;
  let y = 0;
  let shift = false;
  const both = (event: string, mine: Record<string, unknown>, desktop: Record<string, unknown>) => {
    ours.push({ event, data: mine, time });
    theirs.push(JSON.stringify({ data: desktop, event, time }));
  };
  const press = (k: PhysicalKey, kind: "keydown" | "keyup") => {
    const code = (UiohookKey as Record<string, number>)[k[0]]!;
    both(kind, { ...mapKey(code, { shift }) }, { key: desktopName(k) });
  };
  const noise = (which: number) => {
    const lines: Line[] = [
      { event: "ffmpeg_stderr", data: { output: "frame=  120 fps= 30 q=-1.0 size=    512kB" }, time },
      { event: "axtree", data: { duration: 1200, tree: [{ role: "window", children: {} }] }, time: time - 1_900 },
      { event: "mousedelta", data: { x: -3, y: 7 }, time },
      { event: "joystickaxis", data: { axis: "RX", id: 0, value: -0.003921568627450966 }, time },
      { event: "joystickdown", data: { button: 3, id: 0 }, time },
    ];
    const line = lines[which];
    // Windows alone writes pointer deltas and joysticks; a blank line is what private ranges leave.
    if (!line || (which >= 2 && platform !== "windows")) return theirs.push("");
    theirs.push(JSON.stringify({ data: line.data, event: line.event, time: line.time }));
  };

  both("ffmpeg_stderr", {}, { output: "Press [q] to stop, [?] for help" });
  ours[ours.length - 1] = { event: "sync", data: {}, time };
  const all = [session.start, ...session.steps];
  all.forEach((step, i) => {
    time += session.gaps[i % session.gaps.length]!;
    switch (step.kind) {
      case "move":
        x = step.x;
        y = step.y;
        return both("mousemove", { x, y }, { x, y });
      case "click": {
        const [number, name] = BUTTONS[platform][step.button]!;
        both("mousedown", { x, y, button: number }, { button: name });
        time += step.holdMs;
        return both("mouseup", { x, y, button: number }, { button: name });
      }
      case "wheel":
        return both("mousewheel", { delta: step.delta, x, y }, { delta: step.delta });
      case "key":
        press(keys[step.key]!, "keydown");
        time += 40;
        return press(keys[step.key]!, "keyup");
      case "shifted": {
        const shiftKey = SHIFTS[step.shift]!;
        shift = true;
        press(shiftKey, "keydown");
        for (const k of step.keys) {
          time += 30;
          press(keys[k]!, "keydown");
          press(keys[k]!, "keyup");
        }
        time += 30;
        shift = false;
        return press(shiftKey, "keyup");
      }
      case "noise":
        return noise(step.which);
    }
  });
  return { ours: ours.map((l) => JSON.stringify(l)).join("\n"), theirs: theirs.join("\n") };
}

describe("the desktop app's spelling and this project's", () => {
  it.each(["macos", "linux", "windows"] as const)(
    "GIVEN any session on %s written both ways THEN both parse to the same events, and to the same actions",
    (platform) => {
      const meta = recordingMetaSchema.parse(desktopMetaJson({ platform }));
      const vocabulary = vocabularyOf(meta);
      expect(vocabulary).toBe(platform === "windows" ? "multiinput" : "rdev");
      fc.assert(
        fc.property(sessionArb(platform), (session) => {
          const { ours, theirs } = write(platform, session);
          const mine = parseInputLog(ours);
          const desktop = parseInputLog(theirs, { vocabulary, platform });
          if (!mine.ok || !desktop.ok) throw new Error("a log was refused");
          expect(desktop.value.events).toEqual(mine.value.events);
          expect(desktop.value.summary).toMatchObject({ malformed: 0, unknown: {}, unknownKeys: 0, unknownButtons: 0 });
          expect(extractActions(desktop.value.events, meta, VIDEO)).toEqual(
            extractActions(mine.value.events, meta, VIDEO),
          );
        }),
        { numRuns: 150, seed: 20261130 },
      );
    },
  );

  it("GIVEN the hand-written key list THEN every rdev and multiinput name of it is in core's tables", () => {
    for (const [, rdev, multiinput] of [...KEYS, ...SHIFTS]) {
      expect(Object.hasOwn(RDEV_KEYS, rdev), rdev).toBe(true);
      if (multiinput) expect(Object.hasOwn(MULTIINPUT_KEYS, multiinput), multiinput).toBe(true);
    }
  });

  it("GIVEN keys typed on the desktop app THEN the actions are the typed text and hotkeys this project's recorder gives", () => {
    const line = (event: string, key: string, ms: number) =>
      JSON.stringify({ data: { key }, event, time: 1_700_000_000_000 + ms });
    const presses = [
      "ShiftLeft",
      "KeyH",
      "-ShiftLeft",
      "KeyI",
      "Num1",
      "Unknown(179)",
      "Return",
      "ControlLeft",
      "KeyC",
      "-ControlLeft",
    ];
    const log = presses.map((p, i) =>
      p.startsWith("-") ? line("keyup", p.slice(1), i * 100) : line("keydown", p, i * 100),
    );
    const parsed = parseInputLog(log.join("\n"), { vocabulary: "rdev", platform: "linux" });
    const meta = recordingMetaSchema.parse(desktopMetaJson({ platform: "linux" }));
    const actions = parsed.ok ? extractActions(parsed.value.events, meta, VIDEO) : [];
    expect(actions.map((a) => a.text ?? a.keys)).toEqual(["Hi1", ["Enter"], ["Control", "c"]]);
  });
});
