// Blob storage on an S3-compatible service (AWS S3, MinIO, R2...) over fetch, signed with SigV4.
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { pipeline } from "node:stream/promises";
import { EMPTY_SHA256, sha256Hex, signRequest } from "./sigv4.js";
import { assertKey, type BlobStorage } from "./storage.js";

export interface S3Options {
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Where streamed bodies are spooled to learn their length and hash (default: os.tmpdir()). */
  readonly spoolDir?: string;
}

type Body = { data: Buffer } | { file: string; size: number };

/** A BlobStorage on one bucket, with path-style URLs (`<endpoint>/<bucket>/<key>`). */
export function s3Storage(options: S3Options): BlobStorage {
  const base = `${options.endpoint.replace(/\/+$/, "")}/${options.bucket}`;
  const send = async (method: string, url: URL, body?: Body, payloadHash = EMPTY_SHA256) => {
    const headers = signRequest({ method, url, payloadHash, date: new Date() }, options);
    if (body) headers["content-length"] = String("data" in body ? body.data.length : body.size);
    const init: RequestInit & { duplex?: "half" } = { method, headers };
    if (body && "data" in body) init.body = body.data;
    else if (body) Object.assign(init, { body: Readable.toWeb(createReadStream(body.file)), duplex: "half" });
    return fetch(url, init);
  };
  const object = (key: string) => new URL(`${base}/${assertKey(key)}`);
  const failed = async (res: Response, what: string): Promise<never> => {
    const code = /<Code>([^<]*)<\/Code>/.exec(await res.text())?.[1] ?? "";
    throw new Error(`S3 ${what} failed: ${res.status} ${code}`.trim());
  };
  const storage: BlobStorage = {
    async put(key, body) {
      const url = object(key);
      if (Buffer.isBuffer(body)) {
        const res = await send("PUT", url, { data: body }, sha256Hex(body));
        return void (res.ok || (await failed(res, `PUT ${key}`)));
      }
      const spooled = await spool(body, options.spoolDir ?? tmpdir());
      try {
        const res = await send("PUT", url, { file: spooled.file, size: spooled.size }, spooled.sha256);
        if (!res.ok) await failed(res, `PUT ${key}`);
      } finally {
        await rm(spooled.file, { force: true });
      }
    },
    async get(key) {
      const res = await send("GET", object(key));
      if (res.status === 404) return null;
      if (!res.ok || !res.body) return failed(res, `GET ${key}`);
      return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
    },
    async stat(key) {
      const res = await send("HEAD", object(key));
      if (res.status === 404) return null;
      if (!res.ok) return failed(res, `HEAD ${key}`);
      return { size: Number(res.headers.get("content-length") ?? 0) };
    },
    async delete(key) {
      const res = await send("DELETE", object(key));
      if (!res.ok && res.status !== 404) await failed(res, `DELETE ${key}`);
    },
    async deletePrefix(prefix) {
      const keys = await storage.list(prefix);
      for (const key of keys) await storage.delete(key);
      return keys.length;
    },
    async list(prefix) {
      assertKey(prefix, "prefix");
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const url = new URL(`${base}`);
        url.searchParams.set("list-type", "2");
        url.searchParams.set("prefix", prefix);
        if (token) url.searchParams.set("continuation-token", token);
        const res = await send("GET", url);
        if (!res.ok) await failed(res, `LIST ${prefix}`);
        const xml = await res.text();
        for (const m of xml.matchAll(/<Key>([^<]*)<\/Key>/g)) keys.push(unescapeXml(m[1] ?? ""));
        token = /<IsTruncated>true<\/IsTruncated>/.test(xml)
          ? unescapeXml(/<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(xml)?.[1] ?? "")
          : undefined;
      } while (token);
      return keys.sort();
    },
  };
  return storage;
}

/** S3 needs the length (and we sign the hash) before sending: spool a stream to a file first. */
async function spool(body: Readable, dir: string): Promise<{ file: string; size: number; sha256: string }> {
  const file = join(dir, `s3-spool-${randomBytes(8).toString("hex")}`);
  const hash = createHash("sha256");
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, tap, createWriteStream(file, { flags: "wx" }));
    return { file, size: (await stat(file)).size, sha256: hash.digest("hex") };
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
}

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
