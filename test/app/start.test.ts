// `npm start` as a person runs it: embedded defaults, what it prints, health, Ctrl-C.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = mkdtempSync(join(tmpdir(), "forge-start-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function start(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, ["--import", "tsx", "app/main.ts", ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ENV_FILE: "",
      DATA_DIR: dataDir,
      PORT: "0",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const output = () => ({ stdout, stderr });
  const ready = async () => {
    const deadline = Date.now() + 60_000;
    while (!stdout.includes("Ready.")) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`did not start:\n${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, output, ready };
}

describe("npm start", () => {
  it("GIVEN no configuration THEN it migrates an embedded database, starts Redis, serves /healthz and /metrics, says what is disabled, and stops cleanly on Ctrl-C", async () => {
    const app = start({});
    await app.ready();
    const { stdout } = app.output();
    expect(stdout).toContain("embedded PGlite");
    expect(stdout).toContain("migrations applied now: 20261125000000_init");
    expect(stdout).toContain("Telegram: disabled, set TELEGRAM_BOT_TOKEN");
    expect(stdout).toContain("Discord: disabled, set DISCORD_TOKEN");
    // No CLONES mint: nobody can stake here, and it says so instead of computing 0% tiers quietly.
    expect(stdout).toContain("Staking tiers: off, no CLONES_MINT");
    expect(stdout).toContain("Dataset tokens: off, set DATASET_TOKENS=on (and CURVE_SECRET_KEY in the server role)");
    const url = /Server: (http:\/\/\S+)/.exec(stdout)![1]!;
    const redisUrl = /local redis-server at (redis:\/\/\S+)/.exec(stdout)?.[1];
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", checks: { database: "ok", redis: "ok", media: "ok" } });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain("forge_jobs_total");
    expect(metrics).toContain("forge_payouts_total");
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    app.child.kill("SIGINT");
    expect(await app.exited).toBe(0);
    expect(app.output().stdout).toContain("Stopped.");
    if (redisUrl) {
      const port = Number(new URL(redisUrl).port);
      const { createConnection } = await import("node:net");
      const refused = await new Promise<boolean>((resolve) => {
        const socket = createConnection(port, "127.0.0.1");
        socket.on("connect", () => (socket.destroy(), resolve(false)));
        socket.on("error", () => resolve(true));
      });
      expect(refused).toBe(true);
    }
  }, 90_000);

  it("GIVEN the same data folder THEN a second start finds the database up to date", async () => {
    const app = start({}, ["--role", "server"]);
    await app.ready();
    expect(app.output().stdout).toContain("migrations applied now: none (up to date)");
    expect(app.output().stdout).toContain("roles: server");
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
  }, 90_000);

  it.each([
    [{ DATABASE_URL: "mysql://u:secretpw@h/db" }, [], "DATABASE_URL"],
    [{ TELEGRAM_BOT_TOKEN: "not-a-token" }, [], "TELEGRAM_BOT_TOKEN"],
    [{ PORT: "99999" }, [], "PORT"],
    [{}, ["--role", "miner"], "--role"],
    // The server co-signs dataset-token trades: turned on, it needs the curve key…
    [{ DATASET_TOKENS: "on" }, ["--role", "server"], "CURVE_SECRET_KEY"],
    // …which must be a real key, and is never echoed.
    [{ DATASET_TOKENS: "on", CURVE_SECRET_KEY: "secretpw" }, ["--role", "server"], "CURVE_SECRET_KEY"],
  ])(
    "GIVEN bad configuration %j %j THEN it refuses to start, naming %s, without echoing secrets",
    async (env, args, name) => {
      const app = start(env, args);
      expect(await app.exited).toBe(1);
      const { stderr } = app.output();
      expect(stderr).toContain(name);
      expect(stderr).toContain("Invalid configuration");
      expect(stderr).not.toContain("secretpw");
      expect(stderr).not.toContain("not-a-token");
    },
    60_000,
  );
});

describe("the CLONES supply that staking tiers are measured against", () => {
  const MINT = "C1oNes1111111111111111111111111111111111111";
  const NO_RPC = "http://127.0.0.1:9/"; // nothing listens there: the read fails at once

  it.each([
    [{ CLONES_MINT: MINT, SOLANA_RPC_URL: NO_RPC }, "could not be read"],
    [{ CLONES_MINT: MINT }, "without SOLANA_RPC_URL"],
  ])(
    "GIVEN %j and no CLONES_SUPPLY THEN the worker refuses to start: %s, and what to set",
    async (env, why) => {
      const app = start(env, ["--role", "worker"]);
      expect(await app.exited).toBe(1);
      const { stderr } = app.output();
      expect(stderr).toContain("CLONES_SUPPLY");
      expect(stderr).toContain(why);
      expect(stderr).toContain("0%");
      expect(stderr).not.toContain("127.0.0.1:9");
      expect(stderr).not.toContain("    at "); // a message for the operator, not a stack trace
    },
    60_000,
  );

  it("GIVEN CLONES_SUPPLY THEN the worker starts and says the tiers use that setting", async () => {
    const app = start({ CLONES_MINT: MINT, SOLANA_RPC_URL: NO_RPC, CLONES_SUPPLY: "1000000000000000000" }, [
      "--role",
      "worker",
    ]);
    await app.ready();
    expect(app.output().stdout).toContain("Staking tiers: measured against CLONES_SUPPLY (1000000000 CLONES)");
    app.child.kill("SIGINT");
    expect(await app.exited).toBe(0);
  }, 90_000);
});

describe("the embedded database", () => {
  it("GIVEN one process using a data folder WHEN a second starts on it THEN the second refuses with a clear message", async () => {
    const first = start({}, ["--role", "server"]);
    await first.ready();
    const second = start({}, ["--role", "server"]);
    expect(await second.exited).toBe(1);
    expect(second.output().stderr).toContain("is in use by process");
    expect(second.output().stderr).toContain("DATABASE_URL");
    expect(second.output().stderr).not.toContain("    at "); // one line for the operator, no stack
    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
  }, 90_000);
});

describe("operating it", () => {
  it("GIVEN a worker with METRICS_PORT THEN it serves its own /healthz and /metrics, and stops them with it", async () => {
    const app = start({ METRICS_PORT: "0" }, ["--role", "worker"]);
    await app.ready();
    const url = /Health and metrics: (http:\/\/\S+)\/healthz/.exec(app.output().stdout)?.[1];
    expect(url, app.output().stdout).toBeDefined();
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", checks: { database: "ok", redis: "ok", media: "ok" } });
    const scrape = await (await fetch(`${url}/metrics`)).text();
    expect(scrape).toContain("forge_jobs_total");
    expect(scrape).toContain("forge_grading_duration_seconds");
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 90_000);

  it("GIVEN --migrate THEN it applies the migrations, says so and exits", async () => {
    const app = start({}, ["--migrate"]);
    expect(await app.exited).toBe(0);
    expect(app.output().stdout).toMatch(/migrations applied now: (none \(up to date\)|\d{14}_)/);
    expect(app.output().stdout).not.toContain("Ready.");
  }, 60_000);

  it.each([
    [{ DATABASE_URL: "postgresql://forge@127.0.0.1:9/forge" }, "refused the connection"],
    [{ REDIS_URL: "redis://127.0.0.1:9" }, "did not answer within"],
  ])(
    "GIVEN %j, which nothing answers THEN one clear line says so, no stack",
    async (env, says) => {
      const app = start(env, ["--role", "worker"]);
      expect(await app.exited).toBe(1);
      const { stderr } = app.output();
      expect(stderr).toContain(says);
      expect(stderr).not.toContain("    at ");
      expect(stderr.trim().split("\n")).toHaveLength(1);
    },
    60_000,
  );
});
