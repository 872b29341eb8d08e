// Blob storage behind a port: chunks and recordings are written here by key. Local disk by
// default; s3-storage.ts speaks to any S3-compatible service.
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, rmdir, stat as statFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export interface BlobStorage {
  /**
   * Stores the bytes under `key`, replacing what was there; readers never see a partial blob.
   * When a stream's exact `size` is known, S3 sends it as it arrives instead of a part at a time.
   */
  put(key: string, body: Readable | Buffer, size?: number): Promise<void>;
  /** The blob's bytes, or null when there is none. */
  get(key: string): Promise<Readable | null>;
  stat(key: string): Promise<{ size: number } | null>;
  /** Removes the blob; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Removes every blob whose key starts with `prefix`; returns how many. */
  deletePrefix(prefix: string): Promise<number>;
  /** Keys starting with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
}

const KEY = /^[a-z0-9_.-]+(\/[a-z0-9_.-]+)*$/;
const PREFIX = /^([a-z0-9_.-]+\/?)*$/;

/** Throws on a key outside `[a-z0-9/_.-]`, with empty, "." or ".." segments: keys are built by us. */
export function assertKey(key: string, what: "key" | "prefix" = "key"): string {
  const valid = what === "key" ? KEY.test(key) : PREFIX.test(key);
  if (!valid || key.split("/").some((s) => s === "." || s === ".."))
    throw new Error(`invalid storage ${what}: ${JSON.stringify(key.slice(0, 80))}`);
  return key;
}

/** Blobs as files under `rootDir`; each put goes to a temporary file renamed into place. */
export function localDiskStorage(rootDir: string): BlobStorage {
  const path = (key: string) => join(rootDir, ...assertKey(key).split("/"));
  const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";
  const storage: BlobStorage = {
    async put(key, body) {
      const target = path(key);
      await mkdir(dirname(target), { recursive: true });
      // "~" cannot appear in a key, so list() never sees a temporary file.
      const temp = `${target}~${randomBytes(6).toString("hex")}`;
      try {
        await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(temp, { flags: "wx" }));
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async get(key) {
      const target = path(key);
      if (!(await storage.stat(key))) return null;
      return createReadStream(target);
    },
    async stat(key) {
      try {
        const s = await statFile(path(key));
        return s.isFile() ? { size: s.size } : null;
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(path(key), { force: true });
    },
    async deletePrefix(prefix) {
      const keys = await storage.list(prefix);
      for (const key of keys) await storage.delete(key);
      // A prefix that names a folder leaves no empty folder behind (rmdir fails if not empty).
      if (prefix.endsWith("/")) await rmdir(join(rootDir, ...prefix.split("/"))).catch(() => undefined);
      return keys.length;
    },
    async list(prefix) {
      assertKey(prefix, "prefix");
      // Walk only the deepest folder the prefix names, not the whole store.
      const base = prefix.slice(0, prefix.lastIndexOf("/") + 1);
      const files = await readdir(join(rootDir, ...base.split("/")), { recursive: true, withFileTypes: true }).catch(
        (error: unknown) => {
          if (missing(error)) return [];
          throw error;
        },
      );
      return files
        .filter((f) => f.isFile())
        .map((f) => relative(rootDir, join(f.parentPath, f.name)).split(sep).join("/"))
        .filter((key) => KEY.test(key) && key.startsWith(prefix))
        .sort();
    },
  };
  return storage;
}
