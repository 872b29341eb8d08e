// Stopping `npm start` as operators do: Ctrl-C in a terminal (SIGINT to the whole process group)
// and a container runtime or process manager (SIGTERM to the top process only). Every run must
// end within the documented bound, leave no process of its tree behind (the embedded
// redis-server included), and not flood the output with connection errors on the way.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { STOP_BOUND_MS } from "../../app/shutdown.js";

const RUNS = Number(process.env.STOP_TEST_RUNS ?? 10);
const dataDir = mkdtempSync(join(tmpdir(), "forge-stop-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Pids of live processes whose process group is `pgid` (Linux /proc). */
function processGroup(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid pgrp ...: comm may hold spaces, so split after its closing paren.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid && fields[0] !== "Z") pids.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

function alive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8");
    return state.slice(state.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function startThenStop(how: "SIGINT to the group" | "SIGTERM to npm") {
  // detached: npm leads a process group of its own, as a shell's foreground job does.
  const npm = spawn("npm", ["start"], {
    detached: true,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ENV_FILE: "",
      DATA_DIR: dataDir,
      PORT: "0",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  npm.stdout.on("data", (d: Buffer) => (output += d.toString()));
  npm.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => npm.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (!output.includes("Ready.")) {
    if (Date.now() > deadline || npm.exitCode !== null) throw new Error(`did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const pidFile = join(dataDir, "redis", "redis.pid");
  const redisPid = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").trim()) : null;
  const stopAsked = Date.now();
  if (how === "SIGINT to the group") process.kill(-npm.pid!, "SIGINT");
  else process.kill(npm.pid!, "SIGTERM");
  const code = await exited;
  const tookMs = Date.now() - stopAsked;
  // The group's last members (npm's child, esbuild's service) may need a moment to be reaped.
  const leftBy = Date.now() + 2_000;
  while ((processGroup(npm.pid!).length || (redisPid && alive(redisPid))) && Date.now() < leftBy)
    await new Promise((r) => setTimeout(r, 50));
  return {
    code,
    tookMs,
    output,
    left: processGroup(npm.pid!),
    redisPid,
    redisAlive: redisPid ? alive(redisPid) : false,
  };
}

describe.each(["SIGINT to the group", "SIGTERM to npm"] as const)("npm start, stopped by %s", (how) => {
  it(
    `stops every role within ${STOP_BOUND_MS / 1000} s, ${RUNS} times in a row, leaving no process and no connection errors`,
    async () => {
      for (let run = 1; run <= RUNS; run++) {
        const r = await startThenStop(how);
        const context = `run ${run}: exit ${r.code} after ${r.tookMs} ms\n${r.output}`;
        expect(r.redisPid, context).toBeGreaterThan(0);
        expect(r.code, context).toBe(0);
        expect(r.tookMs, context).toBeLessThan(STOP_BOUND_MS);
        expect(r.output, context).toContain("Stopped.");
        expect(r.output, context).not.toContain("ECONNREFUSED");
        expect(r.output, context).not.toContain("Forced exit");
        expect(r.left, context).toEqual([]);
        expect(r.redisAlive, context).toBe(false);
      }
    },
    RUNS * 120_000,
  );
});
