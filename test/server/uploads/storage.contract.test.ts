// One contract suite for every BlobStorage: local disk, and S3 (the AWS SDK client) against a
// signature-checking fake.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3Storage } from "../../../server/uploads/s3-storage.js";
import { localDiskStorage, type BlobStorage } from "../../../server/uploads/storage.js";
import { startS3Fake, type S3Fake } from "../../support/s3-fake.js";

let root: string;
let fake: S3Fake;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "blobs-"));
  fake = await startS3Fake({ pageSize: 2, minPartSize: 4 });
});
afterAll(async () => {
  await fake.close();
  await rm(root, { recursive: true, force: true });
});

const adapters: Array<[string, () => BlobStorage]> = [
  ["local disk", () => localDiskStorage(root)],
  ["S3", () => s3Storage(fake)],
];

describe.each(adapters)("%s blob storage", (_name, make) => {
  it("GIVEN a buffer and a stream WHEN stored THEN both read back with their sizes", async () => {
    const s = make();
    await s.put("uploads/a1/chunks/0", Buffer.from("hello"));
    await s.put("uploads/a1/chunks/1", Readable.from([Buffer.from("wor"), Buffer.from("ld!")]));
    expect(await text((await s.get("uploads/a1/chunks/0"))!)).toBe("hello");
    expect(await text((await s.get("uploads/a1/chunks/1"))!)).toBe("world!");
    expect(await s.stat("uploads/a1/chunks/1")).toEqual({ size: 6 });
  });

  it("GIVEN an empty stream WHEN stored THEN an empty blob reads back", async () => {
    const s = make();
    await s.put("e/empty", Readable.from([]));
    expect(await s.stat("e/empty")).toEqual({ size: 0 });
    expect(await text((await s.get("e/empty"))!)).toBe("");
  });

  it("GIVEN a stream that fails before its end THEN put rejects with its error and nothing is stored", async () => {
    // What the upload API relies on to stream a chunk while checking it: a refusal keeps nothing.
    const s = make();
    const refused = new Error("checksum differs");
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(70_000, 7));
        this.destroy(refused);
      },
    });
    await expect(s.put("uploads/a2/chunks/0", failing)).rejects.toBe(refused);
    expect(await s.stat("uploads/a2/chunks/0")).toBeNull();
    expect(await s.list("uploads/a2/")).toEqual([]);
  });

  it("GIVEN a stream with its size WHEN stored THEN it reads back; one that fails midway rejects with its error and stores nothing", async () => {
    // How a chunk goes in: S3 sends it in one PUT as it arrives, and must not keep a cut-off one.
    const s = make();
    await s.put("uploads/a3/chunks/0", Readable.from([Buffer.from("sized "), Buffer.from("stream")]), 12);
    expect(await text((await s.get("uploads/a3/chunks/0"))!)).toBe("sized stream");
    const refused = new Error("sha256 differs");
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent++ < 3) return void this.push(Buffer.alloc(30_000, 7));
        this.destroy(refused);
      },
    });
    await expect(s.put("uploads/a3/chunks/1", failing, 100_000)).rejects.toBe(refused);
    expect(await s.stat("uploads/a3/chunks/1")).toBeNull();
  });

  it("GIVEN a key that was overwritten THEN the last bytes win", async () => {
    const s = make();
    await s.put("x/over", Buffer.from("first"));
    await s.put("x/over", Buffer.from("second"));
    expect(await text((await s.get("x/over"))!)).toBe("second");
  });

  it("GIVEN no blob WHEN read, stat or deleted THEN null, null and no error", async () => {
    const s = make();
    expect(await s.get("nothing/here")).toBeNull();
    expect(await s.stat("nothing/here")).toBeNull();
    await expect(s.delete("nothing/here")).resolves.toBeUndefined();
  });

  it("GIVEN blobs under two prefixes WHEN one prefix is listed and deleted THEN the other stays", async () => {
    const s = make();
    for (const k of ["p/one/0", "p/one/1", "p/one/2", "p/two/0"]) await s.put(k, Buffer.from(k));
    expect(await s.list("p/one/")).toEqual(["p/one/0", "p/one/1", "p/one/2"]);
    expect(await s.deletePrefix("p/one/")).toBe(3);
    expect(await s.list("p/")).toEqual(["p/two/0"]);
  });

  it("GIVEN a key with traversal, capitals or odd characters THEN it is refused before any I/O", async () => {
    const s = make();
    for (const bad of ["../etc/passwd", "a/../../b", "A/b", "a//b", "/abs", "a b", "a\\b", ""])
      await expect(s.put(bad, Buffer.from("x")), bad).rejects.toThrow(/invalid storage key/);
    await expect(s.list("../")).rejects.toThrow(/invalid storage prefix/);
  });
});

it("GIVEN local disk storage WHEN blobs are written and deleted THEN no temporary file or empty folder is left", async () => {
  const dir = await mkdtemp(join(tmpdir(), "blobs-clean-"));
  const s = localDiskStorage(dir);
  await s.put("u/z/0", Readable.from([Buffer.alloc(1000, 1)]));
  await s.deletePrefix("u/z/");
  expect(await readdir(join(dir, "u"))).toEqual([]);
  await rm(dir, { recursive: true });
});

it("GIVEN a wrong secret WHEN the S3 adapter calls the fake THEN the signature is refused and the call fails", async () => {
  const before = fake.rejected;
  const wrong = s3Storage({ ...fake, secretAccessKey: "not-the-secret" });
  await expect(wrong.put("k/1", Buffer.from("x"))).rejects.toThrow(/403 SignatureDoesNotMatch/);
  expect(fake.rejected).toBe(before + 1);
  expect(fake.objects.has("k/1")).toBe(false);
});

describe("S3 blob storage with small parts", () => {
  const partsSince = (before: number) => fake.partSizes.slice(before);

  it("GIVEN a stream longer than a part WHEN stored THEN it goes up one part at a time and reads back whole", async () => {
    const s = s3Storage({ ...fake, partSize: 4 });
    const before = fake.partSizes.length;
    await s.put("m/long", Readable.from([Buffer.from("wor"), Buffer.from("ld! and more")]));
    expect(partsSince(before)).toEqual([4, 4, 4, 3]);
    expect(await text((await s.get("m/long"))!)).toBe("world! and more");
    expect(fake.openUploads).toBe(0);
  });

  it("GIVEN a stream of exactly two parts WHEN stored THEN no empty third part is sent", async () => {
    const s = s3Storage({ ...fake, partSize: 4 });
    const before = fake.partSizes.length;
    await s.put("m/even", Readable.from([Buffer.from("12345678")]));
    expect(partsSince(before)).toEqual([4, 4]);
    expect(await s.stat("m/even")).toEqual({ size: 8 });
  });

  it("GIVEN a source that fails after the first part WHEN stored THEN the upload is aborted and nothing is stored", async () => {
    const s = s3Storage({ ...fake, partSize: 4 });
    async function* failing() {
      yield Buffer.from("12345");
      throw new Error("disk read failed");
    }
    await expect(s.put("m/broken", Readable.from(failing()))).rejects.toThrow(/disk read failed/);
    expect(fake.objects.has("m/broken")).toBe(false);
    expect(fake.openUploads).toBe(0);
  });

  it("GIVEN parts the server finds too small WHEN stored THEN the call fails with S3's code and the upload is aborted", async () => {
    const s = s3Storage({ ...fake, partSize: 2 });
    await expect(s.put("m/small", Readable.from([Buffer.from("12345")]))).rejects.toThrow(
      /^S3 PUT m\/small failed: 400 EntityTooSmall$/,
    );
    expect(fake.objects.has("m/small")).toBe(false);
    expect(fake.openUploads).toBe(0);
  });
});

it("GIVEN a bucket that does not exist WHEN a blob is read THEN the call fails instead of reading as missing", async () => {
  const s = s3Storage({ ...fake, bucket: "no-such-bucket" });
  await expect(s.get("k/1")).rejects.toThrow(/^S3 GET k\/1 failed: 404 NoSuchBucket$/);
});
