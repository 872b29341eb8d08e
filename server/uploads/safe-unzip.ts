// Unpacks a recording archive without trusting anything in it: the directory is checked in full
// before a byte is written, and only the known files are extracted, under fixed names, while
// counting the bytes actually inflated (declared sizes are attacker-controlled).
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import {
  DEFAULT_ARCHIVE_LIMITS,
  FILE_NAMES,
  fail,
  mib,
  type ArchiveFailure,
  type ArchiveFile,
  type ArchiveLimits,
} from "./archive-rules.js";
import { readDirectory } from "./zip-directory.js";

export type ArchivePaths = { video: string; inputLog: string; meta: string; sft?: string };
export type ArchiveResult = { ok: true; value: { files: ArchivePaths; totalBytes: number } } | ArchiveFailure;

/**
 * Checks the archive at `zipPath` and extracts recording.mp4, input_log.jsonl, meta.json (and
 * sft.json if present) into `destDir` under those fixed names. Fails with ARCHIVE_CORRUPT,
 * ARCHIVE_UNSAFE_PATH, ARCHIVE_SYMLINK, ARCHIVE_ENCRYPTED, ARCHIVE_UNSUPPORTED,
 * ARCHIVE_TOO_MANY_ENTRIES, ARCHIVE_ENTRY_TOO_LARGE, ARCHIVE_TOO_LARGE, ARCHIVE_RATIO, ARCHIVE_SIZE_MISMATCH,
 * ARCHIVE_DUPLICATE_ENTRY, ARCHIVE_LAYOUT or ARCHIVE_MISSING_FILE, leaving nothing behind.
 */
export async function inspectArchive(
  zipPath: string,
  destDir: string,
  limits: Partial<ArchiveLimits> = {},
): Promise<ArchiveResult> {
  const l: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...limits };
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false, // we validate names ourselves, to answer with a precise reason
      validateEntrySizes: false, // counted below, with a precise reason
    });
  } catch (error) {
    return fail("ARCHIVE_CORRUPT", `The file is not a readable zip archive (${reason(error)}).`);
  }
  const written: string[] = [];
  try {
    const result = await unpack(zip, destDir, l, written);
    if (!result.ok) await Promise.all(written.map((path) => rm(path, { force: true })));
    return result;
  } finally {
    zip.close();
  }
}

async function unpack(zip: ZipFile, destDir: string, l: ArchiveLimits, written: string[]): Promise<ArchiveResult> {
  try {
    if (zip.entryCount > l.maxEntries)
      return fail("ARCHIVE_TOO_MANY_ENTRIES", `The archive has ${zip.entryCount} entries; at most ${l.maxEntries}.`);
    const directory = await readDirectory(zip, destDir, l);
    if (!directory.ok) return directory;
    await mkdir(destDir, { recursive: true });
    const files: Partial<Record<ArchiveFile, string>> = {};
    let total = 0;
    for (const [file, entry] of directory.value) {
      const target = join(destDir, FILE_NAMES[file]);
      written.push(target);
      const extracted = await extract(zip, entry, file, target, l, l.maxTotalBytes - total);
      if (!extracted.ok) return extracted;
      total += extracted.bytes;
      files[file] = target;
    }
    const { video, inputLog, meta, sft } = files as ArchivePaths;
    return { ok: true, value: { files: { video, inputLog, meta, ...(sft ? { sft } : {}) }, totalBytes: total } };
  } catch (error) {
    return fail("ARCHIVE_CORRUPT", `The archive is damaged (${reason(error)}).`);
  }
}

class LimitExceeded extends Error {
  constructor(readonly failure: ArchiveFailure) {
    super(failure.message);
  }
}

async function extract(
  zip: ZipFile,
  entry: Entry,
  file: ArchiveFile,
  target: string,
  l: ArchiveLimits,
  totalLeft: number,
): Promise<ArchiveFailure | { ok: true; bytes: number }> {
  const name = FILE_NAMES[file];
  let bytes = 0;
  const over = (code: ArchiveFailure["code"], message: string) => new LimitExceeded(fail(code, message));
  // Headers are the attacker's: the inflated bytes are counted, and the first byte past the
  // declared size (or past any limit) stops the stream.
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > entry.uncompressedSize)
        return done(over("ARCHIVE_SIZE_MISMATCH", `${name} inflates beyond the size its header declares.`));
      if (bytes > l.maxBytes[file])
        return done(over("ARCHIVE_ENTRY_TOO_LARGE", `${name} exceeds ${mib(l.maxBytes[file])}.`));
      if (bytes > totalLeft) return done(over("ARCHIVE_TOO_LARGE", `The archive exceeds ${mib(l.maxTotalBytes)}.`));
      if (bytes > l.ratioFloorBytes && bytes > Math.max(1, entry.compressedSize) * l.maxRatio)
        return done(over("ARCHIVE_RATIO", `${name} inflates more than ${l.maxRatio}:1.`));
      done(null, chunk);
    },
    flush(done) {
      if (bytes !== entry.uncompressedSize)
        return done(over("ARCHIVE_SIZE_MISMATCH", `${name} is shorter than its header declares.`));
      done();
    },
  });
  try {
    const source = await zip.openReadStreamPromise(entry);
    // "wx": never follow or overwrite something already at the target.
    await pipeline(source, counter, createWriteStream(target, { flags: "wx" }));
    return { ok: true, bytes };
  } catch (error) {
    await rm(target, { force: true });
    if (error instanceof LimitExceeded) return error.failure;
    return fail("ARCHIVE_CORRUPT", `${name} in the archive is damaged (${reason(error)}).`);
  }
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 200);
