// Chunks in flight at once, per upload and per person: over HTTP with the in-process counter,
// and the Redis counter that several server processes share.
import { request, type ClientRequest } from "node:http";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisRateLimiter } from "../../../server/rate-limit.js";
import { startTestRedis } from "../../support/redis.js";
import { sha256 } from "./archive-builder.js";
import { postJson, startUploadHarness, type Harness } from "./upload-harness.js";

const CHUNK = 4096;
const data = Buffer.alloc(CHUNK * 4, 3);
const chunk = data.subarray(0, CHUNK);

describe("GIVEN chunks held open on their way in", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startUploadHarness({ chunkSize: CHUNK, maxChunksPerUpload: 2, maxChunksPerAccount: 3 });
  });
  afterAll(() => h.close());

  const json = (path: string, body: unknown, token?: string) => postJson(h.url, path, body, token);
  const open = async (account: string) => {
    const { deviceToken } = await json("/api/recorder/login", { code: h.issueCode(account) });
    const body = { factoryId: "f1", taskId: "t1", size: data.length, sha256: sha256(data) };
    return json("/api/uploads", body, deviceToken) as Promise<{ uploadId: string; uploadToken: string }>;
  };
  /** A chunk PUT whose body is half sent: it holds its slot until `finish` sends the rest. */
  const held = async (up: { uploadId: string; uploadToken: string }, index: number) => {
    const before = h.bytesStored();
    const req: ClientRequest = request(`${h.url}/api/uploads/${up.uploadId}/chunks/${index}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${up.uploadToken}`, "x-chunk-sha256": sha256(chunk), "content-length": CHUNK },
    });
    const answered = new Promise<number>((resolve) => req.on("response", (r) => (r.resume(), resolve(r.statusCode!))));
    req.write(chunk.subarray(0, CHUNK / 2));
    let sent = CHUNK / 2;
    // Storage has bytes of it once it holds a slot (the checker keeps its latest read back).
    while (h.bytesStored() === before) {
      req.write(chunk.subarray(sent, ++sent));
      await new Promise((r) => setTimeout(r, 10));
    }
    return { finish: () => (req.end(chunk.subarray(sent)), answered) };
  };
  const put = async (up: { uploadId: string; uploadToken: string }, index: number) => {
    const res = await fetch(`${h.url}/api/uploads/${up.uploadId}/chunks/${index}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${up.uploadToken}`, "x-chunk-sha256": sha256(chunk) },
      body: chunk,
    });
    const text = await res.text();
    return { status: res.status, retryAfter: res.headers.get("retry-after"), body: text ? JSON.parse(text) : null };
  };

  it("WHEN one more chunk of the same upload comes THEN 429 UPLOAD_CHUNKS_BUSY, and it goes in once one is done", async () => {
    const up = await open("acc-1");
    const first = await held(up, 0);
    const second = await held(up, 1);
    const refused = await put(up, 2);
    expect(refused).toMatchObject({ status: 429, body: { error: { code: "UPLOAD_CHUNKS_BUSY" } } });
    expect(refused.body.error.message).toMatch(/2 chunks of this upload/);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(await first.finish()).toBe(204);
    expect((await put(up, 2)).status).toBe(204);
    expect(await second.finish()).toBe(204);
  });

  it("WHEN a person's chunks across uploads reach their cap THEN the next is refused, and another person's is not", async () => {
    const [a, b, c] = [await open("acc-2"), await open("acc-2"), await open("acc-2")];
    const holding = [await held(a, 0), await held(a, 1), await held(b, 0)];
    const refused = await put(c, 0);
    expect(refused).toMatchObject({ status: 429, body: { error: { code: "UPLOAD_CHUNKS_BUSY" } } });
    expect(refused.body.error.message).toMatch(/3 chunks of your uploads/);
    expect((await put(await open("acc-3"), 0)).status).toBe(204);
    for (const one of holding) expect(await one.finish()).toBe(204);
    expect((await put(c, 0)).status).toBe(204);
  });
});

describe("GIVEN two server processes sharing Redis", () => {
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  let a: Redis;
  let b: Redis;
  beforeAll(async () => {
    redis = await startTestRedis();
    a = new Redis(redis.url);
    b = new Redis(redis.url);
  });
  afterAll(async () => {
    a.disconnect();
    b.disconnect();
    await redis.stop();
  });

  it("WHEN both take slots under one key THEN they share its cap, and a released slot is free again", async () => {
    const first = redisRateLimiter(a, "test-slots:");
    const second = redisRateLimiter(b, "test-slots:");
    const one = await first.acquire("chunks:upload:u1", 2, 60_000);
    const two = await second.acquire("chunks:upload:u1", 2, 60_000);
    expect(one && two).toBeTruthy();
    expect(await first.acquire("chunks:upload:u1", 2, 60_000)).toBeNull();
    expect(await second.acquire("chunks:upload:u2", 2, 60_000)).not.toBeNull();
    await one!();
    await one!(); // released twice frees one slot, not two
    expect(await second.acquire("chunks:upload:u1", 2, 60_000)).not.toBeNull();
    expect(await first.acquire("chunks:upload:u1", 2, 60_000)).toBeNull();
  });

  it("WHEN a process dies holding a slot THEN the slot is free once its lease ends", async () => {
    const limiter = redisRateLimiter(a, "test-lease:");
    expect(await limiter.acquire("chunks:account:p1", 1, 100)).not.toBeNull();
    expect(await limiter.acquire("chunks:account:p1", 1, 100)).toBeNull();
    await new Promise((r) => setTimeout(r, 150));
    expect(await limiter.acquire("chunks:account:p1", 1, 100)).not.toBeNull();
  });
});
