// npm run bench -- datasets: BENCH export_steps_per_s, building one export of a factory of
// 1,000 paid recordings (20 steps each, a keyframe JPEG per step) from local blob storage into
// a zip of Parquet shards, JSONL and the card: the export builder's own speed (the recordings'
// page reads are served from memory, so the database is not what is measured). Then dataset
// tokens' quotes and trade requests over HTTP (bench/dataset-tokens.ts).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildExport } from "../app/datasets/build-export.js";
import { keyedPseudonym } from "../app/datasets/pseudonym.js";
import { recordingKeys } from "../app/recording-intake.js";
import type { DatasetExport } from "../core/datasets/dataset-export.js";
import type { ExportableRecording } from "../core/datasets/dataset-row.js";
import type { Factory } from "../core/factories/factory.js";
import { localDiskStorage } from "../server/uploads/storage.js";
import { benchDatasetTokens } from "./dataset-tokens.js";

type Report = (name: string, value: number, unit: string) => void;

const RECORDINGS = 1_000;
const STEPS = 20;

export async function benchDatasets(report: Report): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "forge-bench-datasets-"));
  try {
    const storage = localDiskStorage(join(work, "blobs"));
    const frame = join(work, "frame.jpg");
    execFileSync("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360", "-frames:v", "1", frame]);
    const jpeg = readFileSync(frame);
    const at = new Date("2026-12-01T00:00:00Z");
    const recordings: ExportableRecording[] = [];
    for (let r = 0; r < RECORDINGS; r++) {
      const id = `bench-${String(r).padStart(5, "0")}`;
      const keys = recordingKeys(id);
      const steps = [];
      for (let s = 0; s < STEPS; s++) {
        const keyframe = `${keys.prefix}frames/frame-${s}.jpg`;
        await storage.put(keyframe, jpeg);
        steps.push({
          kind: s % 2 ? "type" : "click",
          atMs: s * 500,
          frameMs: s * 500,
          x: 10 + s,
          y: 20,
          text: s % 2 ? "sum" : undefined,
          keyframe,
        });
      }
      await storage.put(keys.sft, Buffer.from(JSON.stringify({ recording_id: id, task: "Sum", steps })));
      recordings.push({
        recordingId: id,
        accountId: `farmer-${r % 50}`,
        taskId: "task-1",
        paidAt: new Date(at.getTime() + r),
        grade: {
          score: 80,
          rejected: false,
          components: [],
          reasons: [],
          actionCount: STEPS,
          durationMs: 10_000,
          llm: null,
        },
      });
    }
    const factory = {
      id: "factory-bench",
      name: "Bench",
      useCase: "Benchmarks",
      threshold: 50,
      tasks: [{ id: "task-1", title: "Sum", prompt: "Sum a column", app: null }],
    } as unknown as Factory;
    const exp: DatasetExport = {
      id: "export-bench",
      factoryId: factory.id,
      sequence: 1,
      requestedBy: "bench",
      status: "queued",
      progress: 0,
      after: null,
      upTo: { at, id: recordings.at(-1)!.recordingId },
      recordings: RECORDINGS,
      steps: null,
      storageKey: null,
      sizeBytes: null,
      error: null,
      createdAt: at,
      finishedAt: null,
    };
    const started = performance.now();
    const built = await buildExport({
      storage,
      export: exp,
      factory,
      pseudonym: keyedPseudonym("bench-secret-0123456789abcdef0123456789"),
      workDir: work,
      source: {
        page: async (last, limit) => {
          const from = last ? recordings.indexOf(last) + 1 : 0;
          return recordings.slice(from, from + limit);
        },
      },
    });
    const seconds = (performance.now() - started) / 1000;
    report("export_steps_per_s", built.steps / seconds, "steps/s");
    report("export_mb", built.sizeBytes / 1_048_576, "MB");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  await benchDatasetTokens(report);
}
