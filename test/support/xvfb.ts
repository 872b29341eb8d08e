// A virtual X display for tests, and the `forge` CLI run as a child process against it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

export const has = (binary: string): boolean => spawnSync("which", [binary]).status === 0;

/** Starts Xvfb on a free display (it picks the number and tells us through -displayfd). */
export async function startXvfb(): Promise<{ display: string; stop(): void }> {
  const xvfb = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x720x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "ignore", "pipe"],
  });
  const display = await new Promise<string>((done, fail) => {
    xvfb.stdio[3]?.on("data", (c: Buffer) => done(`:${c.toString().trim()}`));
    xvfb.once("exit", (code) => fail(new Error(`Xvfb exited ${code}`)));
  });
  return { display, stop: () => void xvfb.kill() };
}

const FORGE = resolve("recorder/bin/forge.mjs");

/** Runs forge to completion; `onStart` runs once, when it says it is recording. */
export function forge(args: string[], env: NodeJS.ProcessEnv, onStart?: () => void) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [FORGE, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
      if (onStart && stderr.includes("Recording ")) {
        const start = onStart;
        onStart = undefined;
        start();
      }
    });
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/** Polls `probe` every 100 ms until it gives a value (a failing probe counts as not yet). */
export async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Starts openbox on `env.DISPLAY` and resolves once it manages the screen (EWMH, _NET_ACTIVE_WINDOW). */
export async function startOpenbox(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const openbox = spawn("openbox", [], { env, stdio: "ignore" });
  await waitFor("openbox to manage the screen", async () => {
    const check = spawnSync("xprop", ["-root", "_NET_SUPPORTING_WM_CHECK"], { env, encoding: "utf8" });
    return check.stdout?.includes("window id") ? true : null;
  });
  return openbox;
}
