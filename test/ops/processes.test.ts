// The compose services run as plain processes (scripts/processes.ts): Postgres, Redis, the
// migration, the server, two workers and the bot, each from its docker-compose.yml settings.
// A farmer pairs through the bot and uploads to the server; the worker that takes the grading
// job is SIGKILLed in the middle of it (while the LLM judge, a local stub, holds its request),
// and the other worker finishes the job once BullMQ finds it stalled. Then every process is
// scraped once (printed for the release note) and SIGTERM stops them all.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRedisServer } from "../../app/local-redis.js";
import type { Factory } from "../../core/factories/factory.js";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { startProcesses, type Exit, type Processes, type RunningService } from "../../scripts/processes.js";
import { createTestDatabase, postgresUrl } from "../support/databases.js";
import { mockGrader, startOpenAiServer, type MockHandler, type OpenAiServer } from "../support/openai-server.js";
import { findPostgresBin } from "../support/postgres-server.js";
import { uploadWithCode } from "../support/recorder-upload.js";
import { makeRecording, zipRecording } from "../support/recording-fixtures.js";
import { scenario } from "../support/scenario.js";
import { E2E_TOKEN, Person, startEmulator } from "../support/telegram-emulator.js";
import { has } from "../support/xvfb.js";

const ready = has("ffmpeg") && Boolean(findPostgresBin()) && Boolean(findRedisServer());
const SOL = (n: number) => BigInt(Math.round(n * 1e9));
/** BullMQ's defaults: a dead worker's lock lapses within 30 s, and stalled jobs are looked for every 30 s. */
const STALLED_RECOVERY_MS = 100_000;

/** The first chat completion any worker asks for is held, so that worker is busy grading until it dies. */
function holdFirstCompletion() {
  let first = true;
  let heldBy!: (replica: string) => void;
  let release!: () => void;
  const held = new Promise<string>((resolve) => (heldBy = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const handler =
    (replica: string): MockHandler =>
    async (body) => {
      if (first) {
        first = false;
        heldBy(replica);
        await released;
      }
      return mockGrader(body);
    };
  return { held, release, handler };
}

async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)),
  );
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The farmer's way to a pairing code: the bot's factory list, the factory, the task. */
async function pairingCode(farmer: Person, factory: string, task: string): Promise<string> {
  const [welcome] = await farmer.send("/start");
  const [browse] = await farmer.press("Browse factories", welcome!);
  const [card] = await farmer.press(factory, browse!);
  const [instructions] = await farmer.press(task, card!);
  return /forge login ([A-Z2-9]{8})/.exec(instructions!.text)![1]!;
}

describe.skipIf(!ready)("the compose services as processes: server, two workers, bot", () => {
  const work = mkdtempSync(join(tmpdir(), "forge-ops-"));
  const gate = holdFirstCompletion();
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  const judges = new Map<string, OpenAiServer>();
  let processes: Processes;
  let db: Database;
  let factory: Factory;
  let s: ReturnType<typeof scenario>;
  let killed = "";
  const replica = (name: string) => processes.services.find((p) => p.name === name)!;
  const alive = () => processes.services.filter((p) => p.name !== killed);

  beforeAll(async () => {
    emulator = await startEmulator();
    // One judge per worker, so the held request says which worker holds the job.
    for (const r of ["worker-1", "worker-2"]) judges.set(r, await startOpenAiServer({ handler: gate.handler(r) }));
    const databaseUrl = await createTestDatabase(postgresUrl());
    const started = Date.now();
    processes = await startProcesses({
      databaseUrl,
      env: { ENV_FILE: "", LOG_LEVEL: "info", TELEGRAM_BOT_TOKEN: E2E_TOKEN, TELEGRAM_API_ROOT: emulator.apiRoot },
      envFor: (name): Record<string, string> => {
        const judge = judges.get(name);
        return judge ? { LLM_BASE_URL: judge.baseUrl, LLM_MODEL: "mock-grader" } : {};
      },
    });
    console.log(`Started in ${Date.now() - started} ms:\n${processes.describe().join("\n")}`);
    db = await openDatabase({ kind: "postgres", url: databaseUrl });
    s = scenario(prismaUnitOfWork(db.prisma));
    factory = await s.factory(await s.person("carol"), {
      name: "Spreadsheet skills",
      token: "SOL",
      rewardPerDemo: SOL(0.05),
      tasks: [{ title: "Sum a column", prompt: "Open the sheet and sum column B", app: "Sheets" }],
    });
    await s.fund(factory, SOL(1));
  }, 180_000);

  afterAll(async () => {
    await processes?.stop();
    gate.release();
    await Promise.all([...judges.values()].map((j) => j.close()));
    await emulator?.stop();
    await db?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("GIVEN the compose settings THEN each process answers /healthz with its checks ok and /metrics, on its own port, sharing one data folder", async () => {
    expect(processes.services.map((p) => p.name)).toEqual(["server", "worker-1", "worker-2", "bot"]);
    for (const p of processes.services) {
      const health = await fetch(p.healthUrl);
      const body = (await health.json()) as { status: string; checks: Record<string, string> };
      expect({ name: p.name, status: health.status, body }).toMatchObject({
        name: p.name,
        status: 200,
        body: {
          status: "ok",
          checks: { database: "ok", redis: "ok", ...(p.service === "worker" ? { media: "ok" } : {}) },
        },
      });
      const metrics = await fetch(p.metricsUrl);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain("forge_jobs_total");
    }
    expect(new Set(processes.services.map((p) => p.url)).size).toBe(4);
    expect(new Set(processes.services.map((p) => p.env.DATA_DIR))).toEqual(new Set([processes.volumes.data]));
  });

  it("GIVEN a recording uploaded to the server WHEN the worker grading it is SIGKILLed mid-job THEN the other worker grades it", async () => {
    const fred = new Person(emulator.server, 5001, "Fred", []);
    const code = await pairingCode(fred, "Spreadsheet skills", "Sum a column");
    const files = makeRecording(join(work, "recording"), { factoryId: factory.id, taskId: factory.tasks[0]!.id });
    const zip = await zipRecording(files, join(work, "recording.zip"));
    const upload = await uploadWithCode(replica("server").url, { code, zip });
    expect(upload.status).toBe("accepted");

    const holder = replica(await within(60_000, "a worker asking the judge", gate.held));
    const other = alive().find((p) => p.service === "worker" && p !== holder)!;
    holder.child.kill("SIGKILL");
    killed = holder.name;
    expect(await holder.exited).toEqual({ name: holder.name, code: null, signal: "SIGKILL" } satisfies Exit);
    const killedAt = Date.now();

    // The recording is graded once the survivor says so (its log line comes after the database's verdict).
    const graded = (p: RunningService) =>
      p
        .output()
        .split("\n")
        .some((line) => line.includes('"msg":"recording graded"') && line.includes(upload.recordingId));
    const deadline = killedAt + STALLED_RECOVERY_MS;
    while (!graded(other)) {
      if (Date.now() > deadline)
        throw new Error(`not graded ${STALLED_RECOVERY_MS} ms after the kill:\n${other.output()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    console.log(`${other.name} graded the recording ${Date.now() - killedAt} ms after ${holder.name} was killed`);
    expect((await s.core.getRecording(upload.recordingId))?.status).toBe("graded");
    expect(graded(holder)).toBe(false);
    expect(judges.get(other.name)!.requests.length).toBeGreaterThan(0);
  }, 180_000);

  it("GIVEN the grading done THEN one Prometheus scrape per process shows it (printed for the release note)", async () => {
    const scrapes = new Map<string, string>();
    for (const p of alive()) scrapes.set(p.name, await (await fetch(p.metricsUrl)).text());
    for (const [name, text] of scrapes) console.log(`--- Prometheus scrape of ${name}\n${text}`);
    const survivor = alive().find((p) => p.service === "worker")!;
    expect(scrapes.get(survivor.name)).toMatch(/^forge_grading_duration_seconds_count(\{[^}]*\})? [1-9]/m);
    expect(scrapes.get("bot")).toMatch(/^forge_updates_handled_total\{platform="telegram"\} [1-9]/m);
  });

  it("WHEN every process gets SIGTERM THEN each stops by itself with exit code 0", async () => {
    const exits = await processes.stop();
    for (const p of alive()) {
      expect(exits.find((e) => e.name === p.name)).toEqual({ name: p.name, code: 0, signal: null });
      expect(p.output()).toContain("Stopped.");
    }
  }, 60_000);
});
