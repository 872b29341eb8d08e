import { UiohookKey } from "uiohook-napi";
import { describe, expect, it, vi } from "vitest";
import type { FocusedWindow } from "../../../recorder/capture/focus.js";
import type { InputSource, RawInput } from "../../../recorder/capture/input-source.js";
import { NOTIFY_MARGIN_MS, RecordingSession } from "../../../recorder/capture/session.js";
import type { WindowScan } from "../../../recorder/capture/window-scan.js";
import { parseSensitivePattern, sensitivePatterns } from "../../../recorder/capture/sensitive-windows.js";
import { toJsonl, type InputEvent } from "../../../recorder/recording/events.js";
import { parseInputLog } from "../../../core/recordings/input-log.js";
import { collectGestures } from "../../../core/recordings/collect-gestures.js";

/** A session on fakes: a clock, scripted input, a settable focused window, counted segments. */
function harness(
  options: {
    blocklist?: string[];
    maskAll?: boolean;
    sensitive?: string[];
    unreadable?: () => boolean;
    bufferMs?: number;
    scanWindows?: WindowScan;
  } = {},
) {
  let notify: ((observedAtMs: number) => void) | null = null;
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
    readFocus: async () => {
      if (options.unreadable?.()) throw new Error("xdotool is not installed (or not on PATH)");
      return focus.window;
    },
    write: (e) => written.push(e),
    now: () => clock,
    segmentPath: (i) => `seg-${i}.mp4`,
    blocklist: options.blocklist ?? [],
    maskAll: options.maskAll ?? false,
    ...(options.sensitive
      ? {
          sensitive: sensitivePatterns(
            options.sensitive.map((text) => {
              const parsed = parseSensitivePattern(text);
              if (!parsed.ok) throw new Error(parsed.message);
              return parsed.value;
            }),
          ),
        }
      : {}),
    focusPollMs: options.bufferMs === undefined ? 5 : 60_000,
    bufferMs: options.bufferMs ?? 0,
    watchFocus: (onChange) => {
      notify = onChange;
      return { stop: () => (notify = null) };
    },
    onStopRequested: stopRequested,
    ...(options.scanWindows ? { scanWindows: options.scanWindows, windowScanMs: 60_000 } : {}),
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
    /** The window system says focus changed now. */
    notify: () => notify?.(clock),
    keys: () => written.filter((e) => e.event === "keydown" || e.event === "keyup"),
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

  it.each([
    ["Unlock Database - KeePassXC", "KeePassXC"],
    ["Authentication Required", "Polkit-gnome-authentication-agent-1"],
    ["Enter passphrase", "Pinentry-gtk"],
    ["Sign-in - Microsoft account", "firefox"],
    ["Enter PIN", "Gcr-prompter"],
    ["Phantom Wallet", "Google-chrome"],
    ["MetaMask Notification", "Google-chrome"],
  ])(
    "GIVEN %j (%s) has the focus THEN its keys are dropped: one masked press, no key, count or rhythm",
    async (name, className) => {
      const h = harness();
      h.focus.window = { name, className };
      await h.session.start();
      for (const k of [UiohookKey.Shift, UiohookKey.H, UiohookKey[3], UiohookKey.Backspace, UiohookKey.Enter]) {
        h.tick(90);
        h.key(k);
      }
      const result = await h.session.stop();
      expect(h.keys()).toEqual([{ event: "keydown", data: { key: "masked", actual_char: "*" }, time: 1_090 }]);
      expect(result.maskedKeys).toBe(1);
      expect(JSON.stringify(h.written)).not.toMatch(/Shift|Backspace|Enter|"h"|"3"/);
    },
  );

  it("GIVEN focus moves from an editor to a login page and back THEN each stretch is told apart, held modifiers released", async () => {
    const h = harness();
    h.focus.window = { name: "notes.txt - gedit", className: "Gedit" };
    await h.session.start();
    h.key(UiohookKey.A);
    h.down(UiohookKey.Alt);
    h.focus.window = { name: "Login - MyBank", className: "firefox" };
    await vi.waitFor(() => expect(h.keys().some((e) => e.event === "keyup" && e.data.key === "Alt")).toBe(true));
    for (const k of [UiohookKey.H, UiohookKey.U, UiohookKey.N]) h.key(k);
    h.focus.window = { name: "notes.txt - gedit", className: "Gedit" };
    await vi.waitFor(() => expect(h.session.status().app).toBe("Gedit"));
    h.key(UiohookKey.B);
    h.focus.window = { name: "Enter PIN", className: "Gcr-prompter" };
    await vi.waitFor(() => expect(h.session.status().app).toBe("Gcr-prompter"));
    h.key(UiohookKey[1]);
    h.key(UiohookKey[2]);
    const result = await h.session.stop();
    expect(h.keys().map((e) => [e.event, e.data.actual_char ?? e.data.key])).toEqual([
      ["keydown", "a"],
      ["keyup", "a"],
      ["keydown", "Alt"],
      ["keyup", "Alt"],
      ["keydown", "*"],
      ["keydown", "b"],
      ["keyup", "b"],
      ["keydown", "*"],
    ]);
    expect(result.maskedKeys).toBe(2);
    expect(JSON.stringify(h.written)).not.toContain("MyBank");
  });

  it("GIVEN a user pattern THEN keys in a window matching it are dropped too", async () => {
    const h = harness({ sensitive: ["title:/^acme sso\\b/"] });
    h.focus.window = { name: "ACME SSO - Chromium", className: "Chromium" };
    await h.session.start();
    h.key(UiohookKey.Q);
    h.key(UiohookKey.W);
    await h.session.stop();
    expect(h.keys().map((e) => e.data)).toEqual([{ key: "masked", actual_char: "*" }]);
  });

  it("GIVEN focus becomes unreadable mid-recording THEN it fails closed: blocked apps pause capture, keys are dropped", async () => {
    let broken = false;
    const h = harness({ blocklist: ["signal"], unreadable: () => broken });
    h.focus.window = { name: "notes.txt - gedit", className: "Gedit" };
    await h.session.start();
    h.key(UiohookKey.A);
    broken = true;
    await vi.waitFor(() => expect(h.session.status()).toMatchObject({ paused: true, pauseReason: "blocked" }));
    h.key(UiohookKey.B);
    await h.session.stop();
    expect(h.typed()).toEqual(["a"]);

    const unblocked = harness({ unreadable: () => broken });
    await unblocked.session.start();
    unblocked.key(UiohookKey.C);
    unblocked.key(UiohookKey.D);
    await unblocked.session.stop();
    expect(unblocked.keys().map((e) => e.data)).toEqual([{ key: "masked", actual_char: "*" }]);
  });

  it("GIVEN --mask-all THEN every printable key is masked wherever the focus is", async () => {
    const h = harness({ maskAll: true });
    await h.session.start();
    h.key(UiohookKey.X);
    const result = await h.session.stop();
    expect(h.typed()).toEqual(["*"]);
    expect(result.maskedKeys).toBe(1);
  });

  it("GIVEN --mask-all THEN Shift, Backspace, Enter and modifiers lose their identity too", async () => {
    const h = harness({ maskAll: true });
    h.focus.window = { name: "notes.txt - gedit", className: "Gedit" };
    await h.session.start();
    h.down(UiohookKey.Shift);
    h.key(UiohookKey.H, { shiftKey: true });
    h.key(UiohookKey.Backspace);
    h.key(UiohookKey.Enter);
    h.down(UiohookKey.Ctrl);
    await h.session.pause("manual");
    await h.session.stop();
    const keys = h.keys();
    expect(keys).toHaveLength(8);
    expect(new Set(keys.map((e) => JSON.stringify(e.data)))).toEqual(
      new Set([JSON.stringify({ key: "masked", actual_char: "*" })]),
    );
    expect(JSON.stringify(h.written)).not.toMatch(/Shift|Backspace|Enter|Control|"h"|"H"/);
  });

  it("GIVEN the masked events produced THEN the server's parser accepts the log and reads a masked typing", async () => {
    const h = harness();
    h.focus.window = { name: "notes.txt - gedit", className: "Gedit" };
    await h.session.start();
    h.click(10, 10);
    h.key(UiohookKey.A);
    h.focus.window = { name: "Unlock Database - KeePassXC", className: "KeePassXC" };
    await vi.waitFor(() => expect(h.session.status().app).toBe("KeePassXC"));
    h.tick(2_000);
    h.key(UiohookKey.S);
    h.key(UiohookKey.Enter);
    await h.session.stop();
    const masked = harness({ maskAll: true });
    await masked.session.start();
    masked.key(UiohookKey.Shift);
    masked.key(UiohookKey.Enter);
    await masked.session.stop();

    for (const log of [h.written, masked.written]) {
      const parsed = parseInputLog(toJsonl(log));
      if (!parsed.ok) throw new Error(parsed.reason);
      expect(parsed.value.summary).toMatchObject({ malformed: 0, unknownKeys: 0, unknown: {} });
      expect(parsed.value.events).toHaveLength(log.length);
    }
    const parsed = parseInputLog(toJsonl(h.written));
    const gestures = parsed.ok ? collectGestures(parsed.value.events) : [];
    expect(gestures.filter((g) => g.kind === "type").map((g) => g.text)).toEqual(["a", "*"]);
    expect(gestures.some((g) => g.kind === "hotkey")).toBe(false);
  });
});

describe("a recording session's delay buffer", () => {
  const editor = { name: "notes.txt - gedit", className: "Gedit" };

  it("GIVEN keys typed into a KeePassXC window before its focus is read THEN they are replaced by one masked press", async () => {
    const h = harness({ bufferMs: 400 });
    h.focus.window = editor;
    await h.session.start();
    h.key(UiohookKey.A);
    h.down(UiohookKey.Ctrl);
    h.tick(200);
    h.focus.window = { name: "Unlock Database - KeePassXC", className: "KeePassXC" };
    h.key(UiohookKey.Ctrl);
    h.key(UiohookKey.S);
    h.tick(30);
    h.notify();
    await vi.waitFor(() => expect(h.session.status().app).toBe("KeePassXC"));
    h.key(UiohookKey.E);
    const result = await h.session.stop();
    expect(h.keys().map((e) => [e.event, e.data.actual_char ?? e.data.key, e.time])).toEqual([
      ["keydown", "a", 1_000],
      ["keyup", "a", 1_000],
      ["keydown", "Control", 1_000],
      ["keyup", "Control", 1_200],
      ["keydown", "*", 1_200],
    ]);
    expect(result.maskedKeys).toBe(1);
  });

  it("GIVEN input into a blocked app before its focus is read THEN all of it is dropped and capture pauses", async () => {
    const h = harness({ bufferMs: 400, blocklist: ["signal"] });
    h.focus.window = editor;
    await h.session.start();
    h.key(UiohookKey.A);
    h.tick(200);
    h.focus.window = { name: "Signal", className: "Signal" };
    h.click(3, 4);
    h.key(UiohookKey.B);
    h.tick(30);
    h.notify();
    await vi.waitFor(() => expect(h.session.status().pauseReason).toBe("blocked"));
    await h.session.stop();
    expect(h.typed()).toEqual(["a"]);
    expect(h.written.filter((e) => e.event === "mousedown")).toEqual([]);
    expect(JSON.stringify(h.written)).not.toMatch(/signal/i);
  });

  it("GIVEN a switch just before the stop, not yet noticed THEN the stop reads focus once more before writing", async () => {
    const h = harness({ bufferMs: 400 });
    h.focus.window = editor;
    await h.session.start();
    h.tick(100);
    h.key(UiohookKey.A);
    h.focus.window = { name: "Enter PIN", className: "Gcr-prompter" };
    h.key(UiohookKey[1]);
    await h.session.stop();
    expect(h.keys().map((e) => e.data)).toEqual([{ key: "masked", actual_char: "*" }]);
  });

  it("GIVEN typing in an allowed window THEN it waits in the buffer and is written once old enough", async () => {
    const h = harness({ bufferMs: 400 });
    h.focus.window = editor;
    await h.session.start();
    h.tick(10);
    h.key(UiohookKey.A);
    await new Promise((done) => setTimeout(done, 120));
    expect(h.keys()).toEqual([]);
    h.tick(500);
    h.notify();
    await vi.waitFor(() => expect(h.typed()).toEqual(["a"]));
    await h.session.stop();
  });
});

describe("what a recording session keeps out of the video", () => {
  const editor = { name: "notes.txt - gedit", className: "Gedit" };

  it("GIVEN focus on a KeePassXC window, then back THEN the whole screen is blacked out from the notified change until focus is read on the editor", async () => {
    const h = harness({ bufferMs: 400 });
    h.focus.window = editor;
    await h.session.start();
    h.tick(200);
    h.focus.window = { name: "Unlock Database - KeePassXC", className: "KeePassXC" };
    h.tick(30);
    h.notify();
    await vi.waitFor(() => expect(h.session.status().app).toBe("KeePassXC"));
    h.tick(1_000);
    h.focus.window = editor;
    h.notify();
    await vi.waitFor(() => expect(h.session.status().app).toBe("Gedit"));
    h.tick(500);
    const { redactions } = await h.session.stop();
    expect(redactions).toEqual([{ fromMs: 1_230 - NOTIFY_MARGIN_MS, toMs: 2_230, rect: null }]);
  });

  it("GIVEN a blocked app focused until the stop THEN the whole screen is blacked out from the change to the end", async () => {
    const h = harness({ bufferMs: 400, blocklist: ["signal"] });
    h.focus.window = editor;
    await h.session.start();
    h.tick(300);
    h.focus.window = { name: "Signal", className: "Signal" };
    h.notify();
    await vi.waitFor(() => expect(h.session.status().pauseReason).toBe("blocked"));
    h.tick(700);
    const { redactions } = await h.session.stop();
    expect(redactions).toEqual([{ fromMs: 1_300 - NOTIFY_MARGIN_MS, toMs: 2_000, rect: null }]);
  });

  it("GIVEN a blocked app visible beside the focused editor THEN its window is blacked out from the first scan, and a failed scan blacks out everything", async () => {
    const signal = { id: "42", rect: { x: 600, y: 100, width: 300, height: 200 } };
    let failNext = false;
    const h = harness({
      blocklist: ["signal"],
      scanWindows: () => {
        if (failNext) return Promise.reject(new Error("xdotool: cannot open display"));
        return Promise.resolve([signal]);
      },
    });
    h.focus.window = editor;
    await h.session.start();
    h.tick(1_000);
    failNext = true;
    const { redactions } = await h.session.stop();
    expect(redactions).toContainEqual({ fromMs: 1_000, toMs: 2_000, rect: null });
    expect(redactions.filter((r) => r.rect !== null)).toEqual([{ fromMs: 1_000, toMs: 1_000, rect: signal.rect }]);
    expect(JSON.stringify(h.written)).not.toMatch(/signal/i);
  });
});
