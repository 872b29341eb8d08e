// Dataset exports on real graded recordings (ffmpeg, the grader, storage, PGlite): the creator
// asks, the worker's job builds the zip, and an independent Parquet reader (hyparquet) reads
// every step, keyframe and score back; then the next export holds only what is new.
import { mkdtempSync, rmSync, statSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { datasetExporter } from "../../../app/datasets/run-export.js";
import { keyedPseudonym } from "../../../app/datasets/pseudonym.js";
import { recordingKeys } from "../../../app/recording-intake.js";
import type { Account } from "../../../core/accounts/account.js";
import type { Watermark } from "../../../core/datasets/dataset-export.js";
import { createDatasets, type Datasets } from "../../../core/datasets/index.js";
import type { Factory } from "../../../core/factories/factory.js";
import type { Recording } from "../../../core/grading/recording.js";
import { openDatabase, type Database } from "../../../prisma/database.js";
import { prismaDatasetExportRepository } from "../../../prisma/repositories/dataset-export-repository.js";
import type { Tx } from "../../../prisma/repositories/tx.js";
import { prismaUnitOfWork } from "../../../prisma/unit-of-work.js";
import { localDiskStorage } from "../../../server/uploads/storage.js";
import { zipEntries } from "../../support/zip-entries.js";
import { arrowFields, readParquetWithArrow } from "../../support/arrow-parquet.js";
import { takeIn, testGrader } from "../../support/grading-rig.js";
import { memoryNotifier } from "../../support/memory-notifier.js";
import { click, makeRecording, T0, type, type ScriptedEvent } from "../../support/recording-fixtures.js";
import { USDC, scenario } from "../../support/scenario.js";

const SECRET = "test-datasets-secret-0123456789abcdef";

/** Keys typed into a password field, as the recorder writes them: no key, "*" typed. */
const masked = (ms: number, count: number): ScriptedEvent[] =>
  Array.from({ length: count }, (_, i) => [
    { event: "keydown", data: { key: "masked", actual_char: "*" }, time: T0 + ms + i * 120 },
    { event: "keyup", data: { key: "masked", actual_char: "*" }, time: T0 + ms + i * 120 + 50 },
  ]).flat();

type ParquetRow = Record<string, unknown> & { image: { bytes: Uint8Array | string; path: string } | null };

describe("dataset exports of a factory's paid recordings", () => {
  const work = mkdtempSync(join(tmpdir(), "forge-datasets-"));
  const storage = localDiskStorage(join(work, "blobs"));
  const { notifier } = memoryNotifier();
  let db: Database;
  let s: ReturnType<typeof scenario>;
  let f: Factory;
  let carol: Account;
  let datasets: Datasets;
  let exporter: ReturnType<typeof datasetExporter>;
  let uploads = 0;
  const paid: Recording[] = [];
  let firstUpTo: Watermark | null = null;

  const read = async (key: string) => {
    const chunks: Buffer[] = [];
    for await (const c of (await storage.get(key))!) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };
  const stepsOf = async (recordingId: string) =>
    JSON.parse((await read(recordingKeys(recordingId).sft)).toString()).steps as Array<Record<string, unknown>>;

  async function grade(farmer: Account, events?: ScriptedEvent[], options: { seed?: number; truncate?: boolean } = {}) {
    const dir = join(work, `rec-${++uploads}`);
    const files = makeRecording(dir, {
      factoryId: f.id,
      taskId: f.tasks[0]!.id,
      seconds: 12,
      seed: options.seed,
      events,
    });
    if (options.truncate) truncateSync(files.video, Math.floor(statSync(files.video).size / 2));
    s.deps.clock.advance(1_000);
    const id = await takeIn(
      s,
      { storage, workDir: work },
      { accountId: farmer.id, factory: f, uploadId: `upload-${uploads}`, files },
    );
    await testGrader(s, { storage, notifier, workDir: work })({ recordingId: id, regrade: false });
    return (await s.core.getRecording(id))!;
  }

  async function build(exportId: string) {
    const built = await exporter.run(exportId);
    expect(built.status).toBe("ready");
    const files = await zipEntries(await read(built.storageKey!));
    const shards = [...files.keys()].filter((n) => n.endsWith(".parquet")).sort();
    const rows: ParquetRow[] = [];
    for (const name of shards) {
      const bytes = files.get(name)!;
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      rows.push(...((await parquetReadObjects({ file, utf8: false })) as ParquetRow[]));
    }
    return { built, files, shards, rows };
  }

  beforeAll(async () => {
    db = await openDatabase({ kind: "pglite" });
    s = scenario(prismaUnitOfWork(db.prisma));
    carol = await s.person("carol");
    f = await s.factory(carol, { rewardPerDemo: USDC(2), threshold: 50 });
    await s.fund(f, USDC(100));
    const repo = prismaDatasetExportRepository(db.prisma as unknown as Tx);
    datasets = createDatasets({ uow: s.deps.uow, clock: s.deps.clock, ids: s.deps.ids, datasets: repo });
    exporter = datasetExporter({
      datasets: repo,
      uow: s.deps.uow,
      clock: s.deps.clock,
      storage,
      pseudonym: keyedPseudonym(SECRET),
      workDir: work,
    });
    const alice = await s.person("alice");
    const bob = await s.person("bob");
    paid.push(await grade(alice, undefined, { seed: 1 }));
    // A password typed between two words: the recording stores "*" for each key, never the key.
    const withPassword = [
      ...click(300, 400, 300),
      ...type(800, "login "),
      ...masked(1_800, 4),
      ...Array.from({ length: 4 }, (_, i) => [
        ...click(3_500 + i * 2_000, 200 + i * 90, 150),
        ...type(4_000 + i * 2_000, `sum${i} `),
      ]).flat(),
    ];
    paid.push(await grade(bob, withPassword));
    paid.push(await grade(alice, undefined, { seed: 3 }));
    await grade(bob, undefined, { truncate: true }); // rejected: never paid, never exported
  }, 240_000);
  afterAll(async () => {
    await db.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("GIVEN three paid recordings and a rejected one WHEN the creator exports THEN a Parquet reader finds every step, keyframe and score of the paid ones", async () => {
    expect(paid.map((r) => r.status)).toEqual(["graded", "graded", "graded"]);
    s.deps.clock.advance(61_000); // past the settle margin
    const asked = await datasets.requestDatasetExport({
      actor: { accountId: carol.id, isAdmin: false },
      factoryId: f.id,
    });
    expect(asked.ok && asked.value.created).toBe(true);
    const exp = asked.ok ? asked.value.export : null;
    expect(exp).toMatchObject({ status: "queued", sequence: 1, recordings: 3, after: null });

    const { built, files, shards, rows } = await build(exp!.id);
    firstUpTo = built.upTo;
    expect(shards).toEqual(["data/train-00000-of-00001-e0001.parquet"]);
    expect([...files.keys()].sort()).toEqual([
      "README.md",
      "data/train-00000-of-00001-e0001.parquet",
      "data/train-e0001.jsonl",
    ]);

    for (const recording of paid) {
      const steps = await stepsOf(recording.id);
      const mine = rows.filter((r) => r.recording_id === recording.id);
      expect(mine).toHaveLength(steps.length);
      expect(steps.length).toBeGreaterThan(3);
      for (const [i, row] of mine.entries()) {
        const step = steps[i]!;
        expect(row).toMatchObject({ step_index: i, action: step.kind, at_ms: step.atMs, frame_ms: step.frameMs });
        expect(row.x).toBe(step.x ?? null);
        expect(row.text).toBe(step.text ?? null);
        expect(row.score).toBe(recording.grade!.score);
        expect(row.score_components).toEqual(
          recording.grade!.components.map((c) => ({
            name: c.name,
            weight: c.weight,
            value: c.value,
            points: c.points,
          })),
        );
        expect(row.task).toBe(f.tasks[0]!.title);
        // The keyframe's exact JPEG bytes, in the Hugging Face Image struct.
        const jpeg = await read(String(step.keyframe));
        expect(row.image!.bytes).toBeInstanceOf(Uint8Array); // binary, as the Image feature stores it
        const bytes = Buffer.from(row.image!.bytes as Uint8Array);
        expect(bytes.equals(jpeg)).toBe(true);
        expect(bytes.subarray(0, 2).toString("hex")).toBe("ffd8");
        expect(row.image!.path).toBe(row.image_path);
      }
    }
    expect(rows).toHaveLength(built.steps!);

    // Farmers are pseudonyms: one per farmer, stable, not their account id.
    const farmerOf = (id: string) => new Set(rows.filter((r) => r.recording_id === id).map((r) => r.farmer_id));
    const [a1, b, a3] = paid.map((r) => [...farmerOf(r.id)]);
    expect(a1).toEqual(a3);
    expect(a1).not.toEqual(b);
    expect(a1![0]).toMatch(/^farmer-[0-9a-f]{24}$/);
    expect(JSON.stringify(rows)).not.toContain(paid[0]!.accountId);

    // Masked keys stay masked: the password is four "*", as stored.
    const typed = rows.filter((r) => r.recording_id === paid[1]!.id && r.action === "type").map((r) => r.text);
    expect(typed.join("")).toContain("****");

    // Arrow (arrow-rs, another implementation) reads the same rows with the types Hugging Face
    // expects: the Image feature's struct<bytes: binary, path: string>, lists, int32 scores.
    const arrow = readParquetWithArrow(files.get(shards[0]!)!);
    expect(arrow.numRows).toBe(rows.length);
    expect(arrowFields(arrow)).toEqual(
      expect.arrayContaining([
        "image: Struct<{bytes:Binary, path:Utf8}>",
        "keys: List<Utf8>",
        "score: Int32",
        "score_components: List<Struct<{name:Utf8, weight:Float64, value:Float64, points:Float64}>>",
        "step_index: Int32",
        "x: Int32",
        "text: Utf8",
      ]),
    );
    const firstImage = arrow.get(0)!.toJSON().image as { toJSON(): { bytes: Uint8Array; path: string } };
    expect(Buffer.from(firstImage.toJSON().bytes).equals(Buffer.from(rows[0]!.image!.bytes as Uint8Array))).toBe(true);
    expect(JSON.parse(arrow.schema.metadata.get("huggingface")!).info.features.image).toEqual({ _type: "Image" });

    // The Hugging Face features sit in the Parquet metadata as `datasets` writes them.
    const shard = files.get(shards[0]!)!;
    const meta = parquetMetadata(
      shard.buffer.slice(shard.byteOffset, shard.byteOffset + shard.byteLength) as ArrayBuffer,
    );
    const hf = JSON.parse(meta.key_value_metadata!.find((kv) => kv.key === "huggingface")!.value!);
    expect(hf.info.features.image).toEqual({ _type: "Image" });
    expect(hf.info.features.score).toEqual({ dtype: "int32", _type: "Value" });

    // The JSONL holds the same rows without image bytes.
    const lines = files
      .get("data/train-e0001.jsonl")!
      .toString()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(rows.length);
    expect(lines[0]).not.toHaveProperty("image");
    expect(lines[0]).toMatchObject({ recording_id: rows[0]!.recording_id, image_path: rows[0]!.image_path });

    // The card: YAML the Hub reads, and how scores are computed.
    const card = files.get("README.md")!.toString();
    const front = parseYaml(card.split("---\n")[1]!);
    expect(front).toMatchObject({
      license: "other",
      size_categories: ["n<1K"],
      task_categories: ["image-text-to-text"],
      configs: [{ config_name: "default", data_files: [{ split: "train", path: "data/train-*.parquet" }] }],
      dataset_info: { splits: [{ name: "train", num_examples: rows.length }] },
    });
    expect(front.dataset_info.features).toContainEqual({ name: "image", dtype: "image" });
    expect(card).toContain("## How scores are computed");
    expect(card).toContain("Export 1 of this factory: 3 recordings");
  });

  it("GIVEN an export is done WHEN asked again THEN there is nothing new; after one more paid recording THEN the next export holds only it", async () => {
    const actor = { accountId: carol.id, isAdmin: false };
    const again = await datasets.requestDatasetExport({ actor, factoryId: f.id });
    expect(!again.ok && again.error.code).toBe("DATASET_NOTHING_NEW");

    const late = await grade(await s.person("dave"), undefined, { seed: 5 });
    // Paid just now: left for later, so that a settlement still committing is never skipped.
    const tooSoon = await datasets.requestDatasetExport({ actor, factoryId: f.id });
    expect(!tooSoon.ok && tooSoon.error.code).toBe("DATASET_NOTHING_NEW");
    s.deps.clock.advance(61_000);
    const asked = await datasets.requestDatasetExport({ actor, factoryId: f.id });
    expect(asked.ok).toBe(true);
    const second = asked.ok ? asked.value.export : null;
    expect(second).toMatchObject({ sequence: 2, recordings: 1 });
    expect(second!.after).toEqual(firstUpTo); // it starts where the first one ended

    const { shards, rows } = await build(second!.id);
    expect(shards).toEqual(["data/train-00000-of-00001-e0002.parquet"]);
    expect(new Set(rows.map((r) => r.recording_id))).toEqual(new Set([late.id]));
  });

  it("GIVEN an export is queued WHEN the creator asks again THEN the same export is returned; another person is refused, an admin is not", async () => {
    await grade(await s.person("erin"), undefined, { seed: 7 });
    s.deps.clock.advance(61_000);
    const owner = { accountId: carol.id, isAdmin: false };
    const first = await datasets.requestDatasetExport({ actor: owner, factoryId: f.id });
    const second = await datasets.requestDatasetExport({ actor: owner, factoryId: f.id });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.value).toEqual({ created: false, export: first.value.export });

    const stranger = { accountId: (await s.person("mallory")).id, isAdmin: false };
    const refused = await datasets.requestDatasetExport({ actor: stranger, factoryId: f.id });
    expect(!refused.ok && refused.error.code).toBe("FACTORY_NOT_OWNER");
    const peek = await datasets.getDatasetExport({ actor: stranger, exportId: first.value.export.id });
    expect(!peek.ok && peek.error.code).toBe("FACTORY_NOT_OWNER");
    const admin = await datasets.getDatasetExport({
      actor: { accountId: stranger.accountId, isAdmin: true },
      exportId: first.value.export.id,
    });
    expect(admin.ok && admin.value.status).toBe("queued");
  });

  it("GIVEN a build given up after its last attempt THEN it is failed and its recordings go in the next export", async () => {
    const owner = { accountId: carol.id, isAdmin: false };
    const queued = await datasets.getDatasetOverview({ actor: owner, factoryId: f.id });
    const stuck = queued.ok ? queued.value.latest! : null;
    expect(stuck?.status).toBe("queued");
    await exporter.giveUp(stuck!.id, new Error("storage unreachable"));
    const failed = await datasets.getDatasetExport({ actor: owner, exportId: stuck!.id });
    expect(failed.ok && failed.value).toMatchObject({ status: "failed", error: "storage unreachable" });

    const overview = await datasets.getDatasetOverview({ actor: owner, factoryId: f.id });
    expect(overview.ok && overview.value.newRecordings).toBe(stuck!.recordings);
    const retried = await datasets.requestDatasetExport({ actor: owner, factoryId: f.id });
    expect(retried.ok && retried.value.export).toMatchObject({
      sequence: stuck!.sequence + 1,
      after: stuck!.after,
      upTo: stuck!.upTo,
      recordings: stuck!.recordings,
    });
    const { rows } = await build(retried.ok ? retried.value.export.id : "");
    expect(new Set(rows.map((r) => r.recording_id)).size).toBe(stuck!.recordings);
  });
});
