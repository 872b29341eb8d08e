import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  accessibilityNotice,
  socketPath,
  watchPasswordFocus,
  withPasswordFocus,
  type PasswordFocus,
} from "../../../recorder/capture/accessibility.js";
import { focusSourceFor } from "../../../recorder/capture/focus-reader.js";
import { has, startOpenbox, startXvfb } from "../../support/xvfb.js";

// The focused accessible object over AT-SPI: a GTK window titled like an ordinary browser
// window, with a text field and a password field, under Xvfb and openbox, on a private
// session bus whose accessibility bus (at-spi2-core) starts on demand. Clicking into the
// password field is reported as password focus, clicking back into the text field as not.

const exec = promisify(execFile);
const BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher";

/** A python3 with GTK 3 bindings (python3-gi, gir1.2-gtk-3.0), or null. */
const python = ["/usr/bin/python3", "python3"].find(
  (program) =>
    spawnSync(program, ["-c", "import gi; gi.require_version('Gtk', '3.0'); from gi.repository import Gtk"], {
      stdio: "ignore",
    }).status === 0,
);

// Two entries filling a 300x200 window: the text field is the top half, the password field
// (an invisible-text entry, which GTK exposes as password text) the bottom half.
const LOGIN_FORM = `
import gi
gi.require_version("Gtk", "3.0")
from gi.repository import Gtk
win = Gtk.Window(title="Inbox - Mozilla Firefox")
win.set_default_size(300, 200)
box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL, homogeneous=True)
user = Gtk.Entry()
secret = Gtk.Entry()
secret.set_visibility(False)
box.pack_start(user, True, True, 0)
box.pack_start(secret, True, True, 0)
win.add(box)
win.connect("destroy", Gtk.main_quit)
win.show_all()
Gtk.main()
`;

const missing = [
  ...["Xvfb", "openbox", "xdotool", "xprop", "dbus-daemon"].filter((tool) => !has(tool)),
  ...(existsSync(BUS_LAUNCHER) ? [] : ["at-spi2-core"]),
  ...(python ? [] : ["python3-gi with gir1.2-gtk-3.0"]),
];

describe.skipIf(missing.length > 0)(
  `password focus over AT-SPI under Xvfb${missing.length ? ` (skipped: ${missing.join(", ")} not installed)` : ""}`,
  () => {
    let xvfb: Awaited<ReturnType<typeof startXvfb>> | undefined;
    const children: ChildProcess[] = [];
    let dir = "";
    let env: NodeJS.ProcessEnv = {};
    const x = async (...args: string[]) => (await exec("xdotool", args, { env })).stdout.trim();

    beforeAll(async () => {
      xvfb = await startXvfb();
      dir = await mkdtemp(join(tmpdir(), "forge-atspi-"));
      // A private home and runtime dir: the accessibility bus socket lives there, apart from
      // any other session's.
      await mkdir(join(dir, "run"), { mode: 0o700 });
      env = { PATH: process.env.PATH, DISPLAY: xvfb.display, HOME: dir, XDG_RUNTIME_DIR: join(dir, "run") };
      const bus = spawn("dbus-daemon", ["--session", "--nofork", "--print-address=1"], {
        env,
        stdio: ["ignore", "pipe", "ignore"],
      });
      children.push(bus);
      env.DBUS_SESSION_BUS_ADDRESS = await new Promise<string>((resolve, reject) => {
        bus.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
        bus.once("exit", (code) => reject(new Error(`dbus-daemon exited ${code}`)));
      });
      children.push(await startOpenbox(env));
    }, 30_000);
    afterAll(async () => {
      for (const child of children.reverse()) child.kill();
      xvfb?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const windowId = async (name: string) => {
      for (let i = 0; i < 100; i += 1) {
        const id = (await x("search", "--onlyvisible", "--name", name).catch(() => "")).split("\n")[0];
        if (id) return id;
        await sleep(100);
      }
      throw new Error(`no window ${name}`);
    };

    it("GIVEN a login form in a window titled like a browser WHEN the password field gets the focus THEN it is reported, and its end too", async () => {
      const watch: PasswordFocus = await watchPasswordFocus(env);
      if (!watch.ok) throw new Error(`AT-SPI watch did not start: ${watch.reason}`);
      // As the recorder would use it: the X11 focus source, told about password fields.
      const source = withPasswordFocus(focusSourceFor("linux", env), watch);
      const notified: number[] = [];
      const watching = source.watch?.((at) => notified.push(at));
      try {
        // Started after the watch registered its events: the app learns of them at start.
        children.push(spawn(python as string, ["-c", LOGIN_FORM], { env, stdio: "ignore" }));
        const form = await windowId("^Inbox - Mozilla Firefox$");
        await x("windowactivate", "--sync", form);
        const changes: boolean[] = [];
        watch.onChange(() => changes.push(watch.inPassword()));
        const click = (y: number) => x("mousemove", "--window", form, "150", String(y), "click", "1");

        await click(50);
        // Nothing to report while focus is in the text field; then into the password field.
        await sleep(300);
        expect(watch.inPassword()).toBe(false);
        expect(await source.read()).toEqual({ name: "Inbox - Mozilla Firefox", className: expect.any(String) });
        const before = notified.length;
        await click(150);
        await vi.waitFor(() => expect(watch.inPassword()).toBe(true), { timeout: 5_000 });
        expect(await source.read()).toEqual({
          name: "Inbox - Mozilla Firefox",
          className: expect.any(String),
          password: true,
        });
        expect(notified.length).toBeGreaterThan(before);
        await click(50);
        await vi.waitFor(() => expect(watch.inPassword()).toBe(false), { timeout: 5_000 });
        expect(await source.read()).toEqual({ name: "Inbox - Mozilla Firefox", className: expect.any(String) });
        expect(changes).toEqual([true, false]);
        // Told only when browsers may not expose their fields (the desktop switch is off).
        expect(accessibilityNotice(watch) === null).toBe(watch.desktopEnabled);
      } finally {
        watching?.stop();
        watch.stop();
      }
    }, 30_000);
  },
);

describe("without AT-SPI", () => {
  it("GIVEN no session bus THEN the watch does not start, and the farmer is told why and how to turn it on", async () => {
    const watch = await watchPasswordFocus({ PATH: process.env.PATH });
    expect(watch).toEqual({ ok: false, reason: expect.stringContaining("no D-Bus session bus") });
    const notice = accessibilityNotice(watch) ?? "";
    expect(notice).toContain("Password fields inside ordinary windows");
    expect(notice).toContain("gsettings set org.gnome.desktop.interface toolkit-accessibility true");
    expect(notice).toContain("--force-renderer-accessibility");
    expect(notice.split("\n")).toHaveLength(1);
  });

  it("GIVEN a session bus address nobody listens on THEN the watch does not start", async () => {
    const watch = await watchPasswordFocus(
      { DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(tmpdir(), "forge-no-such-bus")}` },
      { timeoutMs: 1_000 },
    );
    expect(watch).toEqual({ ok: false, reason: expect.stringContaining("cannot be reached") });
  });

  it("GIVEN bus addresses THEN the socket path is read, and an abstract socket is refused with a reason", () => {
    expect(socketPath("unix:path=/run/user/1000/at-spi/bus_0,guid=ab12")).toEqual({
      ok: true,
      path: "/run/user/1000/at-spi/bus_0",
    });
    expect(socketPath("unix:abstract=/tmp/dbus-x,guid=1;unix:path=/tmp/b%20c")).toEqual({ ok: true, path: "/tmp/b c" });
    expect(socketPath("unix:abstract=/tmp/dbus-x,guid=1")).toEqual({
      ok: false,
      reason: expect.stringContaining("abstract socket"),
    });
  });
});
