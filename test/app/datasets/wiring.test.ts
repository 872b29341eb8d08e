// Dataset exports as the app wires them: the creator's request queues a job, the datasets
// worker (real Redis) builds it into storage, and the signed link downloads it over HTTP.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildDatasetExports, DATASET_LINK_TTL_MS, type DatasetExports } from "../../../app/datasets.js";
import { exportNotice } from "../../../bots/flows/datasets.js";
import { createI18n } from "../../../bots/i18n.js";
import type { DatasetExport } from "../../../core/datasets/dataset-export.js";
import type { Factory } from "../../../core/factories/factory.js";
import { openDatabase, type Database } from "../../../prisma/database.js";
import { prismaUnitOfWork } from "../../../prisma/unit-of-work.js";
import { startHttpServer } from "../../../server/http-server.js";
import { localDiskStorage } from "../../../server/uploads/storage.js";
import { takeIn, testGrader } from "../../support/grading-rig.js";
import { memoryNotifier } from "../../support/memory-notifier.js";
import { makeRecording } from "../../support/recording-fixtures.js";
import { createTestDatabase, postgresUrl } from "../../support/databases.js";
import { startTestRedis } from "../../support/redis.js";
import { zipEntries } from "../../support/zip-entries.js";
import { USDC, scenario } from "../../support/scenario.js";

describe("dataset exports wired as the app runs them", () => {
  const work = mkdtempSync(join(tmpdir(), "forge-datasets-wiring-"));
  const storage = localDiskStorage(join(work, "blobs"));
  let db: Database;
  let s: ReturnType<typeof scenario>;
  let f: Factory;
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  let connections: Redis[];
  let exportsApp: DatasetExports;
  let worker: ReturnType<DatasetExports["startWorker"]>;
  const told: DatasetExport[] = [];
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let creator: string;

  beforeAll(async () => {
    // The production path: a Postgres server (global setup starts one), PGlite where there is none.
    db = postgresUrl()
      ? await openDatabase({ kind: "postgres", url: await createTestDatabase(postgresUrl()) })
      : await openDatabase({ kind: "pglite" });
    s = scenario(prismaUnitOfWork(db.prisma, { query: db.query, pool: db.pool }));
    redis = await startTestRedis();
    connections = [0, 1].map(() => new Redis(redis.url, { maxRetriesPerRequest: null }));
    const carol = await s.person("carol");
    creator = carol.id;
    f = await s.factory(carol, { rewardPerDemo: USDC(2), threshold: 50 });
    await s.fund(f, USDC(100));
    const farmer = await s.person("alice");
    const files = makeRecording(join(work, "rec"), { factoryId: f.id, taskId: f.tasks[0]!.id, seconds: 12, seed: 2 });
    const id = await takeIn(
      s,
      { storage, workDir: work },
      { accountId: farmer.id, factory: f, uploadId: "wired-1", files },
    );
    await testGrader(s, { storage, notifier: memoryNotifier().notifier, workDir: work })({
      recordingId: id,
      regrade: false,
    });
    s.deps.clock.advance(61_000);
    const options = {
      secret: "wiring-test-secret-0123456789abcdef",
      db,
      storage,
      connection: connections[0]!,
      workDir: work,
      clock: s.deps.clock,
    };
    server = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      checks: {},
      metrics: async () => ({ contentType: "text/plain", body: "" }),
      onError: () => undefined,
      routes: [buildDatasetExports({ ...options, publicUrl: undefined, connection: null })!.routes()],
    });
    exportsApp = buildDatasetExports({ ...options, publicUrl: server.url })!;
    worker = exportsApp.startWorker(connections[1]!, async (e) => void told.push(e));
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await exportsApp?.close();
    await server?.close();
    for (const c of connections ?? []) c.disconnect();
    await redis?.stop();
    await db?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("GIVEN a paid recording WHEN the creator asks THEN the worker builds the export and its signed link downloads it until it expires", async () => {
    const asked = await exportsApp.requestDatasetExport({
      actor: { accountId: creator, isAdmin: false },
      factoryId: f.id,
    });
    expect(asked.ok && asked.value.created).toBe(true);
    const exportId = asked.ok ? asked.value.export.id : "";
    let ready = null;
    for (let i = 0; i < 600 && !ready; i++) {
      const seen = await exportsApp.getDatasetExport({ actor: { accountId: creator, isAdmin: false }, exportId });
      if (seen.ok && seen.value.status === "ready") ready = seen.value;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(ready).toMatchObject({ status: "ready", progress: 100, recordings: 1 });
    // The person who asked is told, once, with the download link.
    await vi.waitFor(() =>
      expect(told.map((e) => [e.id, e.status, e.requestedBy])).toEqual([[exportId, "ready", creator]]),
    );
    const dm = exportNotice(told[0]!, "https://forge.example/d")(createI18n().translator("en"));
    expect(dm.text).toContain("Export 1 is ready: 1 recordings");
    expect(dm.buttons).toEqual([[{ label: "⬇️ Download export 1", url: "https://forge.example/d" }]]);

    const link = exportsApp.link(exportId)!;
    expect(link).toMatch(new RegExp(`^${server.url}/datasets/${exportId}\\?exp=\\d+&sig=[\\w-]+$`));
    const res = await fetch(link);
    expect(res.status).toBe(200);
    const files = await zipEntries(Buffer.from(await res.arrayBuffer()));
    const shard = files.get("data/train-00000-of-00001-e0001.parquet")!;
    const rows = await parquetReadObjects({
      file: shard.buffer.slice(shard.byteOffset, shard.byteOffset + shard.byteLength) as ArrayBuffer,
    });
    expect(rows.length).toBe(ready!.steps);
    expect(new Set(rows.map((r) => r.recording_id))).toEqual(new Set(["wired-1"]));

    // The same link after it expired is refused.
    s.deps.clock.advance(DATASET_LINK_TTL_MS + 1_000);
    expect((await fetch(link)).status).toBe(403);
  });
});
