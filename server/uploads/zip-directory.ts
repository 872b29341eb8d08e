// Reads a zip's central directory entry by entry and decides, before anything is extracted,
// whether the archive is acceptable and which entries hold the recording's files.
import type { Entry, ZipFile } from "yauzl";
import yauzl from "yauzl";
import {
  FILE_NAMES,
  REQUIRED_FILES,
  classify,
  fail,
  isSymlink,
  mib,
  unsafeName,
  type ArchiveFailure,
  type ArchiveFile,
  type ArchiveLimits,
} from "./archive-rules.js";

export type Directory = { ok: true; value: Array<[ArchiveFile, Entry]> } | ArchiveFailure;

/** Validates every entry (names, types, sizes, duplicates) and picks the known files. */
export async function readDirectory(zip: ZipFile, destDir: string, l: ArchiveLimits): Promise<Directory> {
  const seen = new Set<string>();
  const picked = new Map<ArchiveFile, { entry: Entry; folder: string; name: string }>();
  let declaredTotal = 0;
  for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
    const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
    const unsafe = unsafeName(name, destDir);
    if (unsafe) return fail("ARCHIVE_UNSAFE_PATH", `The archive is unsafe: ${unsafe}.`);
    if (seen.has(name)) return fail("ARCHIVE_DUPLICATE_ENTRY", `The archive holds "${name}" twice.`);
    seen.add(name);
    if (isSymlink(entry.externalFileAttributes))
      return fail("ARCHIVE_SYMLINK", `The archive holds a symbolic link ("${name}"); links are not accepted.`);
    if (entry.isEncrypted()) return fail("ARCHIVE_ENCRYPTED", `"${name}" is encrypted; send an unencrypted archive.`);
    const known = name.endsWith("/") ? null : classify(name);
    if (!known) continue;
    const problem = checkDeclared(entry, known.file, l);
    if (problem) return problem;
    const earlier = picked.get(known.file);
    if (earlier) return fail("ARCHIVE_DUPLICATE_ENTRY", `The archive holds both "${earlier.name}" and "${name}".`);
    const other = [...picked.values()].find((p) => p.folder !== known.folder);
    if (other) return fail("ARCHIVE_LAYOUT", `"${other.name}" and "${name}" are in different folders.`);
    picked.set(known.file, { entry, folder: known.folder, name });
    declaredTotal += entry.uncompressedSize;
    if (declaredTotal > l.maxTotalBytes)
      return fail("ARCHIVE_TOO_LARGE", `The archive's files add up to more than ${mib(l.maxTotalBytes)}.`);
  }
  const missing = REQUIRED_FILES.filter((f) => !picked.has(f)).map((f) => FILE_NAMES[f]);
  if (missing.length) return fail("ARCHIVE_MISSING_FILE", `The archive lacks ${missing.join(", ")}.`);
  return { ok: true, value: [...picked].map(([file, p]) => [file, p.entry]) };
}

function checkDeclared(entry: Entry, file: ArchiveFile, l: ArchiveLimits): ArchiveFailure | null {
  const name = FILE_NAMES[file];
  if (!entry.canDecodeFileData())
    return fail("ARCHIVE_UNSUPPORTED", `${name} uses compression method ${entry.compressionMethod}; use deflate.`);
  if (entry.uncompressedSize > l.maxBytes[file])
    return fail(
      "ARCHIVE_ENTRY_TOO_LARGE",
      `${name} is ${mib(entry.uncompressedSize)}; at most ${mib(l.maxBytes[file])}.`,
    );
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > l.ratioFloorBytes && ratio > l.maxRatio)
    return fail("ARCHIVE_RATIO", `${name} claims to inflate ${Math.round(ratio)}:1 (a zip bomb?).`);
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
