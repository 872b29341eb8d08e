// Embedded default for REDIS_URL: a redis-server child process on a free loopback port,
// persisting to DATA_DIR/redis so queued jobs survive a restart.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
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
    ],
    {
      stdio: "ignore",
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitForRedis(url, child);
  return { url, stop: () => stopChild(child) };
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
