import { readFile, readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { userError } from "../cli/cli-error.js";
import { readEvents, type InputEvent } from "../recording/events.js";
import { RecordingMeta } from "../recording/meta.js";
import { recordingDir, recordingsDir } from "./forge-home.js";

/** The files of one recording folder. */
export const FILES = {
  video: "recording.mp4",
  events: "input_log.jsonl",
  meta: "meta.json",
  sft: "sft.json",
  zip: "upload.zip",
  uploadState: "upload.json",
  uploaded: "uploaded.json",
} as const;

export interface RecordingPaths {
  readonly dir: string;
  readonly video: string;
  readonly events: string;
  readonly meta: string;
  readonly sft: string;
  readonly zip: string;
  readonly uploadState: string;
  readonly uploaded: string;
}

export function pathsOf(dir: string): RecordingPaths {
  const at = (name: string) => join(dir, name);
  return {
    dir,
    video: at(FILES.video),
    events: at(FILES.events),
    meta: at(FILES.meta),
    sft: at(FILES.sft),
    zip: at(FILES.zip),
    uploadState: at(FILES.uploadState),
    uploaded: at(FILES.uploaded),
  };
}

export interface LoadedRecording {
  readonly id: string;
  readonly paths: RecordingPaths;
  readonly meta: RecordingMeta;
  readonly events: InputEvent[];
}

/** Loads meta and events of a recording; an unknown id or a damaged meta.json is a user error. */
export async function loadRecording(home: string, id: string): Promise<LoadedRecording> {
  const paths = pathsOf(recordingDir(home, id));
  const text = await readFile(paths.meta, "utf8").catch(() => null);
  if (text === null) throw userError(`no recording "${id}" (see forge list)`);
  const meta = RecordingMeta.safeParse(parseJson(text));
  if (!meta.success) throw userError(`recording "${id}" has a damaged meta.json: ${meta.error.issues[0]?.message}`);
  const events = await readEvents(paths.events).catch(() => []);
  return { id, paths, meta: meta.data, events };
}

export async function saveMeta(paths: RecordingPaths, meta: RecordingMeta): Promise<void> {
  await writeFile(paths.meta, `${JSON.stringify(meta, null, 2)}\n`);
}

/** Ids of the recording folders, oldest first (ids start with their date). */
export async function listRecordingIds(home: string): Promise<string[]> {
  const names = await readdir(recordingsDir(home)).catch(() => [] as string[]);
  const ids: string[] = [];
  for (const name of names.sort()) {
    const info = await stat(join(recordingsDir(home), name, FILES.meta)).catch(() => null);
    if (info?.isFile()) ids.push(name);
  }
  return ids;
}

/** A new id like 20250101-120000-3f9a: sortable by date, unique enough for one machine. */
export function newRecordingId(now: Date, random: () => number = Math.random): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const suffix = Math.floor(random() * 0x10000)
    .toString(16)
    .padStart(4, "0");
  return `${date}-${time}-${suffix}`;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
