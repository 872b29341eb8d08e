import { UiohookKey } from "uiohook-napi";
import { describe, expect, it, vi } from "vitest";
import type { FocusedWindow } from "../../../recorder/capture/focus.js";
import type { InputSource, RawInput } from "../../../recorder/capture/input-source.js";
import { RecordingSession } from "../../../recorder/capture/session.js";
import type { InputEvent } from "../../../recorder/recording/events.js";

/** A session on fakes: a clock, scripted input, a settable focused window, counted segments. */
function harness(options: { blocklist?: string[]; maskAll?: boolean } = {}) {
  let clock = 1_000;
  let listener: ((input: RawInput) => void) | null = null;
  const written: InputEvent[] = [];
  const segments: Array<{ path: string; stopped: boolean }> = [];
  const focus: { window: FocusedWindow | null } = { window: null };
  const input: InputSource = { start: (l) => (listener = l), stop: () => (listener = null) };
  const stopRequested = vi.fn();
  const session = new RecordingSession({
    startSegment: async (path) => {
      const segment = { path, stopped: false };
      segments.push(segment);
      return { path, startedAtMs: clock, stop: async () => void (segment.stopped = true) };
    },
    input,
    readFocus: async () => focus.window,
    write: (e) => written.push(e),
    now: () => clock,
    segmentPath: (i) => `seg-${i}.mp4`,
    blocklist: options.blocklist ?? [],
    maskAll: options.maskAll ?? false,
    focusPollMs: 5,
    onStopRequested: stopRequested,
  });
  const key = (keycode: number, extra: Partial<{ shiftKey: boolean; ctrlKey: boolean; altKey: boolean }> = {}) => {
    for (const kind of ["keydown", "keyup"] as const)
      listener?.({ kind, keycode, shiftKey: false, ctrlKey: false, altKey: false, ...extra });
  };
  const down = (keycode: number) =>
    listener?.({ kind: "keydown", keycode, shiftKey: false, ctrlKey: false, altKey: false });
  const click = (x: number, y: number) => {
    listener?.({ kind: "mousedown", x, y, button: 1 });
    listener?.({ kind: "mouseup", x, y, button: 1 });
  };
  return {
    session,
    written,
    segments,
    focus,
    stopRequested,
    key,
    down,
    click,
    tick: (ms: number) => (clock += ms),
    typed: () => written.filter((e) => e.event === "keydown").map((e) => e.data.actual_char ?? e.data.key),
  };
}

describe("a recording session", () => {
  it("GIVEN clicks and typing THEN the log has mouse events with buttons and keys with their characters", async () => {
    const h = harness();
    await h.session.start();
    h.click(100, 200);
    h.key(UiohookKey.H, { shiftKey: true });
    h.key(UiohookKey.I);
    await h.session.stop();
    expect(h.written.slice(0, 2)).toEqual([
      { event: "mousedown", data: { x: 100, y: 200, button: 1 }, time: 1_000 },
      { event: "mouseup", data: { x: 100, y: 200, button: 1 }, time: 1_000 },
    ]);
    expect(h.typed()).toEqual(["H", "i"]);
    expect(h.segments).toEqual([{ path: "seg-0.mp4", stopped: true }]);
  });

  it("GIVEN a pause and a resume THEN input in between is dropped, held modifiers are released and each segment knows when it was asked to end", async () => {
    const h = harness();
    await h.session.start();
    h.key(UiohookKey.A);
    h.down(UiohookKey.Ctrl);
    h.tick(500);
    await h.session.pause("manual");
    h.key(UiohookKey.B);
    h.click(5, 5);
    expect(h.session.status()).toMatchObject({ paused: true, pauseReason: "manual" });
    h.tick(1_500);
    await h.session.resume("manual");
    h.key(UiohookKey.C);
    h.tick(700);
    const result = await h.session.stop();
    expect(h.typed()).toEqual(["a", "Control", "c"]);
    expect(h.written.map((e) => [e.event, e.data.key ?? e.data.reason ?? null])).toEqual([
      ["keydown", "a"],
      ["keyup", "a"],
      ["keydown", "Control"],
      ["keyup", "Control"],
      ["pause", "manual"],
      ["resume", null],
      ["keydown", "c"],
      ["keyup", "c"],
    ]);
    expect(result.segments).toEqual([
      { path: "seg-0.mp4", startedAtMs: 1_000, endRequestedAtMs: 1_500 },
      { path: "seg-1.mp4", startedAtMs: 3_000, endRequestedAtMs: 3_700 },
    ]);
    expect(h.segments.every((s) => s.stopped)).toBe(true);
  });

  it("GIVEN the pause and stop hotkeys THEN they act and are never written", async () => {
    const h = harness();
    await h.session.start();
    h.key(UiohookKey.P, { ctrlKey: true, altKey: true });
    await vi.waitFor(() => expect(h.session.status().paused).toBe(true));
    h.key(UiohookKey.P, { ctrlKey: true, altKey: true });
    await vi.waitFor(() => expect(h.session.status().paused).toBe(false));
    h.key(UiohookKey.S, { ctrlKey: true, altKey: true });
    expect(h.stopRequested).toHaveBeenCalledOnce();
    await h.session.stop();
    expect(h.written.filter((e) => e.event === "keydown")).toEqual([]);
    expect(h.segments).toHaveLength(2);
  });

  it("GIVEN a blocked app takes the focus THEN capture pauses by itself and resumes when it leaves, never naming it", async () => {
    const h = harness({ blocklist: ["keepass"] });
    h.focus.window = { name: "notes.txt - gedit", className: "Gedit" };
    await h.session.start();
    h.key(UiohookKey.A);
    h.focus.window = { name: "db.kdbx", className: "KeePassXC" };
    await vi.waitFor(() => expect(h.session.status()).toMatchObject({ paused: true, pauseReason: "blocked" }));
    h.key(UiohookKey.S);
    h.focus.window = { name: "notes.txt - gedit", className: "Gedit" };
    await vi.waitFor(() => expect(h.session.status().paused).toBe(false));
    h.key(UiohookKey.D);
    await h.session.stop();
    expect(h.typed()).toEqual(["a", "d"]);
    expect(JSON.stringify(h.written)).not.toMatch(/keepass|kdbx/i);
    expect(h.written.filter((e) => e.event === "app_focus").map((e) => e.data.app)).toEqual(["Gedit"]);
    expect(h.written.find((e) => e.event === "pause")?.data).toEqual({ reason: "blocked" });
  });

  it("GIVEN a blocked app focused at start THEN no segment starts until it loses the focus", async () => {
    const h = harness({ blocklist: ["signal"] });
    h.focus.window = { name: "Signal", className: "Signal" };
    await h.session.start();
    h.key(UiohookKey.A);
    expect(h.segments).toHaveLength(0);
    const result = await h.session.stop();
    expect(result.segments).toEqual([]);
    expect(h.written).toEqual([]);
  });

  it("GIVEN a login window THEN printable keys are written as masked and counted, Enter stays readable", async () => {
    const h = harness();
    h.focus.window = { name: "Sign in - Mozilla Firefox", className: "firefox" };
    await h.session.start();
    for (const k of [UiohookKey.S, UiohookKey[3], UiohookKey.Enter]) h.key(k);
    const result = await h.session.stop();
    const keys = h.written.filter((e) => e.event === "keydown" || e.event === "keyup").map((e) => e.data);
    expect(keys).toEqual([
      { key: "masked", actual_char: "*" },
      { key: "masked", actual_char: "*" },
      { key: "masked", actual_char: "*" },
      { key: "masked", actual_char: "*" },
      { key: "Enter" },
      { key: "Enter" },
    ]);
    expect(result.maskedKeys).toBe(2);
    expect(JSON.stringify(h.written)).not.toContain('"s"');
  });

  it("GIVEN --mask-all THEN every printable key is masked wherever the focus is", async () => {
    const h = harness({ maskAll: true });
    await h.session.start();
    h.key(UiohookKey.X);
    const result = await h.session.stop();
    expect(h.typed()).toEqual(["*"]);
    expect(result.maskedKeys).toBe(1);
  });
});
