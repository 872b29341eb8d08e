import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisRateLimiter } from "../../server/rate-limit.js";
import { LOGIN_LIMIT } from "../../server/uploads/routes.js";
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

  /** LOGIN_LIMIT.hits + 1 wrong pairing attempts, each from `from(i)` (an X-Forwarded-For); their statuses. */
  const guesses = async (url: string, from: (i: number) => string) => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i <= LOGIN_LIMIT.hits; i++) {
      const res = await fetch(`${url}/api/recorder/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": from(i) },
        body: JSON.stringify({ code: `WRONG${i}` }),
      });
      statuses.push(res.status);
      retryAfter = res.headers.get("retry-after") ?? retryAfter;
      await res.arrayBuffer();
    }
    return { statuses, retryAfter };
  };

  it("GIVEN someone guessing pairing codes, forging X-Forwarded-For THEN the login route answers 429 with Retry-After", async () => {
    const h = await startUploadHarness({}, redisRateLimiter(a, "test-login:"));
    try {
      const { statuses, retryAfter } = await guesses(h.url, (i) => `1.2.3.${i}`);
      expect(statuses.slice(0, LOGIN_LIMIT.hits).every((s) => s !== 429)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  });

  it("GIVEN a trusted proxy (TRUST_PROXY) THEN each client, the first X-Forwarded-For entry, has its own allowance", async () => {
    const h = await startUploadHarness({}, redisRateLimiter(a, "test-proxy:"), { trustProxy: true });
    try {
      const one = await guesses(h.url, () => "1.2.3.4, 10.0.0.1");
      expect(one.statuses.at(-1)).toBe(429);
      const other = await guesses(h.url, (i) => (i === 0 ? "5.6.7.8, 10.0.0.1" : `9.9.9.${i}`));
      expect(other.statuses.every((s) => s !== 429)).toBe(true);
    } finally {
      await h.close();
    }
  });
});
