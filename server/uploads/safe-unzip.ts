// Unpacks a recording archive without trusting anything in it: the directory is checked in full
// before a byte is written, every entry is inflated and counted against the limits (declared
// sizes are attacker-controlled), and only the known files are written, under fixed names.
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import {
  DEFAULT_ARCHIVE_LIMITS,
  FILE_NAMES,
  fail,
  mib,
  type ArchiveFailure,
  type ArchiveLimits,
} from "./archive-rules.js";
import { readDirectory, type Listed } from "./zip-directory.js";

export type ArchivePaths = { video: string; inputLog: string; meta: string; sft?: string };
export type ArchiveResult = { ok: true; value: { files: ArchivePaths; totalBytes: number } } | ArchiveFailure;
type Counted = ArchiveFailure | { ok: true; bytes: number };

/**
 * Checks the archive at `zipPath` and extracts recording.mp4, input_log.jsonl, meta.json (and
 * sft.json if present) into `destDir` under those fixed names; any other entry is inflated and
 * counted against the limits first, then left out. `totalBytes` is what was extracted. Fails with
 * ARCHIVE_CORRUPT, ARCHIVE_UNSAFE_PATH, ARCHIVE_SYMLINK, ARCHIVE_ENCRYPTED, ARCHIVE_UNSUPPORTED,
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
    const { files, others } = directory.value;
    // What the known files declare stays theirs while the others are measured.
    const reserved = files.reduce((sum, f) => sum + f.entry.uncompressedSize, 0);
    const measured = await measure(zip, others, l, l.maxTotalBytes - reserved);
    if (!measured.ok) return measured;
    await mkdir(destDir, { recursive: true });
    const paths: Partial<ArchivePaths> = {};
    let extracted = 0;
    for (const f of files) {
      const target = join(destDir, FILE_NAMES[f.file]);
      written.push(target);
      const sink = () => createWriteStream(target, { flags: "wx" }); // never follow or overwrite
      const counted = await inflate(zip, f, l, l.maxTotalBytes - measured.bytes - extracted, sink);
      if (!counted.ok) return counted;
      extracted += counted.bytes;
      paths[f.file] = target;
    }
    const { video, inputLog, meta, sft } = paths as ArchivePaths;
    return { ok: true, value: { files: { video, inputLog, meta, ...(sft ? { sft } : {}) }, totalBytes: extracted } };
  } catch (error) {
    return fail("ARCHIVE_CORRUPT", `The archive is damaged (${reason(error)}).`);
  }
}

/**
 * Inflates each entry that is not a known file into nothing, before anything is written, so that
 * no entry is taken at its header's word: each stops at its `maxBytes`, the ratio, or `budget`.
 */
async function measure(zip: ZipFile, others: readonly Listed[], l: ArchiveLimits, budget: number): Promise<Counted> {
  let bytes = 0;
  for (const other of others) {
    // yauzl reads exactly compressedSize bytes: with none there is nothing to inflate.
    if (other.entry.compressedSize === 0) continue;
    const counted = await inflate(zip, other, l, budget - bytes, discard);
    if (!counted.ok) return counted;
    bytes += counted.bytes;
  }
  return { ok: true, bytes };
}

const discard = () => new Writable({ write: (_chunk, _enc, done) => done() });

class LimitExceeded extends Error {
  constructor(readonly failure: ArchiveFailure) {
    super(failure.message);
  }
}

/** Inflates an entry into `sink()`, stopping at the first byte past any limit. */
async function inflate(
  zip: ZipFile,
  { entry, name, maxBytes }: Listed,
  l: ArchiveLimits,
  totalLeft: number,
  sink: () => Writable,
): Promise<Counted> {
  const count = counter(entry, name, maxBytes, l, totalLeft);
  try {
    const source = await zip.openReadStreamPromise(entry);
    await pipeline(source, count.stream, sink());
    return { ok: true, bytes: count.bytes() };
  } catch (error) {
    if (error instanceof LimitExceeded) return error.failure;
    return fail("ARCHIVE_CORRUPT", `${name} in the archive is damaged (${reason(error)}).`);
  }
}

// Headers are the attacker's: the inflated bytes are counted, and the first byte past the
// declared size (or past any limit) stops the stream.
function counter(entry: Entry, name: string, maxBytes: number, l: ArchiveLimits, totalLeft: number) {
  let bytes = 0;
  const over = (code: ArchiveFailure["code"], message: string) => new LimitExceeded(fail(code, message));
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > entry.uncompressedSize)
        return done(over("ARCHIVE_SIZE_MISMATCH", `${name} inflates beyond the size its header declares.`));
      if (bytes > maxBytes) return done(over("ARCHIVE_ENTRY_TOO_LARGE", `${name} exceeds ${mib(maxBytes)}.`));
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
  return { stream, bytes: () => bytes };
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 200);
