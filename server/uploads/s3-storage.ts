// Blob storage on an S3-compatible service (AWS S3, MinIO, R2...) through the AWS SDK's S3 client.
import { Readable } from "node:stream";
import type * as S3Sdk from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import { assertKey, type BlobStorage } from "./storage.js";

export interface S3Options {
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Bytes a streamed body is sent in; S3 wants at least 5 MiB for every part but the last. */
  readonly partSize?: number;
}

type Sdk = typeof S3Sdk;

const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
/** S3's largest single PUT. */
const MAX_SINGLE_PUT = 5 * 1024 ** 3;

/**
 * A BlobStorage on one bucket, with path-style URLs (`<endpoint>/<bucket>/<key>`), which every
 * S3-compatible server accepts. The SDK (~0.6 s to import) loads when this is called, in the
 * background, so processes storing blobs on disk never pay for it.
 */
export function s3Storage(options: S3Options): BlobStorage {
  const loading = import("@aws-sdk/client-s3").then((sdk) => ({ sdk, client: createClient(sdk, options) }));
  loading.catch(() => undefined); // reported by the first call that needs it, not as an unhandled rejection
  const Bucket = options.bucket;
  const partSize = options.partSize ?? DEFAULT_PART_SIZE;
  /** Runs one S3 call, turning a vendor error into "S3 <what> failed: <status> <code>". */
  const call = async <T>(what: string, fn: (sdk: Sdk, client: S3Client) => Promise<T>): Promise<T> => {
    const { sdk, client } = await loading;
    try {
      return await fn(sdk, client);
    } catch (error) {
      throw new Error(`S3 ${what} failed: ${describeError(sdk, error)}`, { cause: error });
    }
  };
  const putObject = (Key: string, Body: Buffer) =>
    call(`PUT ${Key}`, (sdk, s3) => s3.send(new sdk.PutObjectCommand({ Bucket, Key, Body })));
  /**
   * One PUT straight from the stream (S3 needs its length up front). The SDK pipes the body and
   * does not see it fail: the request is aborted then, so S3 stores nothing.
   */
  const streamObject = (Key: string, Body: Readable, ContentLength: number) =>
    call(`PUT ${Key}`, async (sdk, s3) => {
      const abort = new AbortController();
      const onError = (error: Error) => abort.abort(error);
      Body.once("error", onError);
      try {
        if (Body.errored) throw Body.errored; // failed while the SDK was loading
        await s3.send(new sdk.PutObjectCommand({ Bucket, Key, Body, ContentLength }), { abortSignal: abort.signal });
      } finally {
        Body.off("error", onError);
      }
    }).catch((error: unknown) => {
      throw Body.errored ?? error; // the source's own failure (a refused chunk) as it was thrown
    });

  const storage: BlobStorage = {
    async put(key, body, size) {
      assertKey(key);
      if (Buffer.isBuffer(body)) return void (await putObject(key, body));
      if (size !== undefined && size <= MAX_SINGLE_PUT) return streamObject(key, body, size);
      const parts = splitIntoParts(body, partSize);
      try {
        const first = await parts.next();
        // A body shorter than one part is one plain PUT; a longer one goes up part by part.
        if (first.done || first.value.length < partSize)
          return void (await putObject(key, first.done ? Buffer.alloc(0) : first.value));
        await call(`PUT ${key}`, (sdk, s3) => multipartPut(sdk, s3, { Bucket, Key: key }, first.value, parts));
      } finally {
        await parts.return(); // stops reading (and destroys) the source if an upload failed midway
      }
    },
    async get(key) {
      assertKey(key);
      const res = await call(`GET ${key}`, (sdk, s3) =>
        s3.send(new sdk.GetObjectCommand({ Bucket, Key: key })).catch(nullWhenMissing(sdk)),
      );
      if (!res) return null;
      if (!(res.Body instanceof Readable)) throw new Error(`S3 GET ${key} failed: the response has no body stream`);
      return res.Body;
    },
    async stat(key) {
      assertKey(key);
      const res = await call(`HEAD ${key}`, (sdk, s3) =>
        s3.send(new sdk.HeadObjectCommand({ Bucket, Key: key })).catch(nullWhenMissing(sdk)),
      );
      return res ? { size: res.ContentLength ?? 0 } : null;
    },
    async delete(key) {
      assertKey(key);
      // S3 answers 204 for a missing key too, so removing one twice is not an error.
      await call(`DELETE ${key}`, (sdk, s3) => s3.send(new sdk.DeleteObjectCommand({ Bucket, Key: key })));
    },
    async deletePrefix(prefix) {
      // One DELETE per key rather than DeleteObjects: not every S3-compatible server has the batch call.
      const keys = await storage.list(prefix);
      for (const key of keys) await storage.delete(key);
      return keys.length;
    },
    async list(prefix) {
      assertKey(prefix, "prefix");
      return call(`LIST ${prefix}`, async (sdk, s3) => {
        const keys: string[] = [];
        const pages = sdk.paginateListObjectsV2({ client: s3 }, { Bucket, Prefix: prefix });
        for await (const page of pages) for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key);
        return keys.sort();
      });
    },
  };
  return storage;
}

function createClient(sdk: Sdk, options: S3Options): S3Client {
  return new sdk.S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: true,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // The SDK's default CRC checksums (headers and aws-chunked trailers) are not understood by
    // every S3-compatible server; bodies are still signed with their sha256, which S3 verifies.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

/** A missing object reads as null (GET says NoSuchKey, HEAD has no body so only NotFound). */
const nullWhenMissing =
  (sdk: Sdk) =>
  (error: unknown): null => {
    if (error instanceof sdk.NoSuchKey || error instanceof sdk.NotFound) return null;
    throw error;
  };

function describeError(sdk: Sdk, error: unknown): string {
  if (error instanceof sdk.S3ServiceException) return `${error.$metadata.httpStatusCode ?? "?"} ${error.name}`;
  // Node's connection errors can have an empty message (AggregateError) but always a code.
  const { code, message } = error as NodeJS.ErrnoException;
  return [code, message].filter(Boolean).join(" ") || String(error);
}

/**
 * Uploads `first` and then every part `rest` yields, holding one part in memory at a time.
 * S3 shows the object only once the upload completes, so readers never see part of it; on any
 * failure the upload is aborted so its parts stop taking space.
 */
async function multipartPut(
  sdk: Sdk,
  s3: S3Client,
  target: { Bucket: string; Key: string },
  first: Buffer,
  rest: AsyncIterable<Buffer>,
): Promise<void> {
  const { UploadId } = await s3.send(new sdk.CreateMultipartUploadCommand(target));
  const upload = { ...target, UploadId };
  try {
    const parts: Array<{ ETag?: string; PartNumber: number }> = [];
    const sendPart = async (Body: Buffer) => {
      const PartNumber = parts.length + 1;
      const { ETag } = await s3.send(new sdk.UploadPartCommand({ ...upload, PartNumber, Body }));
      parts.push({ ETag, PartNumber });
    };
    await sendPart(first);
    for await (const part of rest) await sendPart(part);
    await s3.send(new sdk.CompleteMultipartUploadCommand({ ...upload, MultipartUpload: { Parts: parts } }));
  } catch (error) {
    // Best effort: if this fails too, a bucket lifecycle rule (AbortIncompleteMultipartUpload) cleans up.
    await s3.send(new sdk.AbortMultipartUploadCommand(upload)).catch(() => undefined);
    throw error;
  }
}

/** Cuts a stream into parts of exactly `size` bytes, then one shorter last part if bytes remain. */
async function* splitIntoParts(body: Readable, size: number): AsyncGenerator<Buffer, void, undefined> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    let data: Buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    while (length + data.length >= size) {
      const take = size - length;
      yield Buffer.concat([...pending, data.subarray(0, take)]);
      pending = [];
      length = 0;
      data = data.subarray(take);
    }
    if (data.length > 0) {
      pending.push(data);
      length += data.length;
    }
  }
  if (length > 0) yield Buffer.concat(pending);
}
