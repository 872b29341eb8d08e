import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisRateLimiter } from "../../server/rate-limit.js";
import { LOGIN_LIMIT, clientAddress } from "../../server/uploads/routes.js";
import { startUploadHarness } from "./uploads/upload-harness.js";
import { startTestRedis } from "../support/redis.js";

describe("rate limits shared through Redis", () => {
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

  it("GIVEN two server processes THEN one allowance is shared, per key, and the wait is said", async () => {
    const first = redisRateLimiter(a);
    const second = redisRateLimiter(b);
    const waits = [];
    for (let i = 0; i < 6; i++) waits.push(await (i % 2 ? first : second).hit("login:1.2.3.4", 5, 60_000));
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits[5]).toBeGreaterThan(0);
    expect(waits[5]).toBeLessThanOrEqual(60);
    expect(await first.hit("login:5.6.7.8", 5, 60_000)).toBe(0);
  });

  it("GIVEN someone guessing pairing codes THEN the login route answers 429 with Retry-After", async () => {
    const h = await startUploadHarness({}, redisRateLimiter(a, "test-login:"));
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i <= LOGIN_LIMIT.hits; i++) {
        const res = await fetch(`${h.url}/api/recorder/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ code: `WRONG${i}` }),
        });
        statuses.push(res.status);
        retryAfter = res.headers.get("retry-after");
        await res.arrayBuffer();
      }
      expect(statuses.slice(0, LOGIN_LIMIT.hits).every((s) => s !== 429)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  });
});

describe("the client's address for rate limits", () => {
  const req = (forwarded?: string) =>
    ({ headers: forwarded ? { "x-forwarded-for": forwarded } : {}, socket: { remoteAddress: "10.0.0.1" } }) as never;
  it("GIVEN no trusted proxy THEN a forged X-Forwarded-For is ignored; behind one, its first entry is the client", () => {
    expect(clientAddress(req("1.2.3.4"), false)).toBe("10.0.0.1");
    expect(clientAddress(req("1.2.3.4, 10.0.0.1"), true)).toBe("1.2.3.4");
    expect(clientAddress(req(), true)).toBe("10.0.0.1");
  });
});
