import { lstat, readFile, readdir, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { userError } from "../cli/cli-error.js";
import { readEvents, type InputEvent } from "../recording/events.js";
import { RecordingMeta } from "../recording/meta.js";
import {
  createPrivately,
  ensurePrivateDir,
  ensurePrivateHome,
  makePrivate,
  PRIVATE_DIR_MODE,
  recordingDir,
  recordingsDir,
  writePrivateFile,
} from "./forge-home.js";

/** A recording id as a folder name: no separators, no leading dot, so never a path. */
export const RecordingId = z
  .string({ error: "a recording id is required (see forge list)" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$/, "a recording id has only letters, digits, '.', '_' and '-'");

/** The files of one recording folder. */
export const FILES = {
  video: "recording.mp4",
  events: "input_log.jsonl",
  meta: "meta.json",
  sft: "sft.json",
  zip: "upload.zip",
  uploadState: "upload.json",
  uploaded: "uploaded.json",
  /** Written when recording starts and removed once meta.json is saved: its presence marks an unfinished one. */
  inProgress: "in-progress.json",
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
  readonly inProgress: string;
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
    inProgress: at(FILES.inProgress),
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
  await keepPrivate(home, paths.dir);
  const text = await readFile(paths.meta, "utf8").catch(() => null);
  if (text === null) {
    if ((await lstat(paths.dir).catch(() => null))?.isDirectory())
      throw userError(
        `recording "${id}" is incomplete (still being recorded, or interrupted before it was saved), so it cannot be used; forge delete ${id} removes it`,
      );
    throw userError(`no recording "${id}" (see forge list)`);
  }
  const meta = RecordingMeta.safeParse(parseJson(text));
  if (!meta.success) throw userError(`recording "${id}" has a damaged meta.json: ${meta.error.issues[0]?.message}`);
  const events = await readEvents(paths.events).catch(() => []);
  return { id, paths, meta: meta.data, events };
}

export async function saveMeta(paths: RecordingPaths, meta: RecordingMeta): Promise<void> {
  await writePrivateFile(paths.meta, `${JSON.stringify(meta, null, 2)}\n`);
}

/**
 * Before a command reads or writes a recording: what it and its children create from now on is
 * private, and the home, the recordings folder and this recording are tightened if an earlier
 * version (or another program) left them readable by others.
 */
export async function keepPrivate(home: string, dir?: string): Promise<void> {
  createPrivately();
  for (const folder of [home, recordingsDir(home)]) {
    const info = await stat(folder).catch(() => null);
    if (info?.isDirectory() && (info.mode & 0o777) !== PRIVATE_DIR_MODE) await ensurePrivateDir(folder);
  }
  if (dir) await makePrivate(dir);
}

const InProgress = z.object({ startedAt: z.number(), pid: z.number().int().positive().optional() });
export type InProgress = z.infer<typeof InProgress>;

/**
 * Creates the folder of a recording that starts now, private to the user (0700) along with the
 * home and the recordings folder, and marks it in progress (who records it, since when), so a
 * recording cut short (a second Ctrl-C, a crash, a kill) is still listed and can be deleted.
 */
export async function createRecordingFolder(
  home: string,
  id: string,
  startedAt: number,
  pid: number = process.pid,
): Promise<RecordingPaths> {
  await ensurePrivateHome(home);
  const paths = pathsOf(recordingDir(home, id));
  await ensurePrivateDir(paths.dir);
  await writePrivateFile(paths.inProgress, `${JSON.stringify({ startedAt, pid })}\n`);
  return paths;
}

/** After meta.json is saved: the recording is complete, and every file in it (ffmpeg's too) is private. */
export async function finishRecordingFolder(paths: RecordingPaths): Promise<void> {
  await rm(paths.inProgress, { force: true });
  await makePrivate(paths.dir);
}

export async function readInProgress(paths: RecordingPaths): Promise<InProgress | null> {
  const text = await readFile(paths.inProgress, "utf8").catch(() => null);
  if (text === null) return null;
  const parsed = InProgress.safeParse(parseJson(text));
  return parsed.success ? parsed.data : null;
}

/** A folder in the recordings folder: complete once it has meta.json, incomplete before. */
export interface RecordingEntry {
  readonly id: string;
  readonly paths: RecordingPaths;
  readonly complete: boolean;
}

/**
 * Every recording folder, oldest first: complete ones, and incomplete ones (no meta.json) that a
 * killed or twice-interrupted `forge record` left behind. Entries that are not folders, or
 * whose names are not recording ids, are not recordings and are left alone.
 */
export async function listRecordings(home: string): Promise<RecordingEntry[]> {
  await keepPrivate(home);
  const names = await readdir(recordingsDir(home)).catch(() => [] as string[]);
  const entries: RecordingEntry[] = [];
  for (const name of names.sort()) {
    if (!RecordingId.safeParse(name).success) continue;
    const paths = pathsOf(recordingDir(home, name));
    const info = await lstat(paths.dir).catch(() => null);
    if (!info?.isDirectory()) continue;
    await makePrivate(paths.dir);
    const meta = await stat(paths.meta).catch(() => null);
    entries.push({ id: name, paths, complete: meta?.isFile() === true });
  }
  return entries;
}

/**
 * The recording `id` of this home, or null when `id` is not one: the id must be a plain folder
 * name, resolve to a direct child of the recordings folder, and be listed there.
 */
export async function findRecording(home: string, id: string): Promise<RecordingEntry | null> {
  if (!RecordingId.safeParse(id).success) return null;
  const root = resolve(recordingsDir(home));
  if (dirname(resolve(root, id)) !== root) return null;
  return (await listRecordings(home)).find((entry) => entry.id === id) ?? null;
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
