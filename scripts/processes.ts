// The services of docker-compose.yml as plain processes, for a machine without a container
// engine (and for test/ops/processes.test.ts), from the same settings: each app service runs
// the image's command with its compose environment, where the postgres and redis services
// become a local Postgres (initdb in a temp folder, or DATABASE_URL, or a new database on
// TEST_DATABASE_URL) and a local redis-server, each named volume a folder, /run/secrets files
// the compose secrets' files, and every port a free loopback one. The migration runs once
// first; Ctrl-C or SIGTERM stops the app services (SIGTERM, SIGKILL after their
// stop_grace_period), then Redis and Postgres.
//   npx tsx scripts/processes.ts [--workers 2] [--services server,worker,bot] [--data-dir DIR]
// --data-dir keeps the volumes' folders (Redis's journal too); with DATABASE_URL as well, the
// whole state survives a restart. Like Compose's env_file, a .env file adds the settings that
// the compose environment does not set.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { findRedisServer, freePort, REDIS_HELP } from "../app/local-redis.js";
import { ROLES } from "../config/schemas.js";
import {
  durationMs,
  healthcheckUrl,
  healthPortVariable,
  isMigration,
  readCompose,
  readDockerfile,
  rolesOf,
  type ComposeFile,
  type ComposeService,
} from "../test/support/container-config.js";
import { createTestDatabase, startPostgres } from "../test/support/postgres-server.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SECRETS_DIR = "/run/secrets/";
/** Compose's default when a service sets no stop_grace_period. */
const DEFAULT_GRACE_MS = 10_000;
const OUTPUT_LIMIT = 4 * 1024 * 1024;
const DEFAULT_SCALE: Readonly<Record<string, number>> = { worker: 2 };

export interface ProcessesOptions {
  readonly composeFile?: string;
  readonly dockerfile?: string;
  /** App services to run; default: those `docker compose up` starts (no profile, not one-shot). */
  readonly services?: readonly string[];
  /** Replicas per service, as `--scale` (1 for a service not named); default: two workers. */
  readonly scale?: Readonly<Record<string, number>>;
  /** A database to use as it is; default: a new one on TEST_DATABASE_URL, or a throwaway server. */
  readonly databaseUrl?: string;
  /** Where the named volumes' folders go (kept); default: a temp folder, removed at stop. */
  readonly dataDir?: string;
  /** Added to every app service's environment, over the compose values. */
  readonly env?: Readonly<Record<string, string>>;
  /** Added to one replica's environment (by name: server, worker-1, ...), over everything else. */
  readonly envFor?: (replica: string) => Readonly<Record<string, string>>;
  /** Receives every output line of every process, prefixed with its name. */
  readonly print?: (line: string) => void;
  /** Stops the start-up (and what it started) when aborted. */
  readonly signal?: AbortSignal;
  readonly healthTimeoutMs?: number;
}

export interface Exit {
  readonly name: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface RunningService {
  /** The replica's name: the service's, with -1, -2... when it is scaled. */
  readonly name: string;
  readonly service: string;
  readonly child: ChildProcess;
  readonly env: Readonly<Record<string, string>>;
  /** Where it listens: the server's PORT, or METRICS_PORT. */
  readonly url: string;
  readonly healthUrl: string;
  readonly metricsUrl: string;
  readonly exited: Promise<Exit>;
  output(): string;
}

export interface Processes {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly volumes: Readonly<Record<string, string>>;
  readonly services: readonly RunningService[];
  /** One line per process and folder: where it runs. */
  describe(): string[];
  /** SIGTERM to every app process (SIGKILL after its grace), then Redis and Postgres go. */
  stop(): Promise<Exit[]>;
}

/** Things started, stopped in reverse order; a failed start stops what it had started. */
class Stack {
  private readonly stops: Array<() => Promise<void> | void> = [];
  push(stop: () => Promise<void> | void): void {
    this.stops.push(stop);
  }
  async unwind(): Promise<void> {
    for (const stop of this.stops.splice(0).reverse()) await stop();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The last lines of a process's output, for an error message. */
const tail = (output: string) => output.slice(-4_000);

/** Polls `ready` until it is true; fails when the process exits, the time is up or start-up is aborted. */
async function until(
  what: string,
  ready: () => Promise<boolean>,
  options: { exited: Promise<Exit>; timeoutMs: number; signal?: AbortSignal; output?: () => string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const state: { exit: Exit | null } = { exit: null };
  void options.exited.then((exit) => (state.exit = exit));
  for (;;) {
    options.signal?.throwIfAborted();
    if (await ready().catch(() => false)) return;
    const { exit } = state;
    if (exit)
      throw new Error(
        `${what}: exited (${exit.code ?? exit.signal}) before it was ready\n${tail(options.output?.() ?? "")}`,
      );
    if (Date.now() > deadline)
      throw new Error(`${what}: not ready after ${options.timeoutMs} ms\n${tail(options.output?.() ?? "")}`);
    await sleep(200);
  }
}

/** How a process ended, once its output is all read ('close' comes after 'exit' and the last output). */
function exitOf(name: string, child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => child.once("close", (code, signal) => resolve({ name, code, signal })));
}

/** SIGTERM, then SIGKILL to its whole process group (ffmpeg children too) after `graceMs`. */
async function terminate(child: ChildProcess, exited: Promise<Exit>, graceMs: number): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // gone already
    }
  }, graceMs);
  const exit = await exited;
  clearTimeout(timer);
  return exit;
}

/** The compose file's postgres service: an existing database, a new one on a test server, or a throwaway server. */
async function startDatabase(given: string | undefined, stack: Stack): Promise<{ url: string; where: string }> {
  if (given) return { url: given, where: "the database given" };
  const admin = process.env.TEST_DATABASE_URL;
  if (admin) return { url: await createTestDatabase(admin), where: "a new database on TEST_DATABASE_URL" };
  const server = await startPostgres();
  if (!server) throw new Error("No Postgres: install postgresql (initdb, pg_ctl) or set DATABASE_URL");
  stack.push(() => server.stop());
  return { url: server.url, where: "a throwaway server, initdb in a temp folder" };
}

/**
 * The compose file's redis service: redis-server with the service's own arguments, on a free
 * loopback port, in its own process group (a Ctrl-C in the terminal reaches this script only,
 * which stops Redis after the app).
 */
async function startRedis(service: ComposeService | undefined, dir: string, stack: Stack, signal?: AbortSignal) {
  const bin = findRedisServer();
  if (!bin) throw new Error(REDIS_HELP);
  const port = await freePort();
  const args = [...(service?.command?.slice(1) ?? []), "--port", String(port), "--bind", "127.0.0.1", "--dir", dir];
  const child = spawn(bin, args, { detached: true, stdio: "ignore" });
  const exited = exitOf("redis", child);
  stack.push(async () => void (await terminate(child, exited, DEFAULT_GRACE_MS)));
  const url = `redis://127.0.0.1:${port}`;
  const ping = async () => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === "PONG";
    } finally {
      client.disconnect();
    }
  };
  await until("redis-server", ping, { exited, timeoutMs: 10_000, signal });
  return { url, args: ["redis-server", ...args].join(" ") };
}

interface Stand {
  /** Local URLs of the compose services that app URLs name (postgres, redis). */
  readonly urls: Readonly<Record<string, string>>;
  readonly volumes: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
}

/** One compose value as it must read on this machine. */
function localValue(key: string, value: string, service: ComposeService, stand: Stand, ports: Record<string, number>) {
  if (ports[key] !== undefined) return String(ports[key]);
  if (key === "HOST" && value === "0.0.0.0") return "127.0.0.1"; // a container's own interface; here, loopback
  const host = URL.canParse(value) ? new URL(value).hostname : "";
  if (stand.urls[host]) return stand.urls[host];
  if (value.startsWith(SECRETS_DIR)) return stand.secrets[value.slice(SECRETS_DIR.length)] ?? value;
  const mount = service.volumes.find((v) => value === v.target || value.startsWith(`${v.target}/`));
  const folder = mount && stand.volumes[mount.source];
  return folder ? join(folder, posix.relative(mount.target, value)) : value;
}

export function localEnvironment(service: ComposeService, stand: Stand, ports: Record<string, number>) {
  return Object.fromEntries(
    Object.entries(service.environment).map(([key, value]) => [key, localValue(key, value, service, stand, ports)]),
  );
}

/** What `docker compose up` starts by default: the app's services, no profile, not one-shot. */
const defaultServices = (compose: ComposeFile) =>
  Object.values(compose.services)
    .filter((s) => s.build && !s.profiles.length && !isMigration(s))
    .map((s) => s.name);

function replicaNames(service: string, count: number): string[] {
  return count === 1 ? [service] : Array.from({ length: count }, (_, i) => `${service}-${i + 1}`);
}

interface Launch {
  readonly name: string;
  readonly command: readonly string[];
  readonly env: Record<string, string>;
  readonly print?: (line: string) => void;
}

/** Spawns one app process in its own process group, its output kept (and printed, when asked). */
function launch({ name, command, env, print }: Launch) {
  const [program, ...args] = command;
  const child = spawn(program === "node" ? process.execPath : program!, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout!, child.stderr!])
    createInterface({ input: stream }).on("line", (line) => {
      output = (output + line + "\n").slice(-OUTPUT_LIMIT);
      print?.(`${name.padEnd(9)}| ${line}`);
    });
  return { child, exited: exitOf(name, child), output: () => output };
}

interface Setup {
  readonly compose: ComposeFile;
  readonly command: (service: ComposeService) => readonly string[];
  readonly envOf: (name: string, service: ComposeService, ports: Record<string, number>) => Record<string, string>;
  readonly stack: Stack;
  readonly options: ProcessesOptions;
}

/** Runs the one-shot services (the migration) to completion; their last line says what they did. */
async function runOneShots(setup: Setup, wanted: readonly ComposeService[]): Promise<string[]> {
  const lines: string[] = [];
  for (const service of oneShotsFor(setup.compose, wanted)) {
    const { name } = service;
    const env = setup.envOf(name, service, {});
    const run = launch({ name, command: setup.command(service), env, print: setup.options.print });
    setup.stack.push(() => terminate(run.child, run.exited, DEFAULT_GRACE_MS).then(() => undefined));
    const exit = await run.exited;
    if (exit.code !== 0) throw new Error(`${name} failed (${exit.code ?? exit.signal}):\n${run.output()}`);
    lines.push(`${name.padEnd(9)} done: ${run.output().trim().split("\n").at(-1) ?? ""}`);
  }
  return lines;
}

const graceOf = (service: ComposeService) => durationMs(service.stopGracePeriod ?? "") || DEFAULT_GRACE_MS;

/** Starts one replica of an app service on free ports. */
async function startReplica(setup: Setup, service: ComposeService, name: string): Promise<RunningService> {
  const variables = ["PORT", "METRICS_PORT"].filter((k) => service.environment[k] !== undefined);
  const ports = Object.fromEntries(await Promise.all(variables.map(async (k) => [k, await freePort()] as const)));
  const healthVariable = healthPortVariable(rolesOf(service, ROLES));
  if (ports[healthVariable] === undefined)
    throw new Error(`${service.name}: ${healthVariable} is not set in the compose file, so it answers no /healthz`);
  const env = setup.envOf(name, service, ports);
  const run = launch({ name, command: setup.command(service), env, print: setup.options.print });
  setup.stack.push(() => terminate(run.child, run.exited, graceOf(service)).then(() => undefined));
  const base = `http://127.0.0.1:${env[healthVariable]}`;
  return {
    name,
    service: service.name,
    child: run.child,
    env,
    exited: run.exited,
    output: run.output,
    url: base,
    healthUrl: `${base}${healthcheckUrl(service)?.pathname ?? "/healthz"}`,
    metricsUrl: `${base}/metrics`,
  };
}

/** Starts every replica of the wanted services, then waits until each answers its /healthz with 200. */
async function startReplicas(setup: Setup, wanted: readonly ComposeService[]): Promise<RunningService[]> {
  const { scale = DEFAULT_SCALE, healthTimeoutMs = 120_000, signal } = setup.options;
  const services: RunningService[] = [];
  for (const service of wanted)
    for (const name of replicaNames(service.name, scale[service.name] ?? 1))
      services.push(await startReplica(setup, service, name));
  const healthy = (s: RunningService) => async () => (await fetch(s.healthUrl)).status === 200;
  await Promise.all(
    services.map((s) =>
      until(s.name, healthy(s), { exited: s.exited, timeoutMs: healthTimeoutMs, signal, output: s.output }),
    ),
  );
  return services;
}

/** Stand-ins for the backing services, volumes and secrets, and the lines saying where they are. */
async function standIns(
  compose: ComposeFile,
  composeFile: string,
  running: readonly ComposeService[],
  stack: Stack,
  options: ProcessesOptions,
) {
  const root = options.dataDir ? resolve(options.dataDir) : mkdtempSync(join(tmpdir(), "forge-processes-"));
  if (!options.dataDir) stack.push(() => rmSync(root, { recursive: true, force: true }));
  const backing = (image: string) => Object.values(compose.services).find((s) => s.image?.startsWith(image));
  // A folder for each named volume that a process run here mounts (Postgres keeps its own).
  const mounted = [...running, backing("redis")].flatMap((s) => s?.volumes.map((v) => v.source) ?? []);
  const volumes = Object.fromEntries(compose.volumes.filter((v) => mounted.includes(v)).map((v) => [v, join(root, v)]));
  for (const folder of Object.values(volumes)) mkdirSync(folder, { recursive: true });
  const database = await startDatabase(options.databaseUrl, stack);
  const redis = await startRedis(backing("redis"), volumes.redis ?? root, stack, options.signal);
  const secrets = Object.entries(compose.secrets).map(([name, s]) => [
    name,
    resolve(dirname(composeFile), s.file ?? ""),
  ]);
  const stand: Stand = {
    urls: { [backing("postgres")?.name ?? "postgres"]: database.url, [backing("redis")?.name ?? "redis"]: redis.url },
    volumes,
    secrets: Object.fromEntries(secrets),
  };
  const lines = [
    `postgres  ${redact(database.url)}: ${database.where}`,
    `redis     ${redis.url}: ${redis.args}`,
    ...Object.entries(volumes).map(([v, folder]) => `volume    ${v} → ${folder}`),
  ];
  return { stand, database, redis, volumes, lines };
}

/** Starts the services; see the module comment. */
export async function startProcesses(options: ProcessesOptions = {}): Promise<Processes> {
  const composeFile = options.composeFile ?? join(ROOT, "docker-compose.yml");
  const compose = readCompose(composeFile);
  const image = readDockerfile(options.dockerfile ?? join(ROOT, "Dockerfile"));
  const wanted = (options.services ?? defaultServices(compose)).map((name) => {
    const service = compose.services[name];
    if (!service?.build) throw new Error(`${name} is not an app service of the compose file`);
    return service;
  });
  const stack = new Stack();
  try {
    const running = [...wanted, ...oneShotsFor(compose, wanted)];
    const { stand, database, redis, volumes, lines } = await standIns(compose, composeFile, running, stack, options);
    const setup: Setup = {
      compose,
      stack,
      options,
      command: (service) => service.command ?? image.cmd ?? [],
      envOf: (name, service, ports) => ({
        ...localEnvironment(service, stand, ports),
        ...options.env,
        ...options.envFor?.(name),
      }),
    };
    lines.push(...(await runOneShots(setup, wanted)));
    const services = await startReplicas(setup, wanted);
    lines.push(...services.map((s) => `${s.name.padEnd(9)} pid ${s.child.pid}, ${s.healthUrl} and ${s.metricsUrl}`));
    let stopped: Promise<Exit[]> | null = null;
    const stopAll = async () => {
      const graces = services.map((s) => graceOf(compose.services[s.service]!));
      const exits = await Promise.all(services.map((s, i) => terminate(s.child, s.exited, graces[i]!)));
      await stack.unwind();
      return exits;
    };
    return {
      databaseUrl: database.url,
      redisUrl: redis.url,
      volumes,
      services,
      describe: () => [...lines],
      stop: () => (stopped ??= stopAll()),
    };
  } catch (error) {
    await stack.unwind();
    throw error;
  }
}

/** The one-shot services (the migration) that the wanted ones wait for, to run to completion first. */
function oneShotsFor(compose: ComposeFile, wanted: readonly ComposeService[]): ComposeService[] {
  const names = new Set(
    wanted.flatMap((s) =>
      Object.entries(s.dependsOn)
        .filter(([, condition]) => condition === "service_completed_successfully")
        .map(([name]) => name),
    ),
  );
  return [...names].map((name) => compose.services[name]!);
}

/** A URL without its password, for printing. */
function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workers: { type: "string", default: "2" },
      services: { type: "string" },
      "data-dir": { type: "string" },
    },
  });
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new Error("--workers must be a whole number, 1 or more");
  // The app processes run in process groups of their own: a Ctrl-C reaches this script only,
  // which stops them in order. Stopping is bounded (SIGKILL after each grace), so a later Ctrl-C
  // only says so; a repeat within a second is the same one (`npx tsx` relays its own copy).
  const abort = new AbortController();
  let first = 0;
  const onSignal = () => {
    if (first && Date.now() - first < 1_000) return;
    if (first) return void process.stdout.write("Still stopping (SIGKILL after the grace period)...\n");
    first = Date.now();
    process.stdout.write("\nStopping: the app services first, then Redis and Postgres...\n");
    abort.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const requested = new Promise((resolve) => abort.signal.addEventListener("abort", resolve));
  const running = await startProcesses({
    scale: { worker: workers },
    services: values.services?.split(",").map((s) => s.trim()),
    dataDir: values["data-dir"],
    databaseUrl: process.env.DATABASE_URL,
    print: (line) => process.stdout.write(`${line}\n`),
    signal: abort.signal,
  }).catch((error: unknown) => {
    if (!abort.signal.aborted) throw error;
    process.stdout.write("Stopped before everything had started.\n");
    process.exit(1);
  });
  process.stdout.write(`\n${running.describe().join("\n")}\nPress Ctrl-C to stop them all.\n`);
  await requested;
  const exits = await running.stop();
  for (const exit of exits) process.stdout.write(`${exit.name.padEnd(9)} exited ${exit.code ?? exit.signal}\n`);
  process.exit(exits.every((e) => e.code === 0) ? 0 : 1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
