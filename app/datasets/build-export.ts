// Builds one export into blob storage as a zip: Parquet shards in the layout Hugging Face
// `datasets` loads (data/train-*.parquet), the same rows as JSON lines, and the dataset card.
// Recordings are read a page at a time and written a row group at a time, so a factory of any
// size is exported with a bounded amount of memory; the files wait in a scratch folder.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import yazl from "yazl";
import { datasetCard } from "../../core/datasets/dataset-card.js";
import type { DatasetExport } from "../../core/datasets/dataset-export.js";
import {
  datasetRows,
  StoredStepsSchema,
  type DatasetRow,
  type ExportableRecording,
  type Pseudonym,
} from "../../core/datasets/dataset-row.js";
import type { Factory } from "../../core/factories/factory.js";
import type { BlobStorage } from "../../server/uploads/storage.js";
import { recordingKeys } from "../recording-intake.js";
import { openShard, type ShardRow, type ShardWriter } from "./parquet-shard.js";

/** Recordings per Parquet shard (about 100k steps, a few GB of keyframes, at most). */
export const RECORDINGS_PER_SHARD = 1_000;
/** A row group is written when it holds this many rows or this many keyframe bytes. */
const GROUP_ROWS = 512;
const GROUP_BYTES = 32 * 1024 * 1024;
const PAGE = 100;
/** Keyframes read from storage at once. */
const READ_AHEAD = 16;

export interface ExportSource {
  /** Pages of the export's recordings in watermark order, each after the last one given. */
  page(after: ExportableRecording | null, limit: number): Promise<readonly ExportableRecording[]>;
}

export interface BuildInput {
  readonly storage: BlobStorage;
  readonly source: ExportSource;
  readonly export: DatasetExport;
  readonly factory: Factory;
  readonly pseudonym: Pseudonym;
  readonly workDir: string;
  /** 0..1 as recordings are written. */
  readonly onProgress?: (fraction: number) => Promise<void>;
}

export interface Built {
  readonly storageKey: string;
  readonly sizeBytes: number;
  readonly steps: number;
  readonly files: readonly string[];
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The shard names: `-of-` as Hugging Face counts them, then the export's number so exports unpack side by side. */
export const shardNames = (sequence: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `data/train-${pad(i, 5)}-of-${pad(count, 5)}-e${pad(sequence, 4)}.parquet`);

export const exportKey = (e: Pick<DatasetExport, "factoryId" | "id">) =>
  `datasets/${e.factoryId.toLowerCase()}/${e.id.toLowerCase()}.zip`;

async function readAll(storage: BlobStorage, key: string): Promise<Buffer | null> {
  const body = await storage.get(key);
  if (!body) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function write(stream: Writable, text: string) {
  if (!stream.write(text)) await once(stream, "drain");
}

export async function buildExport(input: BuildInput): Promise<Built> {
  const { storage, factory } = input;
  const total = input.export.recordings;
  const shards = shardNames(input.export.sequence, Math.max(1, Math.ceil(total / RECORDINGS_PER_SHARD)));
  const jsonlName = `data/train-e${pad(input.export.sequence, 4)}.jsonl`;
  const dir = await mkdtemp(join(input.workDir, "dataset-"));
  try {
    await mkdir(join(dir, "data"));
    const jsonl = createWriteStream(join(dir, jsonlName));
    let shard: ShardWriter | null = null;
    let group: ShardRow[] = [];
    let groupBytes = 0;
    let done = 0;
    let steps = 0;
    const flush = async () => {
      await shard!.write(group);
      group = [];
      groupBytes = 0;
    };
    let last: ExportableRecording | null = null;
    for (;;) {
      const page = await input.source.page(last, PAGE);
      if (page.length === 0) break;
      for (const recording of page) {
        if (done % RECORDINGS_PER_SHARD === 0) {
          if (shard) await flush().then(() => shard!.close());
          shard = await openShard(join(dir, shards[done / RECORDINGS_PER_SHARD]!));
        }
        const recordingSteps = await stepsOf(input, recording);
        // Keyframes are read a few at a time (storage answers in parallel), never a whole long
        // recording's pictures at once.
        for (let from = 0; from < recordingSteps.length; from += READ_AHEAD) {
          const batch = recordingSteps.slice(from, from + READ_AHEAD);
          const images = await Promise.all(
            batch.map(({ row, keyframe }) => (keyframe && row.image_path ? readAll(storage, keyframe) : null)),
          );
          for (const [i, { row: plain }] of batch.entries()) {
            const bytes = images[i];
            const row: ShardRow = {
              ...plain,
              image: bytes && plain.image_path ? { bytes, path: plain.image_path } : null,
            };
            group.push(row);
            groupBytes += row.image?.bytes.byteLength ?? 0;
            await write(jsonl, `${JSON.stringify({ ...row, image: undefined })}\n`);
            steps++;
            if (group.length >= GROUP_ROWS || groupBytes >= GROUP_BYTES) await flush();
          }
        }
        done++;
      }
      last = page.at(-1)!;
      await input.onProgress?.(done / Math.max(total, 1));
    }
    if (done !== total) throw new Error(`export ${input.export.id}: expected ${total} recordings, found ${done}`);
    if (shard) await flush().then(() => shard!.close());
    jsonl.end();
    await once(jsonl, "finish");
    const card = datasetCard({
      factoryName: factory.name,
      useCase: factory.useCase,
      sequence: input.export.sequence,
      recordings: done,
      steps,
      threshold: factory.threshold,
      shards,
      jsonl: jsonlName,
      paidFrom: input.export.after?.at ?? null,
      paidUntil: input.export.upTo.at,
    });
    const files = ["README.md", ...shards, jsonlName];
    const storageKey = exportKey(input.export);
    await storeZip(storage, storageKey, dir, files, card);
    const size = (await storage.stat(storageKey))?.size ?? 0;
    return { storageKey, sizeBytes: size, steps, files };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A recording's rows and their keyframes' keys, from the steps the grader stored (never the client's). */
async function stepsOf(
  input: BuildInput,
  recording: ExportableRecording,
): Promise<Array<{ row: DatasetRow; keyframe: string | null }>> {
  const keys = recordingKeys(recording.recordingId);
  const body = await readAll(input.storage, keys.sft);
  if (!body) throw new Error(`recording ${recording.recordingId}: its steps are missing from storage`);
  const stored = StoredStepsSchema.parse(JSON.parse(body.toString("utf8")));
  const task = input.factory.tasks.find((t) => t.id === recording.taskId);
  if (!task) throw new Error(`recording ${recording.recordingId}: task ${recording.taskId} not in the factory`);
  const rows = datasetRows({
    factoryId: input.factory.id,
    recording,
    task,
    steps: stored.steps,
    pseudonym: input.pseudonym,
  });
  return rows.map((row, i) => ({ row, keyframe: stored.steps[i]!.keyframe ?? null }));
}

/** Zips the folder's files (stored, not deflated: Parquet and JPEG are compressed already) into storage as it goes. */
async function storeZip(storage: BlobStorage, key: string, dir: string, files: readonly string[], card: string) {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(card, "utf8"), "README.md");
  for (const name of files.slice(1)) zip.addReadStream(createReadStream(join(dir, name)), name, { compress: false });
  zip.end();
  await storage.put(key, zip.outputStream as unknown as Readable);
}
