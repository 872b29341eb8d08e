import { createConnection } from "node:net";
import dbusNative from "@homebridge/dbus-native";
import type { FocusedWindow } from "./focus.js";
import type { FocusSource } from "./focus-reader.js";

// Password fields found through the accessibility API, for the login form inside an ordinary
// window ("Inbox – Mozilla Firefox") whose title and class say nothing. Linux: AT-SPI over
// D-Bus. The session bus names the accessibility bus (org.a11y.Bus.GetAddress); there the
// registry is told which events we listen to (toolkits only send the events someone
// registered for), and each object gaining focus is asked its role: a password field's is
// ATSPI_ROLE_PASSWORD_TEXT. A change into or out of a password field is reported like a
// focus change, so the session drops its keys exactly as in a sensitive window.
//
// Not built elsewhere. macOS: the focused element (AXUIElementCopyAttributeValue on the
// system-wide element, kAXFocusedUIElementAttribute, after AXIsProcessTrusted) with subrole
// kAXSecureTextFieldSubrole, followed by an AXObserver on kAXFocusedUIElementChangedNotification;
// secure input (IsSecureEventInputEnabled) also hides those keys from event taps.
// Windows: UI Automation's focus-changed event (AddFocusChangedEventHandler) and the focused
// element's IsPassword property (UIA_IsPasswordPropertyId).

/** AtspiRole's ATSPI_ROLE_PASSWORD_TEXT (at-spi2-core, atspi/atspi-constants.h). */
export const ATSPI_ROLE_PASSWORD_TEXT = 40;

/** The events registered with the AT-SPI registry, so toolkits emit them. */
export const FOCUS_EVENTS = ["object:state-changed:focused", "focus:"] as const;

export type PasswordFocus =
  | {
      readonly ok: true;
      /** Whether the object that has the keyboard focus is a password field. */
      inPassword(): boolean;
      /**
       * Calls back with the time the focus event arrived, once focus moved into or out of a
       * password field (inPassword() already tells the new state); returns the unsubscribe.
       */
      onChange(callback: (observedAtMs: number) => void): () => void;
      /**
       * The desktop's accessibility switch (org.a11y.Status IsEnabled). GTK apps expose their
       * fields either way; browsers and Qt apps only when it is on.
       */
      readonly desktopEnabled: boolean;
      stop(): void;
    }
  | { readonly ok: false; readonly reason: string };

export interface PasswordFocusOptions {
  readonly now?: () => number;
  /** How long one D-Bus call may take (the accessibility bus may be started on demand). */
  readonly timeoutMs?: number;
}

/** How to turn accessibility on, said to the farmer when password fields cannot be recognised. */
export const ACCESSIBILITY_FIX =
  "turn accessibility on (GNOME: gsettings set org.gnome.desktop.interface toolkit-accessibility true), " +
  "then restart the apps; Firefox follows that setting, Chrome also needs --force-renderer-accessibility";

/**
 * The one line the farmer is told about password fields, or null when there is nothing to
 * say. Sensitive windows are still recognised by their title and class either way.
 */
export function accessibilityNotice(focus: PasswordFocus): string | null {
  if (!focus.ok)
    return (
      `Password fields inside ordinary windows (a browser's login form) are not recognised: ` +
      `the accessibility bus is not available (${focus.reason}). Only window titles and classes mark ` +
      `sensitive windows. To fix: ${ACCESSIBILITY_FIX}.`
    );
  if (!focus.desktopEnabled)
    return (
      `Accessibility is off on this desktop: password fields in GTK apps are recognised, but those ` +
      `in browsers and Qt apps may not be. To fix: ${ACCESSIBILITY_FIX}.`
    );
  return null;
}

/** A D-Bus message as @homebridge/dbus-native gives and takes it. */
interface Message {
  type?: number;
  serial?: number;
  destination?: string;
  path?: string;
  interface?: string;
  member?: string;
  signature?: string;
  body?: unknown[];
  sender?: string;
}

interface Bus {
  connection: NodeJS.EventEmitter & { end(): void };
  invoke(
    message: Message,
    callback: (error: { name?: string; message?: string } | null, ...body: unknown[]) => void,
  ): void;
}

const dbus = dbusNative as unknown as {
  createClient(options: { stream: NodeJS.ReadWriteStream }): Bus;
  messageType: { signal: number };
};

/** The unix socket path of a D-Bus address (`unix:path=…`, first usable entry), or why not. */
export function socketPath(address: string): { ok: true; path: string } | { ok: false; reason: string } {
  let abstract = false;
  for (const entry of address.split(";")) {
    const colon = entry.indexOf(":");
    if (entry.slice(0, colon) !== "unix") continue;
    const params = new Map(
      entry
        .slice(colon + 1)
        .split(",")
        .map((pair) => {
          const eq = pair.indexOf("=");
          return [pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1))] as const;
        }),
    );
    const path = params.get("path");
    if (path) return { ok: true, path };
    if (params.has("abstract")) abstract = true;
  }
  return {
    ok: false,
    reason: abstract
      ? "it listens on an abstract socket, which this recorder cannot open"
      : `no unix socket path in its address ${JSON.stringify(address)}`,
  };
}

/** A connected bus; rejects when the socket or the handshake fails. */
async function connect(address: string, timeoutMs: number): Promise<Bus> {
  const where = socketPath(address);
  if (!where.ok) throw new Error(where.reason);
  const socket = createConnection(where.path);
  const bus = dbus.createClient({ stream: socket });
  // The Hello call is queued first by the client: this call answers after it.
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => reject(error);
    bus.connection.once("error", fail);
    bus.connection.once("connect", () => {
      bus.connection.off("error", fail);
      resolve();
    });
    setTimeout(() => reject(new Error("the bus did not answer")), timeoutMs).unref();
  }).catch((error: unknown) => {
    socket.destroy();
    throw error;
  });
  // Later socket errors end the watch quietly (the session's other focus sources go on).
  bus.connection.on("error", () => undefined);
  return bus;
}

function call(bus: Bus, message: Message, timeoutMs: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${message.member} got no answer`)), timeoutMs);
    bus.invoke(message, (error, ...body) => {
      clearTimeout(timer);
      if (error) reject(new Error(`${message.member}: ${error.name ?? "error"} ${error.message ?? ""}`.trim()));
      else resolve(body);
    });
  });
}

/** A variant's value as @homebridge/dbus-native reads it: `[signature, [value]]`. */
const variantValue = (value: unknown): unknown =>
  Array.isArray(value) && Array.isArray(value[1]) ? (value[1] as unknown[])[0] : value;

const firstLine = (error: unknown): string => ((error as Error).message ?? String(error)).split("\n")[0] ?? "";

/** Finds the accessibility bus through the session bus: its address and whether it is switched on. */
async function findAccessibilityBus(
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ ok: true; address: string; enabled: boolean } | { ok: false; reason: string }> {
  const session = env.DBUS_SESSION_BUS_ADDRESS ?? (env.XDG_RUNTIME_DIR ? `unix:path=${env.XDG_RUNTIME_DIR}/bus` : "");
  if (!session) return { ok: false, reason: "no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set" };
  let bus: Bus;
  try {
    bus = await connect(session, timeoutMs);
  } catch (error) {
    return { ok: false, reason: `the D-Bus session bus cannot be reached: ${firstLine(error)}` };
  }
  try {
    const target = { destination: "org.a11y.Bus", path: "/org/a11y/bus" };
    let enabled = false;
    try {
      const [value] = await call(
        bus,
        {
          ...target,
          interface: "org.freedesktop.DBus.Properties",
          member: "Get",
          signature: "ss",
          body: ["org.a11y.Status", "IsEnabled"],
        },
        timeoutMs,
      );
      enabled = Boolean(variantValue(value));
    } catch {
      // An older launcher without org.a11y.Status: say it is off (the notice then hedges).
    }
    const [address] = env.AT_SPI_BUS_ADDRESS
      ? [env.AT_SPI_BUS_ADDRESS]
      : await call(bus, { ...target, interface: "org.a11y.Bus", member: "GetAddress" }, timeoutMs);
    if (typeof address !== "string" || address === "")
      return { ok: false, reason: "the session bus gave no accessibility bus address" };
    return { ok: true, address, enabled };
  } catch (error) {
    return { ok: false, reason: `the accessibility bus launcher (at-spi2-core) did not answer: ${firstLine(error)}` };
  } finally {
    bus.connection.end();
  }
}

/** Registers one event with the AT-SPI registry (the 3-argument form since at-spi2-core 2.34, else the old one). */
async function registerEvent(bus: Bus, event: string, timeoutMs: number): Promise<void> {
  const registry = {
    destination: "org.a11y.atspi.Registry",
    path: "/org/a11y/atspi/registry",
    interface: "org.a11y.atspi.Registry",
    member: "RegisterEvent",
  };
  try {
    await call(bus, { ...registry, signature: "sass", body: [event, [], ""] }, timeoutMs);
  } catch {
    await call(bus, { ...registry, signature: "s", body: [event] }, timeoutMs);
  }
}

const addMatch = (bus: Bus, rule: string, timeoutMs: number) =>
  call(
    bus,
    {
      destination: "org.freedesktop.DBus",
      path: "/org/freedesktop/DBus",
      interface: "org.freedesktop.DBus",
      member: "AddMatch",
      signature: "s",
      body: [rule],
    },
    timeoutMs,
  );

/**
 * Follows the keyboard focus over AT-SPI and tells when it moves into or out of a password
 * field. Not available (no session bus, no at-spi2-core, an unreachable accessibility bus):
 * `{ ok: false, reason }`, and sensitive windows are known by title and class only. A
 * password field that already has the focus at start is known once focus moves into it again.
 */
export async function watchPasswordFocus(
  env: NodeJS.ProcessEnv,
  options: PasswordFocusOptions = {},
): Promise<PasswordFocus> {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 3_000;
  const found = await findAccessibilityBus(env, timeoutMs);
  if (!found.ok) return found;
  let bus: Bus;
  try {
    bus = await connect(found.address, timeoutMs);
  } catch (error) {
    return { ok: false, reason: `the accessibility bus cannot be reached: ${firstLine(error)}` };
  }

  const listeners: ((at: number) => void)[] = [];
  let password = false;
  /** The focused object (`sender path`) whose role is known, and the one being asked. */
  let current: string | null = null;
  let asking: string | null = null;
  let generation = 0;
  let stopped = false;
  const set = (value: boolean, at: number) => {
    if (value === password || stopped) return;
    password = value;
    for (const listener of listeners) listener(at);
  };

  const gained = async (sender: string, path: string, at: number) => {
    const object = `${sender} ${path}`;
    const mine = (generation += 1);
    asking = object;
    let role: unknown = null;
    try {
      [role] = await call(
        bus,
        { destination: sender, path, interface: "org.a11y.atspi.Accessible", member: "GetRole" },
        timeoutMs,
      );
    } catch {
      // Gone already: it is not where the keys go.
    }
    if (mine !== generation) return;
    asking = null;
    current = object;
    set(role === ATSPI_ROLE_PASSWORD_TEXT, at);
  };
  const lost = (sender: string, path: string, at: number) => {
    const object = `${sender} ${path}`;
    if (object === asking) {
      generation += 1;
      asking = null;
    }
    if (object !== current) return;
    current = null;
    set(false, at);
  };

  bus.connection.on("message", (message: Message) => {
    if (message.type !== dbus.messageType.signal || !message.sender || !message.path) return;
    const at = now();
    const body = message.body ?? [];
    if (message.interface === "org.a11y.atspi.Event.Object" && message.member === "StateChanged") {
      if (body[0] !== "focused") return;
      if (body[1] === 1) void gained(message.sender, message.path, at);
      else lost(message.sender, message.path, at);
    } else if (message.interface === "org.a11y.atspi.Event.Focus" && message.member === "Focus") {
      void gained(message.sender, message.path, at);
    }
  });

  try {
    await addMatch(
      bus,
      "type='signal',interface='org.a11y.atspi.Event.Object',member='StateChanged',arg0='focused'",
      timeoutMs,
    );
    await addMatch(bus, "type='signal',interface='org.a11y.atspi.Event.Focus'", timeoutMs);
    for (const event of FOCUS_EVENTS) await registerEvent(bus, event, timeoutMs);
  } catch (error) {
    bus.connection.end();
    return { ok: false, reason: `the accessibility registry refused the focus events: ${firstLine(error)}` };
  }

  return {
    ok: true,
    desktopEnabled: found.enabled,
    inPassword: () => password,
    onChange: (callback) => {
      listeners.push(callback);
      return () => {
        const at = listeners.indexOf(callback);
        if (at >= 0) listeners.splice(at, 1);
      };
    },
    stop: () => {
      stopped = true;
      // Closing the connection also unregisters its events with the registry.
      bus.connection.end();
    },
  };
}

/** A focused window whose focused object may be a password field. */
export type PasswordAwareWindow = FocusedWindow & { readonly password?: boolean };

/**
 * A focus source that also knows password fields: each read adds `password: true` while one
 * has the focus (with no window to name, an empty one: the keys still go into a password
 * field), and a move into or out of one is notified like a change of window.
 */
export function withPasswordFocus(source: FocusSource, focus: Extract<PasswordFocus, { ok: true }>): FocusSource {
  return {
    read: async () => {
      const window: PasswordAwareWindow | null = await source.read();
      if (!focus.inPassword()) return window;
      const marked: PasswordAwareWindow = { ...(window ?? { name: "", className: "" }), password: true };
      return marked;
    },
    check: source.check,
    watch: (onChange) => {
      const windows = source.watch?.(onChange);
      const unsubscribe = focus.onChange(onChange);
      return {
        stop: () => {
          unsubscribe();
          windows?.stop();
        },
      };
    },
  };
}
