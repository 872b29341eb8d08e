import type { Action } from "./action.js";
import type { InputEvent } from "./input-log.js";
import { isInert, modifierOf, normalizeKey, textOf, type Modifier } from "./key-names.js";

/** An action still in event space: epoch time and logical desktop coordinates. */
export type Gesture = Omit<Action, "atMs" | "frameMs"> & { readonly time: number };

/** PRODUCT.md's thresholds: a click stays within 5 px and 500 ms; runs break on a 1 s gap. */
export const CLICK_MAX_PX = 5;
export const CLICK_MAX_MS = 500;
export const DOUBLE_CLICK_MAX_MS = 500;
export const RUN_GAP_MS = 1000;

const LEFT = 1;
const RIGHT = 2;

interface Press {
  readonly x: number;
  readonly y: number;
  readonly time: number;
}

/**
 * Turns time-ordered input events into gestures: clicks, double and right clicks, drags,
 * typed runs, hotkeys, scrolls and app focus changes (the rules of PRODUCT.md, detailed in
 * each handler). Middle-button presses make no gesture: the action vocabulary has none.
 */
export function collectGestures(events: readonly InputEvent[]): Gesture[] {
  const c = new Collector();
  for (const e of events) c.handle(e);
  c.flush();
  return c.out;
}

class Collector {
  readonly out: Gesture[] = [];
  private readonly presses = new Map<number, Press>();
  private readonly held: Modifier[] = [];
  private lastPos: { x: number; y: number } | null = null;
  private pendingClick: Gesture | null = null;
  private run: { time: number; last: number; chars: string[] } | null = null;
  private scroll: { time: number; last: number; delta: number; x?: number; y?: number } | null = null;
  private lastApp: string | null = null;

  handle(e: InputEvent): void {
    switch (e.event) {
      case "mousemove":
        this.lastPos = { x: e.x, y: e.y };
        return;
      case "mousedown":
        this.lastPos = { x: e.x, y: e.y };
        this.presses.set(e.button, { x: e.x, y: e.y, time: e.time });
        return;
      case "mouseup":
        this.lastPos = { x: e.x, y: e.y };
        return this.release(e.button, e.x, e.y, e.time);
      case "mousewheel":
        return this.wheel(e.delta, e.time, e.x !== undefined && e.y !== undefined ? { x: e.x, y: e.y } : this.lastPos);
      case "keydown":
        return this.keyDown(normalizeKey(e.key), e.char, e.time);
      case "keyup":
        return this.keyUp(normalizeKey(e.key));
      case "app_focus":
        return this.focus(e.app, e.time);
      default:
        return;
    }
  }

  flush(): void {
    this.flushClick();
    this.flushRun();
    this.flushScroll();
  }

  /** A press released within 5 px and 500 ms is a click, anything else a drag. */
  private release(button: number, x: number, y: number, time: number): void {
    const press = this.presses.get(button);
    this.presses.delete(button);
    if (!press || (button !== LEFT && button !== RIGHT)) return;
    const still = Math.hypot(x - press.x, y - press.y) <= CLICK_MAX_PX && time - press.time <= CLICK_MAX_MS;
    if (!still) return this.emit({ kind: "drag", time: press.time, x: press.x, y: press.y, toX: x, toY: y });
    if (button === RIGHT) return this.emit({ kind: "right_click", time: press.time, x: press.x, y: press.y });
    this.leftClick({ kind: "click", time: press.time, x: press.x, y: press.y });
  }

  /** Two left clicks whose presses are within 500 ms and 5 px make one double click. */
  private leftClick(click: Gesture): void {
    const first = this.pendingClick;
    this.flushRun();
    this.flushScroll();
    if (first && click.time - first.time <= DOUBLE_CLICK_MAX_MS && distance(first, click) <= CLICK_MAX_PX) {
      this.pendingClick = null;
      this.out.push({ ...first, kind: "double_click" });
      return;
    }
    this.flushClick();
    this.pendingClick = click;
  }

  /** Wheel events merge into one scroll, summing deltas, while they come within 1 s. */
  private wheel(delta: number, time: number, at: { x: number; y: number } | null): void {
    this.flushClick();
    this.flushRun();
    if (this.scroll && time - this.scroll.last < RUN_GAP_MS) {
      this.scroll.delta += delta;
      this.scroll.last = time;
      return;
    }
    this.flushScroll();
    this.scroll = { time, last: time, delta, ...(at ?? {}) };
  }

  /**
   * Control, Alt or Meta held → a hotkey of the held modifiers (press order) and the key;
   * Shift alone only with a non-character key. Characters extend the typed run until a 1 s
   * gap; Backspace edits the run; any other key ends it and stands alone as a hotkey.
   */
  private keyDown(key: string, char: string | undefined, time: number): void {
    const modifier = modifierOf(key);
    if (modifier) {
      if (!this.held.includes(modifier)) this.held.push(modifier);
      return;
    }
    if (isInert(key) && char === undefined) return;
    const shift = this.held.includes("Shift");
    const text = textOf(key, char, shift);
    if (this.held.some((m) => m !== "Shift") || (shift && text === null))
      return this.emit({ kind: "hotkey", time, keys: [...this.held, hotkeyName(key)] });
    if (text !== null) return this.type(text, time);
    const run = this.run;
    if (key === "Backspace" && run && run.chars.length > 0 && time - run.last < RUN_GAP_MS) {
      run.chars.pop();
      run.last = time;
      return;
    }
    this.emit({ kind: "hotkey", time, keys: [key] });
  }

  private keyUp(key: string): void {
    const modifier = modifierOf(key);
    const at = modifier ? this.held.indexOf(modifier) : -1;
    if (at >= 0) this.held.splice(at, 1);
  }

  private type(text: string, time: number): void {
    this.flushClick();
    this.flushScroll();
    if (this.run && time - this.run.last >= RUN_GAP_MS) this.flushRun();
    this.run ??= { time, last: time, chars: [] };
    this.run.chars.push(text);
    this.run.last = time;
  }

  /** Repeated focus reports of the same app are one focus change. */
  private focus(app: string, time: number): void {
    if (app === this.lastApp) return;
    this.lastApp = app;
    this.emit({ kind: "app_focus", time, app });
  }

  private emit(gesture: Gesture): void {
    this.flush();
    this.out.push(gesture);
  }

  private flushClick(): void {
    if (this.pendingClick) this.out.push(this.pendingClick);
    this.pendingClick = null;
  }

  private flushRun(): void {
    if (this.run && this.run.chars.length > 0)
      this.out.push({ kind: "type", time: this.run.time, text: this.run.chars.join("") });
    this.run = null;
  }

  private flushScroll(): void {
    const s = this.scroll;
    if (s && s.delta !== 0) this.out.push({ kind: "scroll", time: s.time, delta: s.delta, ...xy(s) });
    this.scroll = null;
  }
}

function xy(s: { x?: number; y?: number }): { x?: number; y?: number } {
  return s.x !== undefined && s.y !== undefined ? { x: s.x, y: s.y } : {};
}

function distance(a: Gesture, b: Gesture): number {
  return Math.hypot((a.x ?? 0) - (b.x ?? 0), (a.y ?? 0) - (b.y ?? 0));
}

// Hotkeys name letters in lower case so Control+C and Control+Shift+c read alike.
function hotkeyName(key: string): string {
  return [...key].length === 1 ? key.toLowerCase() : key;
}
