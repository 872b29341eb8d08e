// What a recording archive may hold, and the limits that keep unpacking it cheap and contained.
import { isAbsolute, resolve, sep } from "node:path";

export type ArchiveFile = "video" | "inputLog" | "meta" | "sft";

/**
 * Known entry names → the role they play. Anything else in an archive is inflated and counted
 * against the limits like these (`maxOtherBytes` each), then left out.
 */
export const ARCHIVE_FILES: Readonly<Record<string, ArchiveFile>> = {
  "recording.mp4": "video",
  "input_log.jsonl": "inputLog",
  "meta.json": "meta",
  "sft.json": "sft",
};
export const REQUIRED_FILES: readonly ArchiveFile[] = ["video", "inputLog", "meta"];
export const FILE_NAMES: Readonly<Record<ArchiveFile, string>> = {
  video: "recording.mp4",
  inputLog: "input_log.jsonl",
  meta: "meta.json",
  sft: "sft.json",
};

export type ArchiveCode =
  | "ARCHIVE_CORRUPT"
  | "ARCHIVE_UNSAFE_PATH"
  | "ARCHIVE_SYMLINK"
  | "ARCHIVE_ENCRYPTED"
  | "ARCHIVE_UNSUPPORTED"
  | "ARCHIVE_TOO_MANY_ENTRIES"
  | "ARCHIVE_ENTRY_TOO_LARGE"
  | "ARCHIVE_TOO_LARGE"
  | "ARCHIVE_RATIO"
  | "ARCHIVE_SIZE_MISMATCH"
  | "ARCHIVE_DUPLICATE_ENTRY"
  | "ARCHIVE_LAYOUT"
  | "ARCHIVE_MISSING_FILE";

export interface ArchiveLimits {
  readonly maxEntries: number;
  /** Inflated bytes of all extracted files together. */
  readonly maxTotalBytes: number;
  /** Inflated:compressed ratio allowed once an entry is larger than `ratioFloorBytes`. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
  readonly maxBytes: Readonly<Record<ArchiveFile, number>>;
  /** Inflated bytes of any one entry that is not a known file (measured, then left out). */
  readonly maxOtherBytes: number;
}

const MiB = 1024 * 1024;
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 16,
  maxTotalBytes: 1024 * MiB + 96 * MiB,
  // Video does not compress and event logs compress ~10-30:1; 200:1 is only reached by padding.
  maxRatio: 200,
  ratioFloorBytes: MiB,
  maxBytes: { video: 1024 * MiB, inputLog: 64 * MiB, meta: 256 * 1024, sft: 16 * MiB },
  // Room for notes and __MACOSX/._* forks; nothing the server throws away may cost it more.
  maxOtherBytes: 16 * MiB,
};

export interface ArchiveFailure {
  readonly ok: false;
  readonly code: ArchiveCode;
  readonly message: string;
}

export const fail = (code: ArchiveCode, message: string): ArchiveFailure => ({ ok: false, code, message });

/** What a header says about an entry's data; all of it is the sender's word. */
export interface DeclaredEntry {
  readonly compressionMethod: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  canDecodeFileData(): boolean;
}

/** Why an entry's header alone rules it out (method, size over `maxBytes`, ratio), or null. */
export function declaredProblem(
  name: string,
  entry: DeclaredEntry,
  maxBytes: number,
  l: ArchiveLimits,
): ArchiveFailure | null {
  if (!entry.canDecodeFileData())
    return fail("ARCHIVE_UNSUPPORTED", `${name} uses compression method ${entry.compressionMethod}; use deflate.`);
  if (entry.uncompressedSize > maxBytes)
    return fail("ARCHIVE_ENTRY_TOO_LARGE", `${name} is ${mib(entry.uncompressedSize)}; at most ${mib(maxBytes)}.`);
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > l.ratioFloorBytes && ratio > l.maxRatio)
    return fail("ARCHIVE_RATIO", `${name} claims to inflate ${Math.round(ratio)}:1 (a zip bomb?).`);
  return null;
}

export const tooLarge = (l: ArchiveLimits): ArchiveFailure =>
  fail("ARCHIVE_TOO_LARGE", `The archive's files add up to more than ${mib(l.maxTotalBytes)}.`);

/** Why an entry name is unsafe to even consider, or null when it is a plain relative path. */
export function unsafeName(name: string, destDir: string): string | null {
  if (name.length === 0) return "an entry has an empty name";
  if (name.includes("\0")) return "an entry name contains a NUL byte";
  if (name.includes("\\")) return `entry "${printable(name)}" uses backslashes`;
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name) || isAbsolute(name))
    return `entry "${printable(name)}" has an absolute path`;
  if (name.split("/").includes("..")) return `entry "${printable(name)}" climbs out of the archive with ".."`;
  const root = resolve(destDir);
  if (!resolve(root, name).startsWith(root + sep)) return `entry "${printable(name)}" resolves outside the archive`;
  return null;
}

/** The role of an entry at the top level or inside one top-level folder, with that folder. */
export function classify(name: string): { file: ArchiveFile; folder: string } | null {
  const parts = name.split("/");
  if (parts.length > 2) return null;
  const file = ARCHIVE_FILES[parts[parts.length - 1] ?? ""];
  return file ? { file, folder: parts.length === 2 ? (parts[0] ?? "") : "" } : null;
}

/** Unix mode bits live in the high half of the external attributes. */
export const isSymlink = (externalFileAttributes: number): boolean =>
  ((externalFileAttributes >>> 16) & 0o170000) === 0o120000;

// Entry names go back to the person in messages: keep them short and free of control bytes.
export const printable = (name: string): string => name.replace(/[\u0000-\u001f\u007f]/g, "?").slice(0, 120); // eslint-disable-line no-control-regex

export const mib = (bytes: number): string => `${(bytes / MiB).toFixed(bytes < MiB ? 2 : 0)} MiB`;
