// 10,000 DMs to 2,000 chats through the real delivery path (outbox in Postgres, BullMQ, the
// Redis rate limiter, grammY) against a fake Bot API enforcing Telegram's limits (30 a second
// in all, 1 a second per chat, 20 ms of network latency), with two delivery workers as two
// processes would run them. The baseline is the floor those limits set: count / 30 seconds.
import { Api } from "grammy";
import { Redis } from "ioredis";
import { telegramDeliverer } from "../bots/telegram/deliver.js";
import type { NewNotification } from "../core/ports/notifications.js";
import { notificationOutbox, startDelivery } from "../jobs/notifications/delivery.js";
import { redisRateLimiter } from "../jobs/notifications/rate-limiter.js";
import { openDatabase, type Database } from "../prisma/database.js";
import { prismaNotificationStore } from "../prisma/notification-store.js";
import { FakeBotApi, smallestChatGap, type AcceptedMessage } from "../test/support/fake-bot-api.js";
import { createTestDatabase, startPostgres, type PostgresServer } from "../test/support/postgres-server.js";
import { startTestRedis } from "../test/support/redis.js";

type Report = (name: string, value: number, unit: string) => void;

export interface NotifyBenchOptions {
  /** Notifications (default BENCH_NOTIFY_COUNT, else 10,000). */
  readonly count?: number;
  /** Distinct chats (default 2,000, at most count / 5 so that chats get several messages). */
  readonly chats?: number;
  readonly workers?: number;
  readonly concurrency?: number;
  readonly latencyMs?: number;
}

const TOKEN = "123456:BENCH-NOTIFY-abcdefghijklmnopqrstu";
/** Telegram's limits, as the fake enforces them. */
const PER_SECOND = 30;
const PER_CHAT_MS = 1_000;
/** 429s while the workers start (connections, first queries) are counted apart. */
const WARM_UP_MESSAGES = 200;

export async function benchNotify(report: Report, options: NotifyBenchOptions = {}): Promise<void> {
  const count = options.count ?? Number(process.env.BENCH_NOTIFY_COUNT ?? 10_000);
  const chats = options.chats ?? Math.max(1, Math.min(2_000, Math.floor(count / 5)));
  const workers = options.workers ?? 2;
  const concurrency = options.concurrency ?? 16;
  const closers: Array<() => Promise<unknown> | void> = [];
  try {
    const redis = await startTestRedis();
    closers.push(() => redis.stop());
    const dbs = await openDatabases(workers, closers);
    console.error(`notify bench: ${count} DMs to ${chats} chats, ${workers} workers x ${concurrency}, ${dbs[0]!.kind}`);

    const fake = new FakeBotApi({ perSecond: PER_SECOND, perChatMs: PER_CHAT_MS, latencyMs: options.latencyMs ?? 20 });
    const { apiRoot } = await fake.start();
    closers.push(() => fake.stop());

    const producer = new Redis(redis.url, { maxRetriesPerRequest: null });
    closers.push(() => producer.disconnect());
    const store = prismaNotificationStore(dbs[0]!.prisma);
    const outbox = notificationOutbox({ connection: producer, store });
    closers.push(() => outbox.close());
    const notifications = dms(count, chats);
    const stored = await outbox.add(notifications);
    if (stored.length !== count) throw new Error(`stored ${stored.length} of ${count}`);

    const problems: string[] = [];
    const started = performance.now();
    for (let w = 0; w < workers; w++) {
      const own = new Redis(redis.url, { maxRetriesPerRequest: null });
      const worker = startDelivery({
        connection: own,
        platform: "telegram",
        store: prismaNotificationStore(dbs[w]!.prisma),
        deliver: telegramDeliverer(new Api(TOKEN, { apiRoot })),
        limiter: redisRateLimiter(own, "telegram"),
        concurrency,
        log: { warn: (detail, message) => problems.push(`${message} ${JSON.stringify(detail)}`) },
      });
      worker.on("failed", (job, error) => problems.push(`job ${job?.id}: ${error.message}`));
      closers.push(async () => {
        await worker.close();
        own.disconnect();
      });
    }
    const floor = count / PER_SECOND;
    const sent = await allSent(dbs[0]!, count, (floor * 3 + 120) * 1_000);
    const seconds = (performance.now() - started) / 1_000;

    const warmedAt = fake.accepted[Math.min(WARM_UP_MESSAGES, fake.accepted.length) - 1]?.at ?? Infinity;
    const late429s = fake.refused.filter((r) => r.status === 429 && r.at > warmedAt).length;
    report("notify_floor_s", floor, "s");
    report("notify_10k_s", seconds, "s");
    report("notify_10k_ratio", seconds / floor, "ratio");
    report("notify_429s", late429s, "429s");
    report("notify_429s_in_warm_up", fake.rejected429 - late429s, "429s");
    report("notify_per_chat_min_gap_ms", smallestChatGap(fake.accepted), "ms");
    report("notify_window_room_ms", windowRoom(fake.accepted, PER_SECOND), "ms");
    const first = fake.accepted[0]?.at ?? 0;
    const at99 = fake.accepted[Math.floor(fake.accepted.length * 0.99)]?.at ?? 0;
    const last = fake.accepted[fake.accepted.length - 1]?.at ?? 0;
    report("notify_first_send_ms", first - performance.timeOrigin - started, "ms");
    report("notify_last_1pct_s", (last - at99) / 1_000, "s");
    const at1 = fake.accepted[Math.floor(fake.accepted.length * 0.01)]?.at ?? 0;
    report(
      "notify_steady_per_s",
      (Math.floor(fake.accepted.length * 0.99) - Math.floor(fake.accepted.length * 0.01)) / ((at99 - at1) / 1_000),
      "/s",
    );

    const texts = new Set(fake.accepted.map((m) => m.text));
    if (sent !== count) console.error(`notify bench: only ${sent} of ${count} sent`);
    if (texts.size !== fake.accepted.length)
      console.error(`notify bench: ${fake.accepted.length - texts.size} messages delivered twice`);
    if (problems.length > 0) console.error(`notify bench: ${problems.length} problems, first: ${problems[0]}`);
  } finally {
    for (const close of closers.reverse()) await close();
  }
}

/** One Postgres database (on BENCH_DATABASE_URL, TEST_DATABASE_URL or a local server) opened once per worker; else PGlite. */
async function openDatabases(workers: number, closers: Array<() => Promise<unknown> | void>): Promise<Database[]> {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  let server: PostgresServer | null = null;
  if (!given) {
    server = await startPostgres();
    if (server) closers.push(() => server!.stop());
  }
  const admin = given ?? server?.url;
  if (!admin) {
    console.error("notify bench: no Postgres (install postgresql or set BENCH_DATABASE_URL): PGlite in memory");
    const db = await openDatabase({ kind: "pglite" });
    closers.push(() => db.close());
    return Array.from({ length: workers }, () => db);
  }
  const url = await createTestDatabase(admin);
  const dbs: Database[] = [];
  for (let w = 0; w < workers; w++) {
    const db = await openDatabase({ kind: "postgres", url, poolSize: 16 });
    closers.push(() => db.close());
    dbs.push(db);
  }
  return dbs;
}

/** `count` DMs to `chats` chats, each chat getting its share, in a shuffled (seeded) order. */
function dms(count: number, chats: number): NewNotification[] {
  const random = mulberry32(20_261_125);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.map((i) => {
    const chatId = String(700_000_000 + (i % chats));
    return { id: `bench:dm:${i}`, accountId: null, platform: "telegram", chatId, text: `DM ${i} to ${chatId}` };
  });
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Polls the outbox until `count` rows are sent (or nothing is left to send); returns how many are. */
async function allSent(db: Database, count: number, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const rows = await db.prisma.$queryRawUnsafe<Array<{ sent: number; open: number }>>(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent,
              count(*) FILTER (WHERE status IN ('pending', 'sending'))::int AS open
         FROM notification WHERE id LIKE 'bench:dm:%'`,
    );
    const { sent, open } = rows[0]!;
    if (sent >= count || open === 0 || performance.now() > deadline) return sent;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The least room any sliding second had: for each message, the time since the one `perSecond`
 * before it, less 1,000 ms. Negative means that message broke the limit (a 429).
 */
function windowRoom(accepted: readonly AcceptedMessage[], perSecond: number): number {
  let least = Infinity;
  for (let i = perSecond; i < accepted.length; i++)
    least = Math.min(least, accepted[i]!.at - accepted[i - perSecond]!.at - 1_000);
  return least;
}
