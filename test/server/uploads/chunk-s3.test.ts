// Chunks on S3: each goes up as one streamed PUT as it arrives (not cut into buffered parts), and
// a damaged one never becomes an object, though S3 commits a PUT once it has all its bytes.
import { afterAll, beforeAll, expect, it } from "vitest";
import { s3Storage } from "../../../server/uploads/s3-storage.js";
import { startS3Fake, type S3Fake } from "../../support/s3-fake.js";
import { sha256 } from "./archive-builder.js";
import { postJson, startUploadHarness, type Harness } from "./upload-harness.js";

const CHUNK = 4096;
const data = Buffer.alloc(CHUNK * 2, 4);
let fake: S3Fake;
let h: Harness;
beforeAll(async () => {
  fake = await startS3Fake({ minPartSize: 4 });
  h = await startUploadHarness({ chunkSize: CHUNK }, undefined, { storage: s3Storage({ ...fake, partSize: 1024 }) });
});
afterAll(async () => {
  await h.close();
  await fake.close();
});

const json = (path: string, body: unknown, token?: string) => postJson(h.url, path, body, token);
const put = async (up: Record<string, string>, index: number, body: Buffer, sha: string) => {
  const res = await fetch(`${h.url}/api/uploads/${up.uploadId}/chunks/${index}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${up.uploadToken}`, "x-chunk-sha256": sha },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

it("GIVEN S3 storage WHEN a sound chunk and a damaged one arrive THEN the first is one PUT and the second is never stored", async () => {
  const { deviceToken } = await json("/api/recorder/login", { code: h.issueCode("acc-1") });
  const up = await json(
    "/api/uploads",
    { factoryId: "f1", taskId: "t1", size: data.length, sha256: sha256(data) },
    deviceToken,
  );
  const chunk = data.subarray(0, CHUNK);
  const parts = fake.partSizes.length;
  expect(await put(up, 0, chunk, sha256(chunk))).toEqual({ status: 204, body: null });
  expect(fake.partSizes.length).toBe(parts);
  expect(fake.objects.get(`uploads/${up.uploadId}/chunks/000000`)?.equals(chunk)).toBe(true);

  const damaged = Buffer.from(chunk);
  damaged[CHUNK - 1] = 99;
  const refused = await put(up, 1, damaged, sha256(chunk));
  expect(refused).toMatchObject({ status: 422, body: { error: { code: "UPLOAD_CHUNK_CHECKSUM" } } });
  expect(fake.objects.has(`uploads/${up.uploadId}/chunks/000001`)).toBe(false);
});
