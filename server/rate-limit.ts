// Fixed-window rate limits shared by every server process (the counters live in Redis, so a
// load balancer spreading requests does not multiply the allowance).
import type { Redis } from "ioredis";

export interface RateLimiter {
  /** Counts one hit on `key`; the seconds to wait when over `limit` per `windowMs`, else 0. */
  hit(key: string, limit: number, windowMs: number): Promise<number>;
}

export function redisRateLimiter(redis: Redis, prefix = "ratelimit:"): RateLimiter {
  return {
    async hit(key, limit, windowMs) {
      const window = Math.floor(Date.now() / windowMs);
      const name = `${prefix}${key}:${window}`;
      const [[, count]] = (await redis.multi().incr(name).pexpire(name, windowMs).exec()) as [[null, number], unknown];
      if (count <= limit) return 0;
      return Math.ceil(((window + 1) * windowMs - Date.now()) / 1000);
    },
  };
}
