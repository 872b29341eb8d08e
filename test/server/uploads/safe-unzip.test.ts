// The hostile-archive corpus, generated here: each archive is refused with its own code, quickly
// and in bounded memory, and no file is written anywhere (the sandbox around the work folder is
// listed before and after, and watched while the archive is unpacked).
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from "../../../server/uploads/archive-rules.js";
import { ingestArchive } from "../../../server/uploads/ingest-archive.js";
import { inspectArchive } from "../../../server/uploads/safe-unzip.js";
import {
  deflatedZeros,
  patchCentral,
  rawZipOf,
  recordingEntries,
  renameBytes,
  stored,
  validMeta,
  zipOf,
  type RawEntry,
  type ZipEntry,
} from "./archive-builder.js";

let sandbox: string;
let work: string;
beforeEach(async () => {
  sandbox = await mkdtemp(join(tmpdir(), "unzip-sandbox-"));
  work = join(sandbox, "work");
  await mkdir(work);
});
afterEach(() => rm(sandbox, { recursive: true, force: true }));

const filesUnder = async (dir: string) =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((d) => !d.isDirectory())
    .map((d) => join(d.parentPath, d.name))
    .sort();

async function inspect(zip: Buffer, limits: Partial<ArchiveLimits> = {}) {
  const zipPath = join(work, "in.zip");
  await writeFile(zipPath, zip);
  const before = await filesUnder(sandbox);
  const watch = watchUnpacking(join(work, "out"));
  const started = performance.now();
  const result = await inspectArchive(zipPath, join(work, "out"), limits);
  const ms = performance.now() - started;
  return { result, before, after: await filesUnder(sandbox), ms, ...(await watch.stop()) };
}

/** Samples, while an archive is unpacked, the largest file in `dir` and the process's memory. */
function watchUnpacking(dir: string) {
  const rss = process.memoryUsage.rss();
  let largestFile = 0;
  let peakRss = rss;
  const sample = async () => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    const files = await filesUnder(dir).catch(() => []);
    for (const f of files) largestFile = Math.max(largestFile, (await stat(f).catch(() => ({ size: 0 }))).size);
  };
  const timer = setInterval(() => void sample(), 2);
  return {
    stop: async () => (clearInterval(timer), await sample(), { largestFile, rssGrowth: peakRss - rss }),
  };
}

const MiB = 1024 * 1024;
const withEntry = (extra: ZipEntry) => zipOf([...recordingEntries(), extra]);
const zeros = (n: number) => Buffer.alloc(n);

// 2 GiB of zeros as ~2 MiB of deflate, built once (the CRC alone takes a second).
let twoGiB: RawEntry | undefined;
const twoGiBOfZeros = () => (twoGiB ??= deflatedZeros(2048));
/** A valid recording as the original Forge app stores it, and one more entry written raw. */
const besideRecording = (extra: RawEntry) => rawZipOf([...recordingEntries().map(stored), extra]);
const bomb = (name: string, claims?: number) => async () =>
  besideRecording({ ...twoGiBOfZeros(), name, ...(claims === undefined ? {} : { size: claims }) });
const fiveBytesClaiming = (size: number) => async () =>
  besideRecording({ name: "notes.bin", method: 8, data: deflateRawSync("hello"), size, crc: crc32("hello") });

describe("GIVEN a well-formed recording archive", () => {
  it("WHEN its files are at the top level THEN they are extracted under fixed names, byte for byte", async () => {
    const entries = [...recordingEntries(), { name: "sft.json", data: "[]" }];
    const { result } = await inspect(await zipOf(entries));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { files, totalBytes } = result.value;
    expect(files).toEqual({
      video: join(work, "out", "recording.mp4"),
      inputLog: join(work, "out", "input_log.jsonl"),
      meta: join(work, "out", "meta.json"),
      sft: join(work, "out", "sft.json"),
    });
    expect(await readFile(files.video)).toEqual(Buffer.alloc(4096, 7));
    expect(await readFile(files.meta, "utf8")).toBe(validMeta());
    expect(totalBytes).toBe(entries.reduce((n, e) => n + Buffer.byteLength(e.data), 0));
  });

  it("WHEN it is written as the original Forge app writes it, stored and flat with sft.json and extras, THEN the four files are taken and the extras measured and left out", async () => {
    const entries = [
      ...recordingEntries(),
      { name: "sft.json", data: '{"steps":[]}' },
      { name: "notes.txt", data: "what I did" },
      { name: "__MACOSX/", data: "" },
      { name: "__MACOSX/._recording.mp4", data: "x".repeat(4096) },
    ].map(stored);
    const { result, after } = await inspect(rawZipOf(entries));
    expect(result).toMatchObject({ ok: true, value: { totalBytes: 4096 + 63 + validMeta().length + 12 } });
    expect(after.map((f) => f.slice(work.length + 1)).sort()).toEqual([
      "in.zip",
      join("out", "input_log.jsonl"),
      join("out", "meta.json"),
      join("out", "recording.mp4"),
      join("out", "sft.json"),
    ]);
  });

  it("WHEN it is a zipped folder with unknown extras THEN the folder's files are taken and the extras ignored", async () => {
    const zip = await zipOf([
      ...recordingEntries("My Recording/"),
      { name: "My Recording/notes.txt", data: "hi" },
      { name: "__MACOSX/My Recording/._meta.json", data: "junk" },
    ]);
    const { result, after } = await inspect(zip);
    expect(result.ok).toBe(true);
    expect(after.map((f) => f.slice(work.length + 1)).sort()).toEqual([
      "in.zip",
      join("out", "input_log.jsonl"),
      join("out", "meta.json"),
      join("out", "recording.mp4"),
    ]);
  });
});

const forged = {
  traversal: async () => renameBytes(await withEntry({ name: "Q9/evil", data: "x" }), "Q9/evil", "../evil"),
  absolute: async () => renameBytes(await withEntry({ name: "Qetc/x", data: "x" }), "Qetc/x", "/etc/x"),
  nestedTraversal: async () =>
    renameBytes(await withEntry({ name: "dir/Q9/Z8/x", data: "x" }), "dir/Q9/Z8/x", "dir/../../x"),
  backslash: async () => renameBytes(await withEntry({ name: "Q9Zevil", data: "x" }), "Q9Zevil", "..\\evil"),
  drive: async () => renameBytes(await withEntry({ name: "Q9/x", data: "x" }), "Q9/x", "C:/x"),
  nul: async () => renameBytes(await withEntry({ name: "evilQ.txt", data: "x" }), "evilQ.txt", "evil\0.txt"),
};

type Case = [
  what: string,
  build: () => Promise<Buffer>,
  code: string,
  message: RegExp,
  limits?: Partial<ArchiveLimits>,
];
const hostile: Case[] = [
  ['an entry named "../evil"', forged.traversal, "ARCHIVE_UNSAFE_PATH", /climbs out/],
  ['an absolute entry "/etc/x"', forged.absolute, "ARCHIVE_UNSAFE_PATH", /absolute path/],
  ['an entry "dir/../../x"', forged.nestedTraversal, "ARCHIVE_UNSAFE_PATH", /climbs out/],
  ["an entry with a backslash", forged.backslash, "ARCHIVE_UNSAFE_PATH", /backslashes/],
  ['an entry on a drive "C:/x"', forged.drive, "ARCHIVE_UNSAFE_PATH", /absolute path/],
  ["an entry name with a NUL byte", forged.nul, "ARCHIVE_UNSAFE_PATH", /NUL byte/],
  [
    "meta.json as a symbolic link to /etc/passwd",
    () => zipOf([...recordingEntries().slice(0, 2), { name: "meta.json", data: "/etc/passwd", mode: 0o120777 }]),
    "ARCHIVE_SYMLINK",
    /symbolic link \("meta.json"\)/,
  ],
  [
    "an encrypted input log",
    async () => patchCentral(await zipOf(recordingEntries()), "input_log.jsonl", (r) => r.writeUInt16LE(1, 8)),
    "ARCHIVE_ENCRYPTED",
    /input_log.jsonl" is encrypted/,
  ],
  [
    "an unknown compression method",
    async () => patchCentral(await zipOf(recordingEntries()), "meta.json", (r) => r.writeUInt16LE(99, 10)),
    "ARCHIVE_UNSUPPORTED",
    /compression method 99/,
  ],
  [
    "a zip bomb: 24 MiB of zeros that says so (ratio ~1000:1)",
    () => zipOf([{ name: "recording.mp4", data: zeros(24 * MiB) }, ...recordingEntries().slice(1)]),
    "ARCHIVE_RATIO",
    /recording.mp4 claims to inflate \d+:1/,
  ],
  [
    "a zip bomb: 24 MiB of zeros whose header claims 4 KiB",
    async () =>
      patchCentral(
        await zipOf([{ name: "recording.mp4", data: zeros(24 * MiB) }, ...recordingEntries().slice(1)]),
        "recording.mp4",
        (r) => r.writeUInt32LE(4096, 24),
      ),
    "ARCHIVE_SIZE_MISMATCH",
    /recording.mp4 inflates beyond the size its header declares/,
  ],
  [
    'a 2 GiB zip bomb named "notes.bin" beside a valid recording',
    bomb("notes.bin"),
    "ARCHIVE_ENTRY_TOO_LARGE",
    /notes.bin is 2048 MiB; at most 16 MiB/,
  ],
  [
    'a 2 GiB zip bomb named "__MACOSX/._recording.mp4" beside a valid recording',
    bomb("__MACOSX/._recording.mp4"),
    "ARCHIVE_ENTRY_TOO_LARGE",
    /__MACOSX\/._recording.mp4 is 2048 MiB/,
  ],
  [
    'a 2 GiB zip bomb in a folder entry "extras/" beside a valid recording',
    bomb("extras/"),
    "ARCHIVE_ENTRY_TOO_LARGE",
    /extras\/ is 2048 MiB/,
  ],
  [
    'a 2 GiB zip bomb named "a/b/sft.json", too deep to be used, beside a valid recording',
    bomb("a/b/sft.json"),
    "ARCHIVE_ENTRY_TOO_LARGE",
    /a\/b\/sft.json is 2048 MiB/,
  ],
  [
    'a 2 GiB zip bomb named "sft.json" beside a valid recording',
    bomb("sft.json"),
    "ARCHIVE_ENTRY_TOO_LARGE",
    /sft.json is 2048 MiB; at most 16 MiB/,
  ],
  [
    'a 2 GiB zip bomb named "notes.bin" whose header claims 4 KiB',
    bomb("notes.bin", 4096),
    "ARCHIVE_SIZE_MISMATCH",
    /notes.bin inflates beyond the size its header declares/,
  ],
  [
    'a 2 GiB zip bomb named "notes.bin" whose header claims 16 MiB, the most an unused entry may hold',
    bomb("notes.bin", 16 * MiB),
    "ARCHIVE_SIZE_MISMATCH",
    /notes.bin inflates beyond the size its header declares/,
  ],
  [
    'an entry "notes.bin" whose header claims 2 GiB but that holds 5 bytes',
    fiveBytesClaiming(2048 * MiB),
    "ARCHIVE_ENTRY_TOO_LARGE",
    /notes.bin is 2048 MiB/,
  ],
  [
    'an entry "notes.bin" whose header claims 1 MiB but that holds 5 bytes',
    fiveBytesClaiming(MiB),
    "ARCHIVE_SIZE_MISMATCH",
    /notes.bin is shorter than its header declares/,
  ],
  [
    'a zip bomb: 8 MiB of zeros in "notes.bin" that says so (ratio ~1000:1)',
    async () => besideRecording({ ...deflatedZeros(8), name: "notes.bin" }),
    "ARCHIVE_RATIO",
    /notes.bin claims to inflate \d+:1/,
  ],
  [
    "an unused entry that takes the files past the total limit",
    () => zipOf([...recordingEntries(), { name: "notes.txt", data: "x".repeat(5000), compress: false }]),
    "ARCHIVE_TOO_LARGE",
    /add up to more than/,
    { maxTotalBytes: 8192 },
  ],
  [
    "an unused entry with an unknown compression method",
    async () =>
      patchCentral(await withEntry({ name: "notes.txt", data: "hi" }), "notes.txt", (r) => r.writeUInt16LE(99, 10)),
    "ARCHIVE_UNSUPPORTED",
    /notes.txt uses compression method 99/,
  ],
  [
    "17 entries, most of them empty folders",
    async () =>
      rawZipOf(
        [...recordingEntries(), ...Array.from({ length: 14 }, (_, i) => ({ name: `__MACOSX/${i}/`, data: "" }))].map(
          stored,
        ),
      ),
    "ARCHIVE_TOO_MANY_ENTRIES",
    /17 entries; at most 16/,
  ],
  [
    "a 300 KiB meta.json",
    () =>
      zipOf([
        ...recordingEntries().slice(0, 2),
        { name: "meta.json", data: validMeta({ pad: "x".repeat(300 * 1024) }) },
      ]),
    "ARCHIVE_ENTRY_TOO_LARGE",
    /meta.json is 0.29 MiB; at most 0.25 MiB/,
  ],
  [
    "a huge event file (2 MiB of real-looking events where 1 MiB is allowed)",
    () =>
      zipOf([
        recordingEntries()[0]!,
        {
          name: "input_log.jsonl",
          data: Array.from(
            { length: 30_000 },
            (_, i) =>
              `{"event":"mousemove","data":{"x":${(i * 7919) % 1920},"y":${(i * 104729) % 1080}},"time":${1764000000000 + i * 13}}`,
          ).join("\n"),
        },
        recordingEntries()[2]!,
      ]),
    "ARCHIVE_ENTRY_TOO_LARGE",
    /input_log.jsonl is [\d.]+ MiB; at most 1 MiB/,
    { maxBytes: { ...DEFAULT_ARCHIVE_LIMITS.maxBytes, inputLog: MiB } },
  ],
  [
    "files adding up past the total limit",
    () => zipOf(recordingEntries()),
    "ARCHIVE_TOO_LARGE",
    /add up to more than/,
    { maxTotalBytes: 4200 },
  ],
  [
    "17 entries",
    () => zipOf([...recordingEntries(), ...Array.from({ length: 14 }, (_, i) => ({ name: `pad/${i}`, data: "" }))]),
    "ARCHIVE_TOO_MANY_ENTRIES",
    /17 entries; at most 16/,
  ],
  [
    "no input log",
    () => zipOf(recordingEntries().filter((e) => e.name !== "input_log.jsonl")),
    "ARCHIVE_MISSING_FILE",
    /lacks input_log.jsonl/,
  ],
  ["an empty archive", () => zipOf([]), "ARCHIVE_MISSING_FILE", /lacks recording.mp4, input_log.jsonl, meta.json/],
  [
    "meta.json twice",
    () => withEntry({ name: "meta.json", data: validMeta({ id: "other" }) }),
    "ARCHIVE_DUPLICATE_ENTRY",
    /holds "meta.json" twice/,
  ],
  [
    "meta.json at the top and in a folder",
    () => withEntry({ name: "rec/meta.json", data: validMeta() }),
    "ARCHIVE_DUPLICATE_ENTRY",
    /both "meta.json" and "rec\/meta.json"/,
  ],
  [
    "the files split across folders",
    () => zipOf([...recordingEntries().slice(1), { name: "rec/recording.mp4", data: "v" }]),
    "ARCHIVE_LAYOUT",
    /different folders/,
  ],
  [
    "a truncated archive",
    async () => (await zipOf(recordingEntries())).subarray(0, 3000),
    "ARCHIVE_CORRUPT",
    /not a readable zip archive/,
  ],
  ["random bytes", async () => Buffer.from("definitely not a zip file"), "ARCHIVE_CORRUPT", /not a readable zip/],
  [
    "a damaged deflate stream",
    async () => {
      const zip = await zipOf([
        recordingEntries()[0]!,
        { name: "input_log.jsonl", data: "ab".repeat(50_000) },
        recordingEntries()[2]!,
      ]);
      let offset = 0;
      patchCentral(zip, "input_log.jsonl", (r) => (offset = r.readUInt32LE(42)));
      const start = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
      zip.fill(0xff, start, start + 64);
      return zip;
    },
    "ARCHIVE_CORRUPT",
    /input_log.jsonl in the archive is damaged/,
  ],
];

describe("GIVEN a hostile archive", () => {
  for (const [what, build, code, message, limits] of hostile)
    it(`WHEN it holds ${what} THEN it is refused with ${code}, early, and nothing is written`, async () => {
      const { result, before, after, ms, largestFile, rssGrowth } = await inspect(await build(), limits);
      expect(result).toMatchObject({ ok: false, code });
      if (!result.ok) expect(result.message).toMatch(message);
      expect(after).toEqual(before);
      // Inflating a 2 GiB bomb in full takes ~4 s, and holding it 2 GiB: stopping early takes neither.
      expect(ms).toBeLessThan(1500);
      expect(rssGrowth).toBeLessThan(128 * MiB);
      // Nothing larger than the valid recording's own files (the 4 KiB video) is ever on disk.
      expect(largestFile).toBeLessThanOrEqual(4096);
    });
});

describe("GIVEN an archive whose meta.json is wrong", () => {
  const intake = { calls: 0, accept: async () => ((intake.calls += 1), { ok: true as const, recordingId: "r1" }) };
  const ingest = async (meta: string) => {
    const zipPath = join(sandbox, "in.zip");
    await writeFile(zipPath, await zipOf(recordingEntries("", meta)));
    const ids = { accountId: "a1", factoryId: "f1", taskId: "t1", uploadId: "u1", zipPath };
    return ingestArchive({ intake, workDir: work }, ids);
  };

  it.each([
    ["not JSON", "{oops", "ARCHIVE_META_INVALID", /not valid JSON/],
    ["a duration that is text", validMeta({ duration: "long" }), "ARCHIVE_META_INVALID", /Invalid duration/],
    ["no primary monitor", validMeta({ primary_monitor: undefined }), "ARCHIVE_META_INVALID", /primary_monitor/],
    ["a JSON array", "[1,2]", "ARCHIVE_META_INVALID", /expected object/],
    ["another factory's quest", validMeta({ quest: { pool_id: "f2" } }), "ARCHIVE_META_MISMATCH", /another factory/],
  ])(
    "WHEN it is %s THEN it is refused before the intake and the work folder is left empty",
    async (_w, meta, code, message) => {
      const result = await ingest(meta);
      expect(result).toMatchObject({ ok: false, code, message: expect.stringMatching(message) });
      expect(intake.calls).toBe(0);
      expect(await readdir(work)).toEqual([]);
    },
  );

  it("WHEN it is valid THEN the intake gets the unpacked files, and they are gone once it returns", async () => {
    let seen: string[] = [];
    const result = await ingestArchive(
      {
        workDir: work,
        intake: {
          accept: async (input) => {
            seen = [await readFile(input.files.inputLog, "utf8"), input.uploadId];
            return { ok: true, recordingId: "rec-42" };
          },
        },
      },
      { accountId: "a1", factoryId: "f1", taskId: "t1", uploadId: "u9", zipPath: await writeZip(sandbox) },
    );
    expect(result).toEqual({ ok: true, recordingId: "rec-42" });
    expect(seen).toEqual([recordingEntries()[1]!.data, "u9"]);
    expect(await readdir(work)).toEqual([]);
  });
});

async function writeZip(dir: string): Promise<string> {
  const path = join(dir, "ok.zip");
  await writeFile(path, await zipOf(recordingEntries()));
  return path;
}
