// Builds recording archives for tests with yazl, and forges the bytes yazl refuses to write
// (unsafe names, lying sizes, encryption flags) by patching the central directory or by writing
// the whole zip by hand (zip bombs whose headers lie, without ever holding the bytes they inflate to).
import { createHash } from "node:crypto";
import { constants, crc32, deflateRawSync } from "node:zlib";
import { ZipFile } from "yazl";

export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer | string;
  readonly mode?: number;
  readonly compress?: boolean;
}

export async function zipOf(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const e of entries)
    zip.addBuffer(Buffer.from(e.data), e.name, { compress: e.compress ?? true, ...(e.mode ? { mode: e.mode } : {}) });
  zip.end();
  const parts: Buffer[] = [];
  for await (const part of zip.outputStream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

export const validMeta = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: "rec-1",
    timestamp: "2026-11-25T10:00:00.000Z",
    duration: 3,
    platform: "linux",
    arch: "x64",
    locale: "en-US",
    primary_monitor: { width: 1280, height: 720 },
    quest: { title: "Open the editor", app: "gedit", objectives: [], pool_id: "f1", task_id: "t1" },
    ...over,
  });

/** The three required files with plausible contents, optionally inside a folder. */
export const recordingEntries = (folder = "", meta = validMeta()): ZipEntry[] => [
  { name: `${folder}recording.mp4`, data: Buffer.alloc(4096, 7), compress: false },
  { name: `${folder}input_log.jsonl`, data: '{"event":"mousedown","data":{"x":1,"y":2,"button":1},"time":1}\n' },
  { name: `${folder}meta.json`, data: meta },
];

/** Replaces every occurrence of `from` by `to` (same length) in the zip's bytes: names live twice. */
export function renameBytes(zip: Buffer, from: string, to: string): Buffer {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error("names must have the same length");
  const out = Buffer.from(zip);
  const needle = Buffer.from(from);
  for (let at = out.indexOf(needle); at !== -1; at = out.indexOf(needle, at + 1)) Buffer.from(to).copy(out, at);
  return out;
}

/** Edits the central-directory record of `name` (offsets as in APPNOTE 4.3.12). */
export function patchCentral(zip: Buffer, name: string, patch: (record: Buffer) => void): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.indexOf("PK\u0001\u0002"); at !== -1;) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString("utf8", at + 46, at + 46 + nameLength) === name) patch(out.subarray(at, at + 46));
    at = out.indexOf("PK\u0001\u0002", at + 46);
  }
  return out;
}

/**
 * An entry written byte for byte, headers included: `data` is what is stored (raw deflate when
 * `method` is 8) and `size`/`crc` are whatever the headers should claim, true or not.
 */
export interface RawEntry {
  readonly name: string;
  readonly method: 0 | 8;
  readonly data: Buffer;
  readonly size: number;
  readonly crc: number;
}

/** A plain entry stored uncompressed, as the original Forge desktop app writes its archives. */
export const stored = (e: ZipEntry): RawEntry => {
  const data = Buffer.from(e.data);
  return { name: e.name, method: 0, data, size: data.length, crc: crc32(data) };
};

const MiB = 1024 * 1024;
/**
 * `mib` MiB of zeros, deflated without ever holding them: one fully flushed 1 MiB block is
 * independent of what precedes it, so the stream is that block repeated, then an empty last block.
 */
export function deflatedZeros(mib: number): RawEntry {
  const block = deflateRawSync(Buffer.alloc(MiB), {
    flush: constants.Z_FULL_FLUSH,
    finishFlush: constants.Z_FULL_FLUSH,
  });
  const data = Buffer.concat([...Array.from({ length: mib }, () => block), deflateRawSync(Buffer.alloc(0))]);
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(Buffer.alloc(MiB), crc);
  return { name: "", method: 8, data, size: mib * MiB, crc };
}

/** A zip written by hand (APPNOTE 4.3.7, 4.3.12, 4.3.16), so that its headers can lie. */
export function rawZipOf(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const common = (h: Buffer, at: number) => {
      h.writeUInt16LE(20, at); // version needed to extract
      h.writeUInt16LE(0x0800, at + 2); // names are UTF-8
      h.writeUInt16LE(e.method, at + 4);
      h.writeUInt32LE(0x5b790000, at + 6); // 2025-11-25 00:00 in DOS time and date
      h.writeUInt32LE(e.crc >>> 0, at + 10);
      h.writeUInt32LE(e.data.length, at + 14);
      h.writeUInt32LE(e.size, at + 18);
      h.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made on Unix, so the mode bits are meaningful
    common(central, 6);
    central.writeUInt32LE((e.name.endsWith("/") ? 0o40755 : 0o100644) * 0x10000, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const sha256 = (data: Buffer): string => createHash("sha256").update(data).digest("hex");
