import { describe, expect, it } from "vitest";
import { extractActions } from "../../../core/recordings/extract-actions.js";
import type { InputEvent } from "../../../core/recordings/input-log.js";
import { recordingMetaSchema } from "../../../core/recordings/meta.js";
import { click, desktopMetaJson, ev, meta, T0, typing, VIDEO } from "./builders.js";

const actions = (events: InputEvent[], m = meta(), video = VIDEO) => extractActions(events, m, video);
const kinds = (events: InputEvent[]) => actions(events).map((a) => a.kind);

describe("clicks and drags", () => {
  it.each([
    ["held 80 ms, no drift", 80, 0, "click"],
    ["released 5 px away", 80, 5, "click"],
    ["released 6 px away", 80, 6, "drag"],
    ["held exactly 500 ms", 500, 0, "click"],
    ["held 501 ms", 501, 0, "drag"],
  ])("GIVEN a left press %s THEN it is a %s", (_name, hold, drift, kind) => {
    expect(kinds(click(1000, 100, 100, hold, drift))).toEqual([kind]);
  });

  it("GIVEN a drag THEN it starts at the press and ends at the release, in video pixels", () => {
    expect(actions([ev.down(1000, 100, 100), ev.move(1100, 200, 150), ev.up(1300, 300, 200)])).toEqual([
      { kind: "drag", atMs: 1000, frameMs: 1000, x: 100, y: 100, toX: 300, toY: 200 },
    ]);
  });

  it("GIVEN a right-button click THEN a right_click", () => {
    expect(actions(click(1000, 50, 60, 80, 0, 2))).toEqual([
      { kind: "right_click", atMs: 1000, frameMs: 1000, x: 50, y: 60 },
    ]);
  });

  it("GIVEN a middle-button click or a release without a press THEN no action", () => {
    expect(kinds([...click(1000, 50, 60, 80, 0, 3), ev.up(2000, 1, 1)])).toEqual([]);
  });

  it.each([
    ["presses 300 ms apart at the same spot", 300, 0, ["double_click"]],
    ["presses 500 ms apart", 500, 0, ["double_click"]],
    ["presses 501 ms apart", 501, 0, ["click", "click"]],
    ["presses 4 px apart", 300, 4, ["double_click"]],
    ["presses 6 px apart", 300, 6, ["click", "click"]],
  ])("GIVEN two left clicks with %s THEN %j", (_name, gap, dx, expected) => {
    expect(kinds([...click(1000, 100, 100), ...click(1000 + gap, 100 + dx, 100)])).toEqual(expected);
  });

  it("GIVEN a double click THEN it sits at the first click's time and place", () => {
    expect(actions([...click(1000, 100, 100), ...click(1200, 102, 101)])).toEqual([
      { kind: "double_click", atMs: 1000, frameMs: 1000, x: 100, y: 100 },
    ]);
  });

  it("GIVEN three quick clicks THEN a double click then a click", () => {
    expect(kinds([...click(1000, 100, 100), ...click(1200, 100, 100), ...click(1400, 100, 100)])).toEqual([
      "double_click",
      "click",
    ]);
  });
});

describe("typing", () => {
  it("GIVEN keystrokes 100 ms apart THEN one type action with the text, at the first keystroke", () => {
    expect(actions(typing(2000, "Hi there"))).toEqual([{ kind: "type", atMs: 2000, frameMs: 2000, text: "Hi there" }]);
  });

  it.each([
    [999, ["ab"]],
    [1000, ["a", "b"]],
  ])("GIVEN a %i ms pause between two keystrokes THEN %j", (gap, texts) => {
    const typed = actions([ev.key(0, "a", "a"), ev.key(gap, "b", "b")]);
    expect(typed.map((a) => a.text)).toEqual(texts);
  });

  it("GIVEN Backspace inside a run THEN it removes the last typed character", () => {
    const events = [...typing(0, "helo"), ev.key(500, "Backspace"), ...typing(600, "lo")];
    expect(actions(events).map((a) => a.text)).toEqual(["hello"]);
  });

  it("GIVEN Backspace with nothing typed THEN it is a key press of its own", () => {
    expect(actions([ev.key(1000, "Backspace")])).toEqual([
      { kind: "hotkey", atMs: 1000, frameMs: 1000, keys: ["Backspace"] },
    ]);
  });

  it("GIVEN Enter after typing THEN the run ends and Enter follows as its own key", () => {
    const events = [...typing(0, "ls"), ev.key(300, "Return", "\r"), ...typing(400, "pwd")];
    expect(actions(events).map((a) => a.text ?? a.keys)).toEqual(["ls", ["Enter"], "pwd"]);
  });

  it("GIVEN Shift held for capitals and punctuation THEN they are typed text, not hotkeys", () => {
    const events = [ev.key(0, "ShiftLeft"), ev.key(50, "h", "H"), ev.keyUp(80, "ShiftLeft"), ev.key(100, "i", "i")];
    expect(actions(events).map((a) => a.text)).toEqual(["Hi"]);
  });

  it("GIVEN masked keystrokes THEN they stay * in the text", () => {
    const events = [...typing(0, "pw"), ev.key(200, "masked", "*"), ev.key(300, "masked", "*")];
    expect(actions(events).map((a) => a.text)).toEqual(["pw**"]);
  });

  it("GIVEN typing then a click THEN the click ends the run", () => {
    const events = [ev.key(0, "a", "a"), ...click(200, 10, 10), ev.key(400, "b", "b")];
    expect(actions(events).map((a) => a.text ?? a.kind)).toEqual(["a", "click", "b"]);
  });
});

describe("hotkeys", () => {
  it("GIVEN Control then Shift held and t pressed THEN hotkey [Control, Shift, t] in press order", () => {
    const events = [ev.key(0, "ControlLeft"), ev.key(50, "ShiftLeft"), ev.key(100, "T", "T")];
    expect(actions(events)).toEqual([{ kind: "hotkey", atMs: 100, frameMs: 100, keys: ["Control", "Shift", "t"] }]);
  });

  it("GIVEN Shift held and Control pressed after it THEN the order is [Shift, Control, …]", () => {
    const events = [ev.key(0, "Shift"), ev.key(50, "Control"), ev.key(100, "z")];
    expect(actions(events).map((a) => a.keys)).toEqual([["Shift", "Control", "z"]]);
  });

  it("GIVEN Shift with a non-character key THEN a hotkey; Shift with a letter THEN text", () => {
    const events = [ev.key(0, "Shift"), ev.key(100, "Tab"), ev.key(200, "a", "A")];
    expect(actions(events).map((a) => a.keys ?? a.text)).toEqual([["Shift", "Tab"], "A"]);
  });

  it("GIVEN Control released before the next key THEN that key is typed text again", () => {
    const events = [ev.key(0, "Control"), ev.key(50, "c"), ev.keyUp(80, "Control"), ev.key(200, "x", "x")];
    expect(actions(events).map((a) => a.keys ?? a.text)).toEqual([["Control", "c"], "x"]);
  });

  it("GIVEN a lone modifier tap or Caps Lock THEN no action", () => {
    expect(kinds([ev.key(0, "Control"), ev.keyUp(50, "Control"), ev.key(100, "CapsLock")])).toEqual([]);
  });
});

describe("scrolls and app focus", () => {
  it("GIVEN wheel events less than 1 s apart THEN one scroll with the summed delta at the pointer", () => {
    const events = [ev.move(0, 400, 300), ev.wheel(1000, -3), ev.wheel(1500, -3), ev.wheel(2400, 1)];
    expect(actions(events)).toEqual([{ kind: "scroll", atMs: 1000, frameMs: 1000, delta: -5, x: 400, y: 300 }]);
  });

  it("GIVEN a 1 s gap between wheel events THEN two scrolls", () => {
    const events = [ev.wheel(1000, 2, 10, 10), ev.wheel(2000, 3, 10, 10)];
    expect(actions(events).map((a) => a.delta)).toEqual([2, 3]);
  });

  it("GIVEN focus changes, one repeated THEN one app_focus per change", () => {
    const events = [ev.focus(0, "Files"), ev.focus(500, "Files"), ev.focus(900, "Firefox")];
    expect(actions(events).map((a) => [a.kind, a.app])).toEqual([
      ["app_focus", "Files"],
      ["app_focus", "Firefox"],
    ]);
  });
});

describe("placing actions on the video", () => {
  it("GIVEN a sync marker THEN video time is event time minus the video start", () => {
    const m = meta({ sync: { video_start_ms: T0 - 2000 } });
    expect(actions(click(1000, 10, 10), m)[0]?.atMs).toBe(3000);
  });

  it("GIVEN no sync marker THEN video time 0 is the first event", () => {
    const m = meta({ sync: undefined });
    expect(actions([ev.move(500, 0, 0), ...click(1500, 10, 10)], m)[0]?.atMs).toBe(1000);
  });

  it("GIVEN a pause of 4 s before the click THEN the click moves 4 s earlier in the video", () => {
    const m = meta({ pauses: [{ start_ms: T0 + 1000, end_ms: T0 + 5000 }] });
    expect(actions(click(6000, 10, 10), m)[0]?.atMs).toBe(2000);
  });

  it("GIVEN pause/resume events in the log and no pauses in meta THEN the log's pauses apply", () => {
    const events: InputEvent[] = [
      { event: "pause", time: T0 + 1000 },
      { event: "resume", time: T0 + 5000 },
      ...click(6000, 10, 10),
    ];
    expect(actions(events).map((a) => a.atMs)).toEqual([2000]);
  });

  it("GIVEN a 30 fps video THEN the keyframe is the last frame at or before the action", () => {
    const video = { ...VIDEO, fps: 30 };
    const [a] = actions(click(1010, 10, 10), meta(), video);
    expect(a?.frameMs).toBe(1000);
    const [b] = actions(click(1050, 10, 10), meta(), video);
    expect(b?.frameMs).toBeCloseTo(1033.333, 3);
  });

  it("GIVEN an action after the video's end THEN it is clamped to the video and its keyframe is the last frame", () => {
    const [a] = actions(click(70_000, 10, 10));
    expect(a).toMatchObject({ atMs: 60_000, frameMs: 59_900 });
  });

  it("GIVEN scale factor 2 and a 2560×1440 physical monitor captured into 1280×720 THEN logical px map 1:1", () => {
    const m = meta({ scale_factor: 2, primary_monitor: { width: 2560, height: 1440 } });
    expect(actions(click(0, 640, 360), m)[0]).toMatchObject({ x: 640, y: 360 });
  });

  it("GIVEN scale factor 2 and the capture at full physical size THEN logical px double", () => {
    const m = meta({ scale_factor: 2, primary_monitor: { width: 2560, height: 1440 } });
    const video = { ...VIDEO, width: 2560, height: 1440 };
    expect(actions(click(0, 640, 360), m, video)[0]).toMatchObject({ x: 1280, y: 720 });
  });

  it("GIVEN the video captured a second monitor at x=1920 THEN its origin is subtracted and sizes scale", () => {
    const m = meta({
      video: { width: 1280, height: 720, fps: 10, source: { x: 1920, y: 0, width: 2560, height: 1440 } },
    });
    expect(actions(click(0, 1920 + 1280, 720), m)[0]).toMatchObject({ x: 640, y: 360 });
  });

  it("GIVEN a click outside the captured region THEN it is clamped into the frame", () => {
    expect(actions(click(0, -50, 5000))[0]).toMatchObject({ x: 0, y: 719 });
  });

  it("GIVEN events logged out of order THEN actions come out as if they were in order", () => {
    const ordered = [...typing(0, "abc"), ...click(2000, 10, 10)];
    const shuffled = [ordered[4]!, ...ordered.slice(5), ...ordered.slice(0, 4)];
    expect(actions(shuffled)).toEqual(actions(ordered));
  });
});

describe("placing the desktop app's actions on the video", () => {
  const desktop = (timestamp: string) => recordingMetaSchema.parse(desktopMetaJson({ timestamp, platform: "linux" }));

  it("GIVEN ffmpeg's start in its log (a sync event) THEN video time is counted from it", () => {
    const m = desktop(new Date(T0 - 1500).toISOString());
    const actions = extractActions([{ event: "sync", time: T0 }, ...click(3000, 10, 10)], m, VIDEO);
    expect(actions[0]).toMatchObject({ kind: "click", atMs: 3000 });
  });

  it("GIVEN no ffmpeg start in its log THEN video time is counted from meta's timestamp, not the first input", () => {
    const m = desktop(new Date(T0 - 1500).toISOString());
    expect(extractActions(click(3000, 10, 10), m, VIDEO)[0]).toMatchObject({ kind: "click", atMs: 4500 });
  });
});
