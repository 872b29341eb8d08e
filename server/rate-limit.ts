// Rate limits shared by every server process (the counters live in Redis, so a load balancer
// spreading requests does not multiply the allowance): hits per fixed window, and slots for
// work in flight at once.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/** Frees a slot taken with `acquire`; calling it twice frees it once. */
export type Release = () => Promise<void>;

export interface RateLimiter {
  /** Counts one hit on `key`; the seconds to wait when over `limit` per `windowMs`, else 0. */
  hit(key: string, limit: number, windowMs: number): Promise<number>;
  /**
   * Takes one of `max` slots under `key`, or null when all are taken. A slot is held until
   * released, or for `leaseMs` at most (a process that died holding one does not keep it).
   */
  acquire(key: string, max: number, leaseMs: number): Promise<Release | null>;
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
    async acquire(key, max, leaseMs) {
      // A sorted set of holders scored by their lease's end: lapsed leases drop out first.
      // Two racing for the last slot may both be refused, never both admitted.
      const name = `${prefix}slots:${key}`;
      const holder = randomUUID();
      const now = Date.now();
      const [, , [, holders]] = (await redis
        .multi()
        .zremrangebyscore(name, "-inf", now)
        .zadd(name, now + leaseMs, holder)
        .zcard(name)
        .pexpire(name, leaseMs)
        .exec()) as [unknown, unknown, [null, number], unknown];
      const release = once(async () => void (await redis.zrem(name, holder)));
      if (holders <= max) return release;
      await release();
      return null;
    },
  };
}

/**
 * Slots counted in this process only: for a single server without Redis. With several
 * processes each would admit `max`, so they share Redis (redisRateLimiter) instead.
 */
export function localSlots(): Pick<RateLimiter, "acquire"> {
  const held = new Map<string, number>();
  return {
    async acquire(key, max) {
      const count = held.get(key) ?? 0;
      if (count >= max) return null;
      held.set(key, count + 1);
      return once(async () => {
        const left = (held.get(key) ?? 1) - 1;
        if (left > 0) held.set(key, left);
        else held.delete(key);
      });
    },
  };
}

function once(release: Release): Release {
  let done: Promise<void> | undefined;
  return () => (done ??= release());
}
