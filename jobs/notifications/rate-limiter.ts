// Telegram's limits, shared by every process through Redis: about 30 messages a second in all
// and one a second per chat. Each send reserves a slot on two timelines (GCRA): the global one,
// spaced 1/perSecond apart, and its chat's, spaced perChatMs apart. Slots are spread evenly, so
// sends never burst past the limit at a window's edge; a 429 pushes the global timeline back.
import type { Redis } from "ioredis";

// KEYS: global timeline, chat timeline. ARGV: global spacing ms, chat spacing ms, longest wait
// to reserve. Returns { reserved (1/0), wait ms }. Times come from Redis: every machine agrees.
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local g = tonumber(redis.call('GET', KEYS[1]) or '0')
local c = tonumber(redis.call('GET', KEYS[2]) or '0')
local spacing, chat, longest = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local slot = math.max(now, g)
-- A chat still busy after the next global slot does not take that slot (nor push the timeline
-- out to its own time, which would leave every slot in between unused): come back later.
if c > slot then return {0, math.ceil(c - now)} end
if slot - now > longest then return {0, math.ceil(slot - now)} end
redis.call('SET', KEYS[1], tostring(slot + spacing), 'PX', math.ceil(slot - now + spacing + 60000))
redis.call('SET', KEYS[2], tostring(slot + chat), 'PX', math.ceil(slot - now + chat + 1000))
return {1, math.ceil(slot - now)}
`;

// KEYS: global timeline. ARGV: ms from now before which nothing may be sent.
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local g = tonumber(redis.call('GET', KEYS[1]) or '0')
local until_ = now + tonumber(ARGV[1])
if until_ > g then redis.call('SET', KEYS[1], tostring(until_), 'PX', tonumber(ARGV[1]) + 60000) end
return until_
`;

export interface RateLimits {
  /** Messages per second in all (Telegram allows about 30; a little under leaves room for jitter). */
  readonly perSecond: number;
  /** Least time between two messages to one chat. */
  readonly perChatMs: number;
  /** A slot further away than this is not reserved: the caller delays the job instead of waiting. */
  readonly longestWaitMs: number;
}

// 29 a second: a 429 needs 31 sends inside one sliding second, and 30 gaps of 34.5 ms span
// 1,034 ms, so a send may leave up to 34 ms late against the one 30 before it (at 30 a second
// the room would be zero). Measured by `npm run bench -- notify` (notify_window_room_ms).
export const TELEGRAM_LIMITS: RateLimits = { perSecond: 29, perChatMs: 1_050, longestWaitMs: 1_500 };

// Discord's published defaults: 50 requests a second per bot, and 5 messages per 5 s per channel.
// A DM may take two requests (opening the DM channel, then the message), so 25 notifications a
// second stay under 50 requests; one a second per person spreads the 5-per-5-s evenly. Discord's
// actual buckets come back in headers; a 429 still pauses every worker (retry_after).
export const DISCORD_LIMITS: RateLimits = { perSecond: 25, perChatMs: 1_050, longestWaitMs: 1_500 };

export interface RateLimiter {
  /** Reserves a slot for a message to `chat`: wait `waitMs`, then send (reserved), or retry after `waitMs`. */
  reserve(chat: string): Promise<{ reserved: boolean; waitMs: number }>;
  /** Nothing goes out for `ms` (the platform answered 429 with retry_after). */
  pause(ms: number): Promise<void>;
}

export function redisRateLimiter(redis: Redis, platform: string, limits: RateLimits = TELEGRAM_LIMITS): RateLimiter {
  const global = `notify:${platform}:next`;
  return {
    async reserve(chat) {
      const [reserved, wait] = (await redis.eval(
        RESERVE,
        2,
        global,
        `notify:${platform}:chat:${chat}`,
        String(1000 / limits.perSecond),
        String(limits.perChatMs),
        String(limits.longestWaitMs),
      )) as [number, number];
      return { reserved: reserved === 1, waitMs: Math.max(0, wait) };
    },
    async pause(ms) {
      await redis.eval(PAUSE, 1, global, String(Math.ceil(ms)));
    },
  };
}
