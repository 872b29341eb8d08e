// Reads a zip's central directory entry by entry and decides, before anything is extracted,
// whether the archive is acceptable: every entry, used or not, passes the same header checks and
// counts against the declared total, and the walk says which entries hold the recording's files.
import type { Entry, ZipFile } from "yauzl";
import yauzl from "yauzl";
import {
  FILE_NAMES,
  REQUIRED_FILES,
  classify,
  declaredProblem,
  fail,
  isSymlink,
  printable,
  tooLarge,
  unsafeName,
  type ArchiveFailure,
  type ArchiveFile,
  type ArchiveLimits,
} from "./archive-rules.js";

/** An entry the walk accepted: the name messages give it, and the most it may inflate to. */
export interface Listed {
  readonly entry: Entry;
  readonly name: string;
  readonly maxBytes: number;
}
/** One of the recording's files. */
export interface Picked extends Listed {
  readonly file: ArchiveFile;
}
/** Every entry of an acceptable archive: the recording's files, and the others, to measure and leave out. */
export type Directory = { ok: true; value: { files: Picked[]; others: Listed[] } } | ArchiveFailure;

/** Validates every entry (names, types, declared sizes, duplicates, layout) and picks the known files. */
export async function readDirectory(zip: ZipFile, destDir: string, l: ArchiveLimits): Promise<Directory> {
  const seen = new Set<string>();
  const picked = new Map<ArchiveFile, Picked & { folder: string; path: string }>();
  const others: Listed[] = [];
  let declaredTotal = 0;
  for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
    const path = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
    const refused = refusedEntry(entry, path, destDir, seen);
    if (refused) return refused;
    const known = path.endsWith("/") ? null : classify(path);
    const listed: Listed = known
      ? { entry, name: FILE_NAMES[known.file], maxBytes: l.maxBytes[known.file] }
      : { entry, name: printable(path), maxBytes: l.maxOtherBytes };
    const problem = declaredProblem(listed.name, entry, listed.maxBytes, l);
    if (problem) return problem;
    if (known) {
      const earlier = picked.get(known.file);
      if (earlier) return fail("ARCHIVE_DUPLICATE_ENTRY", `The archive holds both "${earlier.path}" and "${path}".`);
      const other = [...picked.values()].find((p) => p.folder !== known.folder);
      if (other) return fail("ARCHIVE_LAYOUT", `"${other.path}" and "${path}" are in different folders.`);
      picked.set(known.file, { ...listed, file: known.file, folder: known.folder, path });
    } else others.push(listed);
    // Used or not, every entry counts: the unused ones are inflated too, only into nothing.
    declaredTotal += entry.uncompressedSize;
    if (declaredTotal > l.maxTotalBytes) return tooLarge(l);
  }
  const missing = REQUIRED_FILES.filter((f) => !picked.has(f)).map((f) => FILE_NAMES[f]);
  if (missing.length) return fail("ARCHIVE_MISSING_FILE", `The archive lacks ${missing.join(", ")}.`);
  return { ok: true, value: { files: [...picked.values()], others } };
}

/** Why an entry may not be in the archive at all, whatever its name means: path, duplicate, type, encryption. */
function refusedEntry(entry: Entry, path: string, destDir: string, seen: Set<string>): ArchiveFailure | null {
  const unsafe = unsafeName(path, destDir);
  if (unsafe) return fail("ARCHIVE_UNSAFE_PATH", `The archive is unsafe: ${unsafe}.`);
  if (seen.has(path)) return fail("ARCHIVE_DUPLICATE_ENTRY", `The archive holds "${path}" twice.`);
  seen.add(path);
  if (isSymlink(entry.externalFileAttributes))
    return fail("ARCHIVE_SYMLINK", `The archive holds a symbolic link ("${path}"); links are not accepted.`);
  if (entry.isEncrypted()) return fail("ARCHIVE_ENCRYPTED", `"${path}" is encrypted; send an unencrypted archive.`);
  return null;
}

/** The next central-directory entry, null at the end; a damaged directory rejects. */
function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const done = () => {
      zip.off("entry", onEntry).off("end", onEnd).off("error", onError);
    };
    const onEntry = (entry: Entry) => (done(), resolve(entry));
    const onEnd = () => (done(), resolve(null));
    const onError = (error: Error) => (done(), reject(error));
    zip.on("entry", onEntry).on("end", onEnd).on("error", onError);
    zip.readEntry();
  });
}
