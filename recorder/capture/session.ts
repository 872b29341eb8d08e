import type { InputEvent } from "../recording/events.js";
import { decideFocus, unreadableFocus, type FocusDecision, type FocusedWindow } from "./focus.js";
import type { FocusReader } from "./focus-reader.js";
import type { FocusWatch } from "./focus-watch.js";
import type { InputSource, RawInput } from "./input-source.js";
import { HOTKEY_PAUSE, HOTKEY_STOP } from "./hotkeys.js";
import { isModifier, mapButton, mapKey } from "./key-map.js";
import { RedactionLog, type Redaction } from "./redaction.js";
import type { SensitivePattern } from "./sensitive-windows.js";
import type { RunningSegment, StartSegment } from "./screen-capture.js";
import type { WindowScan } from "./window-scan.js";

export interface SessionDeps {
  readonly startSegment: StartSegment;
  readonly input: InputSource;
  readonly readFocus: FocusReader;
  /** Focus change notifications; without them a change is only seen at the next poll. */
  readonly watchFocus?: FocusWatch;
  readonly write: (event: InputEvent) => void;
  readonly now: () => number;
  readonly segmentPath: (index: number) => string;
  readonly blocklist: readonly string[];
  readonly maskAll: boolean;
  /** Sensitive-window patterns (built-in and the user's); the built-in ones when absent. */
  readonly sensitive?: readonly SensitivePattern[];
  readonly focusPollMs?: number;
  /** How long events wait before they are written; BUFFER_MS when absent (0 writes at once). */
  readonly bufferMs?: number;
  /** Called when the stop hotkey is pressed. */
  readonly onStopRequested?: () => void;
  /** Where the blocked apps' visible windows are; absent when nothing is blocked. */
  readonly scanWindows?: WindowScan;
  readonly windowScanMs?: number;
}

export interface SegmentInfo {
  readonly path: string;
  readonly startedAtMs: number;
  /**
   * When capture was asked to end this segment. ffmpeg takes a moment to stop, so the file
   * runs longer; the tail is cut (a blocked app must not show up in it).
   */
  readonly endRequestedAtMs?: number;
}

export interface SessionStatus {
  readonly paused: boolean;
  readonly pauseReason: string | null;
  readonly events: number;
  /** Masked key presses written: one per --mask-all key, one per sensitive-window stretch. */
  readonly maskedKeys: number;
  readonly app: string | null;
}

/** What a masked key press is written as: no key, no character, nothing to count or time. */
export const MASKED_KEY = { key: "masked", actual_char: "*" } as const;

/**
 * How long an event waits before it is written: long enough for a focus change notification
 * and the focus read it triggers (tens of ms with xprop and xdotool, a few hundred on a loaded
 * machine) to arrive, so the keys typed into a blocked or sensitive window in between are
 * removed before they reach the log.
 */
export const BUFFER_MS = 600;

/**
 * A notification is observed some time after the change: the window manager, the X server,
 * xprop and the pipe, each of which a busy machine can delay by tens of milliseconds (50 ms was
 * too little under load: a key typed right after a switch to KeePassXC was kept). Events this
 * much before it are treated as typed after the change, so keys typed in the last moments
 * before switching to a sensitive window are masked too: privacy errs on the side of masking.
 */
export const NOTIFY_MARGIN_MS = 200;

const FLUSH_EVERY_MS = 50;
/** How often the blocked apps' windows are looked for (each scan is one xdotool process). */
export const WINDOW_SCAN_MS = 250;
const INPUT_EVENTS = new Set(["keydown", "keyup", "mousedown", "mouseup", "mousemove", "mousewheel"]);

/**
 * One recording: an ffmpeg segment per unpaused span, input events written as they come,
 * the focused window polled to enforce the blocklist and masking. Pausing (hotkey or a
 * blocked app) ends the current segment and drops events until the next segment has its
 * first frame, so the video never shows what the events do not describe. Keys typed while
 * a sensitive window has the focus are dropped: one masked key press stands for the whole
 * focus stretch. When focus cannot be read, the session fails closed (blocked, sensitive).
 */
export class RecordingSession {
  private readonly segments: SegmentInfo[] = [];
  private current: RunningSegment | null = null;
  private readonly pauseReasons = new Set<string>();
  private capturing = false;
  private stopped = false;
  private queue: Promise<void> = Promise.resolve();
  private focus: FocusDecision = { app: null, blockedBy: null, sensitiveBy: null, mask: false };
  /** The sensitive window of the current focus stretch (class and title), or null. */
  private stretch: string | null = null;
  private stretchWritten = false;
  private poller: ReturnType<typeof setInterval> | null = null;
  private scanner: ReturnType<typeof setInterval> | null = null;
  private scanning: Promise<void> | null = null;
  /** What the video must not show: blocked apps' windows, blocked or sensitive focus. */
  private readonly redactions = new RedactionLog();
  private flusher: ReturnType<typeof setInterval> | null = null;
  private watcher: { stop(): void } | null = null;
  /** The focus read in progress, which runs again while notifications are pending. */
  private reading: Promise<void> | null = null;
  /** The earliest change notified and not yet read. */
  private notifiedAt: number | null = null;
  /** Where the read in progress may redact from: nothing from there is written meanwhile. */
  private holdFrom: number | null = null;
  private lastReadAt: number | null = null;
  /** Events waiting BUFFER_MS before they are written, in order. */
  private buffer: InputEvent[] = [];
  private events = 0;
  private maskedKeys = 0;
  private shift = false;
  private writtenApp: string | null = null;
  private endRequestedAt: number | null = null;
  /** Modifiers whose keydown was written and keyup not yet: released in the log on pause. */
  private readonly held = new Set<string>();
  /** The modifiers held when each buffered event was emitted. */
  private readonly heldBefore = new WeakMap<InputEvent, readonly string[]>();

  constructor(private readonly deps: SessionDeps) {
    this.focus = decideFocus(null, deps);
  }

  /** Starts capture (paused at once if a blocked app has the focus). */
  async start(): Promise<void> {
    await Promise.all([this.pollFocus(), this.scanWindows()]);
    if (this.pauseReasons.size === 0) await this.openSegment();
    if (this.deps.scanWindows)
      this.scanner = setInterval(() => void this.scanWindows(), this.deps.windowScanMs ?? WINDOW_SCAN_MS);
    this.watcher = this.deps.watchFocus?.((at) => this.onFocusChanged(at)) ?? null;
    this.deps.input.start((input) => this.onInput(input));
    this.poller = setInterval(() => void this.pollFocus(), this.deps.focusPollMs ?? 500);
    this.flusher = setInterval(() => this.flush(false), FLUSH_EVERY_MS);
  }

  status(): SessionStatus {
    const [reason] = this.pauseReasons;
    return {
      paused: !this.capturing,
      pauseReason: reason ?? null,
      events: this.events,
      maskedKeys: this.maskedKeys,
      app: this.focus.app,
    };
  }

  /** Toggles a manual pause. */
  togglePause(): Promise<void> {
    return this.pauseReasons.has("manual") ? this.resume("manual") : this.pause("manual");
  }

  pause(reason: string): Promise<void> {
    if (this.stopped || this.pauseReasons.has(reason)) return this.queue;
    const wasCapturing = this.pauseReasons.size === 0;
    this.pauseReasons.add(reason);
    if (!wasCapturing) return this.queue;
    // Stop writing at once; the segment's end is measured from the video itself later.
    if (this.capturing) {
      this.endRequestedAt = this.deps.now();
      this.releaseHeld();
      this.emit({ event: "pause", data: { reason }, time: this.deps.now() });
    }
    this.stretchWritten = false;
    this.capturing = false;
    return this.enqueue(() => this.closeSegment());
  }

  resume(reason: string): Promise<void> {
    if (this.stopped || !this.pauseReasons.delete(reason) || this.pauseReasons.size > 0) return this.queue;
    return this.enqueue(() => this.openSegment());
  }

  /**
   * Stops input, polling and ffmpeg; returns the segments in order and what their video must
   * not show (to be blacked out before anything leaves the machine).
   */
  async stop(): Promise<{ segments: SegmentInfo[]; maskedKeys: number; events: number; redactions: Redaction[] }> {
    this.watcher?.stop();
    if (this.poller) clearInterval(this.poller);
    if (this.scanner) clearInterval(this.scanner);
    this.deps.input.stop();
    // One last read: a change just before the stop still redacts the buffer before it is written.
    if (this.reading) await this.reading;
    await this.pollFocus();
    if (this.capturing) {
      this.endRequestedAt = this.deps.now();
      this.releaseHeld();
    }
    this.stopped = true;
    this.capturing = false;
    await this.enqueue(() => this.closeSegment());
    if (this.flusher) clearInterval(this.flusher);
    this.flush(true);
    if (this.scanning) await this.scanning;
    await this.scanWindows(true);
    const redactions = this.redactions.finish(this.deps.now());
    return { segments: [...this.segments], maskedKeys: this.maskedKeys, events: this.events, redactions };
  }

  /** One scan for the blocked apps' windows, unless one is running (a failed scan is logged as such). */
  private scanWindows(last = false): Promise<void> {
    const scan = this.deps.scanWindows;
    if (!scan || (this.stopped && !last)) return Promise.resolve();
    this.scanning ??= (async () => {
      const startedAt = this.deps.now();
      const windows = await scan().catch(() => null);
      this.redactions.scanned(startedAt, this.deps.now(), windows);
    })().finally(() => (this.scanning = null));
    return this.scanning;
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step, step);
    return this.queue;
  }

  private async openSegment(): Promise<void> {
    if (this.stopped || this.current) return;
    const segment = await this.deps.startSegment(this.deps.segmentPath(this.segments.length));
    this.current = segment;
    this.segments.push({ path: segment.path, startedAtMs: segment.startedAtMs });
    if (this.segments.length > 1) this.emit({ event: "resume", data: {}, time: segment.startedAtMs });
    // A pause asked while ffmpeg was starting wins.
    if (this.pauseReasons.size === 0 && !this.stopped) this.capturing = true;
    else await this.closeSegment();
  }

  private async closeSegment(): Promise<void> {
    const segment = this.current;
    this.current = null;
    if (!segment) return;
    const last = this.segments.length - 1;
    const info = this.segments[last];
    if (info) this.segments[last] = { ...info, endRequestedAtMs: this.endRequestedAt ?? this.deps.now() };
    this.endRequestedAt = null;
    await segment.stop();
  }

  private onFocusChanged(observedAtMs: number): void {
    if (this.stopped) return;
    this.notifiedAt = Math.min(this.notifiedAt ?? observedAtMs, observedAtMs);
    void this.pollFocus();
  }

  /** Reads the focus now, or joins the read in progress (which reads again if notified). */
  private pollFocus(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.reading ??= (async () => {
      try {
        do await this.readFocusOnce();
        while (this.notifiedAt !== null && !this.stopped);
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }

  /**
   * One read of the focused window. On a change into a blocked or sensitive window, the
   * buffer is redacted from the notified moment (minus NOTIFY_MARGIN_MS), or, for a change
   * only seen by polling, from the previous read.
   */
  private async readFocusOnce(): Promise<void> {
    const notified = this.notifiedAt;
    this.notifiedAt = null;
    const since = notified !== null ? notified - NOTIFY_MARGIN_MS : this.lastReadAt;
    this.holdFrom = since;
    const readAt = this.deps.now();
    this.lastReadAt = readAt;
    try {
      let window: FocusedWindow | null = null;
      let readable = true;
      try {
        window = await this.deps.readFocus();
      } catch {
        readable = false;
      }
      const next = readable ? decideFocus(window, this.deps) : unreadableFocus(this.deps);
      // The video is blacked out from the moment the change may have happened until focus is
      // read on an ordinary window again.
      if (next.blockedBy || next.sensitiveBy) this.redactions.focusHidden(since ?? readAt);
      else this.redactions.focusShown(this.deps.now());
      const stretch = next.sensitiveBy && window ? `${window.className}\n${window.name}` : next.sensitiveBy;
      const changed = stretch !== this.stretch || (next.blockedBy !== null && this.focus.blockedBy === null);
      this.focus = next;
      this.enterStretch(stretch);
      if (since !== null && (changed || notified !== null) && (next.blockedBy || next.sensitiveBy))
        this.redactSince(since, next.blockedBy !== null);
      if (next.blockedBy) await this.pause("blocked");
      else await this.resume("blocked");
      // Only while capturing: a blocked app's name, or focus changes during a pause, stay out.
      if (this.capturing && next.app !== null && next.app !== this.writtenApp) {
        this.writtenApp = next.app;
        this.emit({ event: "app_focus", data: { app: next.app }, time: this.deps.now() });
      }
    } finally {
      this.holdFrom = null;
    }
  }

  /**
   * Removes from the buffer what a blocked window (every input event) or a sensitive window
   * (every key event) received from `since`: a sensitive stretch keeps one masked press, and
   * a modifier pressed before and released after `since` is released at the cut.
   */
  private redactSince(since: number, blocked: boolean): void {
    const at = this.buffer.findIndex((e) => e.time >= since);
    if (at < 0) return;
    const dropped = this.buffer
      .slice(at)
      .filter((e) => INPUT_EVENTS.has(e.event) && (blocked || e.event === "keydown" || e.event === "keyup"));
    if (dropped.length === 0) return;
    const first = dropped[0];
    const cut = first?.time ?? since;
    // Modifiers held at the cut are released there; those pressed after it were never written.
    const inserted: InputEvent[] = (first ? (this.heldBefore.get(first) ?? []) : []).map((key) => ({
      event: "keyup",
      data: { key },
      time: cut,
    }));
    this.held.clear();
    const maskedDropped = dropped.filter((e) => e.event === "keydown" && e.data.key === MASKED_KEY.key).length;
    this.maskedKeys -= maskedDropped;
    const firstDown = dropped.find((e) => e.event === "keydown");
    if (!blocked && firstDown && (!this.stretchWritten || maskedDropped > 0)) {
      this.stretchWritten = true;
      this.maskedKeys += 1;
      inserted.push({ event: "keydown", data: { ...MASKED_KEY }, time: firstDown.time });
    }
    const gone = new Set(dropped);
    this.buffer = [...this.buffer.slice(0, at), ...inserted, ...this.buffer.slice(at).filter((e) => !gone.has(e))];
    this.events += inserted.length - dropped.length;
  }

  /**
   * Writes the events at least bufferMs old that no focus read can still redact: those before
   * the last read that completed (a poll redacts from the previous read) and before any
   * notified change not yet read.
   */
  private flush(all: boolean): void {
    let horizon = this.deps.now() - (this.deps.bufferMs ?? BUFFER_MS);
    const notified = this.notifiedAt === null ? null : this.notifiedAt - NOTIFY_MARGIN_MS;
    const read = this.reading ? this.holdFrom : this.lastReadAt;
    for (const hold of [read, notified]) if (hold !== null) horizon = Math.min(horizon, hold - 1);
    let n = 0;
    while (n < this.buffer.length && (all || (this.buffer[n]?.time ?? Infinity) <= horizon)) n += 1;
    for (const event of this.buffer.splice(0, n)) this.deps.write(event);
  }

  private onInput(input: RawInput): void {
    switch (input.kind) {
      case "keydown":
      case "keyup":
        if (input.keycode === 42 || input.keycode === 54) this.shift = input.kind === "keydown";
        if (!this.isHotkey(input) && this.capturing) this.writeKey(input);
        return;
      case "wheel":
        if (this.capturing)
          this.emit({
            event: "mousewheel",
            data: { delta: input.rotation, x: input.x, y: input.y },
            time: this.deps.now(),
          });
        return;
      default: {
        if (!this.capturing) return;
        const data: Record<string, number> = { x: input.x, y: input.y };
        if (input.kind !== "mousemove") data.button = mapButton(input.button);
        this.emit({ event: input.kind, data, time: this.deps.now() });
      }
    }
  }

  /**
   * A new sensitive window (or none) starts a new focus stretch. Modifiers held when one
   * starts are released in the log: their keyups happen where keys are dropped.
   */
  private enterStretch(stretch: string | null): void {
    if (stretch === this.stretch) return;
    this.stretch = stretch;
    this.stretchWritten = false;
    if (stretch !== null && this.capturing) this.releaseHeld();
  }

  /**
   * In a sensitive window, the stretch's first key press is written as one masked press and
   * every other key event is dropped. With --mask-all, every key event (Shift, Enter,
   * Backspace and modifiers included) is a masked press or release.
   */
  private writeKey(input: Extract<RawInput, { kind: "keydown" | "keyup" }>): void {
    if (this.focus.sensitiveBy !== null) {
      if (input.kind !== "keydown" || this.stretchWritten) return;
      this.stretchWritten = true;
      this.maskedKeys += 1;
      this.emit({ event: "keydown", data: { ...MASKED_KEY }, time: this.deps.now() });
      return;
    }
    if (this.focus.mask) {
      if (input.kind === "keydown") this.maskedKeys += 1;
      this.emit({ event: input.kind, data: { ...MASKED_KEY }, time: this.deps.now() });
      return;
    }
    const mapped = mapKey(input.keycode, { shift: this.shift || input.shiftKey });
    this.emit({ event: input.kind, data: { ...mapped }, time: this.deps.now() });
    if (isModifier(mapped.key)) {
      if (input.kind === "keydown") this.held.add(mapped.key);
      else this.held.delete(mapped.key);
    }
  }

  /** Ctrl+Alt+P and Ctrl+Alt+S act on key down and are never written. */
  private isHotkey(input: Extract<RawInput, { kind: "keydown" | "keyup" }>): boolean {
    if (!input.ctrlKey || !input.altKey) return false;
    if (input.keycode !== HOTKEY_PAUSE && input.keycode !== HOTKEY_STOP) return false;
    if (input.kind === "keydown" && input.keycode === HOTKEY_PAUSE) void this.togglePause();
    if (input.kind === "keydown" && input.keycode === HOTKEY_STOP) this.deps.onStopRequested?.();
    return true;
  }

  /**
   * Writes keyups for modifiers still down, so a log cut by a pause or a stop (whose hotkey
   * Ctrl+Alt were written) never leaves Control held over the next actions.
   */
  private releaseHeld(): void {
    const time = this.deps.now();
    for (const key of this.held) this.emit({ event: "keyup", data: { key }, time });
    this.held.clear();
  }

  private emit(event: InputEvent): void {
    this.events += 1;
    if ((this.deps.bufferMs ?? BUFFER_MS) === 0) return this.deps.write(event);
    this.heldBefore.set(event, [...this.held]);
    this.buffer.push(event);
  }
}
