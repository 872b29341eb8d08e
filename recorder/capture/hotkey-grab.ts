// Reserves the recorder's hotkeys on X11 (XGrabKey on the root window) so the focused app
// never receives them. The session still acts on them through uiohook: XRecord sees a key
// whoever grabbed it, so pause and stop work the same whether or not the grab succeeded.
import { createRequire } from "node:module";
import { HOTKEY_PAUSE, HOTKEY_STOP } from "./hotkeys.js";

export type HotkeyGrab =
  { readonly ok: true; release(): Promise<void> } | { readonly ok: false; readonly reason: string };

/**
 * X keycodes of the hotkeys' keys: the keys uiohook reports as P (25) and S (31), the codes
 * session.ts acts on. libuiohook maps X keycodes below 97 to its codes by subtracting 8 (its
 * evdev and xfree86 tables agree there), so these are keys by position, like the session's.
 */
export const HOTKEY_KEYS = [
  { name: "Ctrl+Alt+P", keycode: HOTKEY_PAUSE + 8 },
  { name: "Ctrl+Alt+S", keycode: HOTKEY_STOP + 8 },
] as const;

/** X keycodes of the keys uiohook reports as Ctrl and Alt (left and right). */
const CONTROL_KEYS = [37, 105];
const ALT_KEYS = [64, 108];
const SHIFT_MASK = 1;
const LOCK_MASK = 2;
const CONTROL_MASK = 4;
const MOD1_MASK = 8;
const NUM_LOCK = 0xff7f;
const SCROLL_LOCK = 0xff14;
const GRAB_MODE_ASYNC = 1;
const TIMEOUT_MS = 5_000;

/** The line for the farmer when the hotkeys could not be reserved. */
export function hotkeysNotGrabbedWarning(reason: string): string {
  return (
    `Hotkeys not reserved (${reason}): Ctrl+Alt+P and Ctrl+Alt+S still pause and stop the ` +
    "recording, but the focused app may receive them too. Ctrl-C in this terminal also stops."
  );
}

/** Modifier state as X reports it: which modifier bits hold which keycodes and keysyms. */
export interface KeyboardMap {
  /** GetModifierMapping: the keycodes of Shift, Lock, Control, Mod1..Mod5, in that order. */
  readonly modifiers: readonly (readonly number[])[];
  /** GetKeyboardMapping from minKeycode: the keysyms of each keycode. */
  readonly keysyms: readonly (readonly number[])[];
  readonly minKeycode: number;
}

/**
 * Every modifier state to grab: Control and Alt as the keys uiohook calls Ctrl and Alt set
 * them (right Alt may be AltGr on Mod5), with Shift, CapsLock, NumLock and ScrollLock on or
 * off. The session ignores those four, so Ctrl+Alt+Shift+P pauses too and must not leak.
 */
export function grabStates(map: KeyboardMap): number[] {
  const bitOf = (test: (keycode: number) => boolean) =>
    map.modifiers.reduce((mask, keycodes, i) => (keycodes.some((k) => k !== 0 && test(k)) ? mask | (1 << i) : mask), 0);
  const bitsOfKeys = (keys: readonly number[], fallback: number) => {
    const bits = new Set(keys.map((key) => bitOf((k) => k === key)).filter((bit) => bit !== 0));
    return bits.size > 0 ? [...bits] : [fallback];
  };
  const withKeysym = (keysym: number) => bitOf((k) => map.keysyms[k - map.minKeycode]?.includes(keysym) ?? false);
  const controls = bitsOfKeys(CONTROL_KEYS, CONTROL_MASK);
  const alts = bitsOfKeys(ALT_KEYS, MOD1_MASK);
  const required = [...controls, ...alts].reduce((all, bit) => all | bit, 0);
  const ignored = [SHIFT_MASK, LOCK_MASK, withKeysym(NUM_LOCK), withKeysym(SCROLL_LOCK)];
  const extras = [...new Set(ignored.filter((bit) => bit !== 0 && (bit & required) === 0))];
  const states = new Set<number>();
  for (const control of controls)
    for (const alt of alts)
      for (let subset = 0; subset < 1 << extras.length; subset += 1)
        states.add(extras.reduce((mask, bit, i) => (subset & (1 << i) ? mask | bit : mask), control | alt));
  return [...states].sort((a, b) => a - b);
}

/**
 * Grabs Ctrl+Alt+P and Ctrl+Alt+S on the root window of `display` until `release()` (or
 * until this process exits: the X server drops a client's grabs with its connection). All
 * or nothing: if another client holds one of the combinations, nothing stays grabbed.
 * Not X11 (macOS, Windows), no display or no connection: `{ ok: false, reason }`.
 */
export async function grabHotkeys(platform: NodeJS.Platform, display: string | undefined): Promise<HotkeyGrab> {
  if (platform === "darwin" || platform === "win32")
    return { ok: false, reason: `not supported on ${platform === "darwin" ? "macOS" : "Windows"}` };
  if (!display) return { ok: false, reason: "no X display" };
  let abandoned = false;
  const opened: { client: XClient | null } = { client: null };
  const attempt = (async (): Promise<HotkeyGrab> => {
    const connection = await connect(display, opened);
    const result = await grabAll(connection).catch((error: unknown) => {
      throw new Error(`the X server refused: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    });
    // Too late: the recording goes on without the grab, so none may stay behind.
    if (abandoned && result.ok) await result.release();
    return result;
  })().catch((error: unknown) => ({
    ok: false as const,
    reason: error instanceof Error ? error.message : String(error),
  }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<HotkeyGrab>((done) => {
    timer = setTimeout(() => {
      abandoned = true;
      done({ ok: false, reason: `display ${display} did not answer` });
    }, TIMEOUT_MS);
  });
  const result = await Promise.race([attempt, timeout]);
  clearTimeout(timer);
  if (!result.ok) terminate(opened.client);
  return result;
}

/** The part of the `x11` package used here (it ships no type declarations). */
interface XClient {
  GrabKey(
    window: number,
    ownerEvents: number,
    modifiers: number,
    keycode: number,
    pointerMode: number,
    keyboardMode: number,
    done: (error?: Error | null) => boolean,
  ): void;
  UngrabKey(window: number, keycode: number, modifiers: number): void;
  GetModifierMapping(done: (error: Error | undefined, rows: number[][]) => void): void;
  GetKeyboardMapping(first: number, count: number, done: (error: Error | undefined, rows: number[][]) => void): void;
  close(done: (error?: Error) => void): void;
  terminate(): void;
  readonly stream?: { readonly destroyed: boolean; destroy(): void };
  on(event: "error", listener: (error: Error) => void): void;
}
interface XDisplay {
  readonly client: XClient;
  readonly screen: readonly { readonly root: number }[];
  readonly min_keycode: number;
  readonly max_keycode: number;
}
interface X11 {
  createClient(
    options: { display: string; disableBigRequests: boolean; shm: boolean },
    done: (error: Error | undefined, display: XDisplay) => void,
  ): XClient;
}
interface Connection {
  readonly client: XClient;
  readonly display: XDisplay;
  readonly root: number;
}

/** Connects to `display`; `opened.client` is set at once, so a stalled setup can be dropped. */
function connect(display: string, opened: { client: XClient | null }): Promise<Connection> {
  const x11 = createRequire(import.meta.url)("x11") as X11;
  const failed = (why: string) => new Error(`cannot connect to X display ${display}: ${why}`);
  return new Promise((resolve, reject) => {
    try {
      const client = x11.createClient({ display, disableBigRequests: true, shm: false }, (error, info) => {
        const root = info?.screen[0]?.root;
        if (error || root === undefined) reject(failed(error?.message || "no screen"));
        else resolve({ client, display: info, root });
      });
      opened.client = client;
      // A server that goes away mid-recording must not crash the recorder (its grabs go too).
      client.on("error", () => undefined);
    } catch (error) {
      reject(failed(error instanceof Error ? error.message : String(error)));
    }
  });
}

async function grabAll({ client, display, root }: Connection): Promise<HotkeyGrab> {
  const count = display.max_keycode - display.min_keycode + 1;
  const [modifiers, keysyms] = await Promise.all([
    ask<number[][]>((done) => client.GetModifierMapping(done)),
    ask<number[][]>((done) => client.GetKeyboardMapping(display.min_keycode, count, done)),
  ]);
  const states = grabStates({ modifiers, keysyms, minKeycode: display.min_keycode });
  const grabs = HOTKEY_KEYS.flatMap((key) => states.map((state) => ({ ...key, state })));
  const results = await Promise.all(
    grabs.map(
      (grab) =>
        new Promise<Error | null>((done) =>
          client.GrabKey(root, 0, grab.state, grab.keycode, GRAB_MODE_ASYNC, GRAB_MODE_ASYNC, (error) => {
            done(error ?? null);
            return true;
          }),
        ),
    ),
  );
  const ungrab = () => {
    for (const [i, grab] of grabs.entries()) if (!results[i]) client.UngrabKey(root, grab.keycode, grab.state);
  };
  const taken = grabs.find((_, i) => results[i]);
  if (taken) {
    ungrab();
    return { ok: false, reason: `another program already uses ${taken.name}` };
  }
  let released: Promise<void> | null = null;
  const release = () => (released ??= closeAfter(client, ungrab));
  return { ok: true, release };
}

/** Ungrabs, then closes the connection once the server has read everything (bounded wait). */
function closeAfter(client: XClient, ungrab: () => void): Promise<void> {
  // The server went away (X session ended): its grabs went with it.
  if (client.stream?.destroyed) return Promise.resolve();
  return new Promise<void>((done) => {
    const timer = setTimeout(() => {
      terminate(client);
      done();
    }, TIMEOUT_MS);
    try {
      ungrab();
      client.close(() => {
        clearTimeout(timer);
        done();
      });
    } catch {
      // The connection is closing already: its grabs go with it.
      clearTimeout(timer);
      done();
    }
  });
}

/** Drops the connection at once (the server releases whatever it still holds). */
function terminate(client: XClient | null): void {
  try {
    client?.terminate();
  } catch {
    // Setup never finished: there is nothing to flush.
  }
  client?.stream?.destroy();
}

function ask<T>(request: (done: (error: Error | undefined, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => request((error, value) => (error ? reject(error) : resolve(value))));
}
