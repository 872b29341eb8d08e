// Builds recording archives for tests with yazl, and forges the bytes yazl refuses to write
// (unsafe names, lying sizes, encryption flags) by patching the central directory.
import { createHash } from "node:crypto";
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

export const sha256 = (data: Buffer): string => createHash("sha256").update(data).digest("hex");
