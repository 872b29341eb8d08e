// Embedded default for REDIS_URL: a redis-server child process on a free loopback port,
// persisting to DATA_DIR/redis so queued jobs survive a restart. It runs in its own process
// group, so that a Ctrl-C meant for the app does not stop Redis under the app's feet: the app
// stops it after everything that uses it has stopped.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join, resolve } from "node:path";
import { Redis } from "ioredis";

export const REDIS_HELP =
  "Redis: no REDIS_URL and no redis-server found. Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL=redis://host:6379";

export function findRedisServer(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.REDIS_SERVER_BIN && existsSync(env.REDIS_SERVER_BIN)) return env.REDIS_SERVER_BIN;
  const dirs = [...(env.PATH ?? "").split(delimiter), "/usr/bin", "/usr/local/bin", "/usr/sbin", "/opt/homebrew/bin"];
  return dirs.map((d) => join(d, "redis-server")).find((p) => existsSync(p)) ?? null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface LocalRedis {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startLocalRedis(dataDir: string): Promise<LocalRedis | null> {
  const bin = findRedisServer();
  if (!bin) return null;
  const dir = resolve(dataDir, "redis");
  mkdirSync(dir, { recursive: true });
  const pidFile = join(dir, "redis.pid");
  // The caller holds DATA_DIR (the embedded database's lock), so a redis-server still running
  // from it was left by an app that was killed outright: it would write to the same files.
  stopLeftover(pidFile);
  const port = await freePort();
  const child = spawn(
    bin,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--appendonly",
      "yes",
      "--save",
      "",
      "--protected-mode",
      "yes",
      "--pidfile",
      pidFile,
    ],
    { stdio: "ignore", detached: true },
  );
  // Whatever way this process ends, its Redis does not outlive it.
  const onExit = () => child.exitCode === null && child.kill("SIGTERM");
  process.once("exit", onExit);
  const url = `redis://127.0.0.1:${port}`;
  await waitForRedis(url, child);
  return {
    url,
    stop: async () => {
      await stopChild(child);
      process.off("exit", onExit);
    },
  };
}

function stopLeftover(pidFile: string): void {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  const command = pid > 0 ? readCommand(pid) : null;
  if (command?.includes("redis-server")) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone in the meantime
    }
  }
  rmSync(pidFile, { force: true });
}

/** The command line of a live process, where the system shows it (Linux); null otherwise. */
function readCommand(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return null;
  }
}

async function waitForRedis(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.ping();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      client.disconnect();
    }
  }
  child.kill("SIGKILL");
  throw new Error("redis-server did not start within 10 s");
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      done();
    });
    child.kill("SIGTERM");
  });
}
