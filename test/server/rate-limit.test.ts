import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../config/env.js";
import { ServerEnv } from "../../config/schemas.js";
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

  /** `count` wrong pairing attempts, each from `from(i)` (an X-Forwarded-For); their statuses. */
  const guesses = async (url: string, from: (i: number) => string, count = LOGIN_LIMIT.hits + 1) => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < count; i++) {
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
  /** The upload API behind `TRUST_PROXY` as the server's configuration reads it. */
  const behindProxy = (trustProxy: string, prefix: string) =>
    startUploadHarness({}, redisRateLimiter(a, prefix), {
      trustProxy: parseEnv(ServerEnv, { TRUST_PROXY: trustProxy }).TRUST_PROXY,
    });

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

  // On loopback the socket's peer (127.0.0.1) plays the proxy nearest the server.
  it("GIVEN TRUST_PROXY=true WHEN one client sends 50 wrong codes, each with a different forged first X-Forwarded-For entry THEN it is limited by the address its proxy appended", async () => {
    const h = await behindProxy("true", "test-spoof:");
    try {
      const { statuses } = await guesses(h.url, (i) => `10.66.${i}.1, 203.0.113.7`, 50);
      expect(statuses.slice(0, LOGIN_LIMIT.hits).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(LOGIN_LIMIT.hits).every((s) => s === 429)).toBe(true);
      const neighbour = await guesses(h.url, () => "203.0.113.8", 1);
      expect(neighbour.statuses).toEqual([401]);
    } finally {
      await h.close();
    }
  });

  it("GIVEN TRUST_PROXY=2 and honest chains (client, proxy) THEN each client has its own allowance, forged entries or not", async () => {
    const h = await behindProxy("2", "test-chain:");
    try {
      const one = await guesses(h.url, (i) => `${i % 2 ? `10.77.0.${i}, ` : ""}198.51.100.1, 192.0.2.10`);
      expect(one.statuses.slice(0, LOGIN_LIMIT.hits).every((s) => s === 401)).toBe(true);
      expect(one.statuses.at(-1)).toBe(429);
      const other = await guesses(h.url, () => "198.51.100.2, 192.0.2.10", LOGIN_LIMIT.hits);
      expect(other.statuses.every((s) => s === 401)).toBe(true);
    } finally {
      await h.close();
    }
  });
});

describe("TRUST_PROXY", () => {
  it.each([
    [undefined, 0],
    ["", 0],
    ["false", 0],
    ["0", 0],
    ["true", 1],
    ["1", 1],
    ["2", 2],
    ["10", 10],
  ])("GIVEN %j THEN %i trusted hops", (value, hops) => {
    expect(parseEnv(ServerEnv, { TRUST_PROXY: value }).TRUST_PROXY).toBe(hops);
  });

  it.each(["11", "-1", "yes", "1.5", "01"])(
    "GIVEN %j THEN the configuration is refused with what it accepts",
    (value) => {
      expect(() => parseEnv(ServerEnv, { TRUST_PROXY: value })).toThrow(
        /TRUST_PROXY: must be false, true, or the number/,
      );
    },
  );
});
