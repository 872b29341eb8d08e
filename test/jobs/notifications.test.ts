// Notification delivery through the real path: the Postgres outbox (PGlite), BullMQ queues and
// the Redis rate limiter, grammY's Api against a fake Bot API that answers 429 whenever
// Telegram's limits (30 a second in all, 1 a second per chat) are broken, and 403 for a chat
// that blocked the bot.
import { Queue } from "bullmq";
import { Api } from "grammy";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramDeliverer } from "../../bots/telegram/deliver.js";
import { toHtml } from "../../bots/telegram/render.js";
import type { NewNotification } from "../../core/ports/notifications.js";
import {
  notificationOutbox,
  notificationQueueName,
  startDelivery,
  type NotificationOutbox,
} from "../../jobs/notifications/delivery.js";
import { redisRateLimiter } from "../../jobs/notifications/rate-limiter.js";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaNotificationStore, type PrismaNotificationStore } from "../../prisma/notification-store.js";
import { FakeBotApi, smallestChatGap, type FakeBotApiOptions } from "../support/fake-bot-api.js";
import { startTestRedis } from "../support/redis.js";

const TOKEN = "123456:NOTIFY-TEST-abcdefghijklmnopqrstu";
const FINAL = new Set(["sent", "failed", "unreachable", "superseded"]);

describe("notification delivery", () => {
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  let connection: Redis;
  let db: Database;
  let store: PrismaNotificationStore;
  let outbox: NotificationOutbox;
  let queue: Queue;
  const running = new Set<Rig>();

  beforeAll(async () => {
    redis = await startTestRedis();
    connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    db = await openDatabase({ kind: "pglite" });
    store = prismaNotificationStore(db.prisma);
    outbox = notificationOutbox({ connection, store });
    queue = new Queue(notificationQueueName("telegram"), { connection });
  });

  afterAll(async () => {
    for (const rig of running) await rig.close();
    await outbox?.close();
    await queue?.close();
    connection?.disconnect();
    await db?.close();
    await redis?.stop();
  });

  interface Rig {
    readonly fake: FakeBotApi;
    /** Outcomes each worker reported, by worker. */
    readonly outcomes: string[][];
    /** Jobs that failed (a thrown error, not a delay) and warnings logged. */
    readonly problems: string[];
    close(): Promise<void>;
  }

  /** A fake Bot API and `workers` delivery workers, each with its own Redis connection (as a process has). */
  async function startRig(fakeOptions: FakeBotApiOptions, workers = 1): Promise<Rig> {
    const fake = new FakeBotApi(fakeOptions);
    const { apiRoot } = await fake.start();
    const problems: string[] = [];
    const outcomes: string[][] = [];
    const started = Array.from({ length: workers }, () => {
      const own = new Redis(redis.url, { maxRetriesPerRequest: null });
      const seen: string[] = [];
      outcomes.push(seen);
      const worker = startDelivery({
        connection: own,
        platform: "telegram",
        store,
        deliver: telegramDeliverer(new Api(TOKEN, { apiRoot })),
        limiter: redisRateLimiter(own, "telegram"),
        concurrency: 16,
        log: { warn: (detail, message) => problems.push(`${message} ${JSON.stringify(detail)}`) },
        onOutcome: (outcome) => seen.push(outcome),
      });
      worker.on("failed", (job, error) => problems.push(`job ${job?.id} failed: ${error.message}`));
      return { worker, own };
    });
    let closed = false;
    const rig: Rig = {
      fake,
      outcomes,
      problems,
      close: async () => {
        if (closed) return;
        closed = true;
        running.delete(rig);
        for (const { worker, own } of started) {
          await worker.close();
          own.disconnect();
        }
        await fake.stop();
      },
    };
    running.add(rig);
    return rig;
  }

  const note = (id: string, chatId: string | number): NewNotification => ({
    id,
    accountId: null,
    platform: "telegram",
    chatId: String(chatId),
    text: `**${id}** for ${chatId}`,
  });

  async function statuses(ids: readonly string[]): Promise<Record<string, number>> {
    const rows = await db.prisma.$queryRawUnsafe<Array<{ status: string; n: number }>>(
      `SELECT status, count(*)::int AS n FROM notification WHERE id = ANY($1::text[]) GROUP BY status`,
      [...ids],
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Waits until every one of these notifications is sent, failed, unreachable or superseded. */
  async function settled(ids: readonly string[], timeoutMs = 45_000): Promise<Record<string, number>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await statuses(ids);
      const done = Object.entries(counts).reduce((sum, [status, n]) => sum + (FINAL.has(status) ? n : 0), 0);
      if (done === ids.length) return counts;
      if (Date.now() > deadline) throw new Error(`not settled in time: ${JSON.stringify(counts)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Each notification's text seen exactly once by the fake, and nothing else. */
  function expectDeliveredOnce(fake: FakeBotApi, notifications: readonly NewNotification[]): void {
    const seen = fake.accepted.map((m) => m.text).sort();
    expect(seen).toEqual(notifications.map((n) => toHtml(n.text)).sort());
  }

  /** Every 429 reached a worker as "rate limited" (never a failure), and its chat was served later. */
  function expectHonoured(rig: Rig): void {
    const limited = rig.outcomes.flat().filter((o) => o === "rate_limited").length;
    expect(limited).toBe(rig.fake.rejected429);
    for (const refusal of rig.fake.refused) {
      expect(refusal.status).toBe(429);
      expect(rig.fake.messagesTo(refusal.chatId).some((m) => m.at > refusal.at)).toBe(true);
    }
  }

  // Whether a 429 happens at all depends on timing (a send a few ms late against the one 29 before
  // it), so these tests ask that every 429 was honoured; the benchmark counts them.
  it("GIVEN 120 notifications to 40 chats WHEN delivered within the real limits THEN each is sent once, any 429 honoured, at least a second between two messages to a chat", async () => {
    const rig = await startRig({ perSecond: 30, perChatMs: 1_000 });
    try {
      const notifications: NewNotification[] = [];
      for (let round = 0; round < 3; round++)
        for (let chat = 0; chat < 40; chat++) notifications.push(note(`burst:${chat}:${round}`, 1_000 + chat));
      const ids = notifications.map((n) => n.id);
      expect(await outbox.add(notifications)).toEqual(ids);
      expect(await settled(ids)).toEqual({ sent: 120 });
      expectHonoured(rig);
      // Without the limiter, every chat's second and third message would be refused at once.
      expect(rig.fake.rejected429).toBeLessThan(12);
      expectDeliveredOnce(rig.fake, notifications);
      expect(smallestChatGap(rig.fake.accepted)).toBeGreaterThanOrEqual(1_000);
      const first = await store.get(ids[0]!);
      expect(first).toMatchObject({ status: "sent", attempts: 0, messageId: expect.stringMatching(/^\d+$/) });
      expect(rig.problems).toEqual([]);
    } finally {
      await rig.close();
    }
  });

  it("GIVEN two delivery workers sharing Redis and the outbox WHEN 60 notifications are queued THEN both deliver, each notification once, any 429 honoured", async () => {
    const rig = await startRig({ perSecond: 30, perChatMs: 1_000 }, 2);
    try {
      const notifications: NewNotification[] = [];
      for (let round = 0; round < 2; round++)
        for (let chat = 0; chat < 30; chat++) notifications.push(note(`pair:${chat}:${round}`, 2_000 + chat));
      const ids = notifications.map((n) => n.id);
      await outbox.add(notifications);
      expect(await settled(ids)).toEqual({ sent: 60 });
      expectHonoured(rig);
      expectDeliveredOnce(rig.fake, notifications);
      expect(smallestChatGap(rig.fake.accepted)).toBeGreaterThanOrEqual(1_000);
      const sentBy = rig.outcomes.map((o) => o.filter((x) => x === "sent").length);
      expect(sentBy[0]! + sentBy[1]!).toBe(60);
      expect(sentBy.every((n) => n > 0)).toBe(true);
      expect(rig.problems).toEqual([]);
    } finally {
      await rig.close();
    }
  });

  it("GIVEN a Bot API stricter than the limiter (5 a second) WHEN it answers 429 THEN every notification is still delivered exactly once after retry_after, none failed", async () => {
    const rig = await startRig({ perSecond: 5, perChatMs: 1_000 });
    try {
      const notifications = Array.from({ length: 20 }, (_, i) => note(`strict:${i}`, 3_000 + i));
      const ids = notifications.map((n) => n.id);
      await outbox.add(notifications);
      expect(await settled(ids)).toEqual({ sent: 20 });
      expect(rig.fake.rejected429).toBeGreaterThan(0);
      expectDeliveredOnce(rig.fake, notifications);
      expect(rig.outcomes[0]!.filter((o) => o === "rate_limited").length).toBe(rig.fake.rejected429);
      // A refused one was released (pending again, one attempt more) and then sent.
      const refusedChat = rig.fake.refused[0]!.chatId;
      const retried = await store.get(notifications.find((n) => n.chatId === refusedChat)!.id);
      expect(retried).toMatchObject({ status: "sent", error: null });
      expect(retried!.attempts).toBeGreaterThanOrEqual(1);
      expect(rig.problems).toEqual([]);
    } finally {
      await rig.close();
    }
  });

  it("GIVEN a chat that blocked the bot WHEN it is sent a notification THEN that one ends unreachable, the chat is marked, and a later one is never sent", async () => {
    const rig = await startRig({ blocked: new Set(["4001"]) });
    try {
      const first = [note("blocked:1", 4001), note("blocked:control", 4002)];
      await outbox.add(first);
      expect(await settled(first.map((n) => n.id))).toEqual({ sent: 1, unreachable: 1 });
      expect(await store.get("blocked:1")).toMatchObject({ status: "unreachable" });
      expect(await store.get("blocked:control")).toMatchObject({ status: "sent" });
      expect(await store.isUnreachable("telegram", "4001")).toBe(true);
      expect(await store.isUnreachable("telegram", "4002")).toBe(false);
      expect(rig.fake.refused.map((r) => [r.chatId, r.status])).toEqual([["4001", 403]]);

      await outbox.add([note("blocked:2", 4001)]);
      expect(await settled(["blocked:2"])).toEqual({ unreachable: 1 });
      expect(await store.get("blocked:2")).toMatchObject({ status: "unreachable" });
      expect(rig.fake.refused).toHaveLength(1); // never asked again
      expect(rig.fake.messagesTo("4001")).toEqual([]);
      expect(rig.problems).toEqual([]);
    } finally {
      await rig.close();
    }
  });

  it("GIVEN the same notification id added twice THEN it is stored and delivered once", async () => {
    const rig = await startRig({});
    try {
      const n = note("twice:1", 5001);
      expect(await outbox.add([n])).toEqual(["twice:1"]);
      expect(await outbox.add([n])).toEqual([]);
      expect(await outbox.add([{ ...n, text: "another text, same id" }])).toEqual([]);
      expect(await settled(["twice:1"])).toEqual({ sent: 1 });
      expect(await outbox.add([n])).toEqual([]); // after delivery too
      // A later notification to the same chat, as a barrier: the repeats queued nothing.
      expect(await outbox.add([note("twice:after", 5001)])).toEqual(["twice:after"]);
      expect(await settled(["twice:after"])).toEqual({ sent: 1 });
      expect(rig.fake.messagesTo("5001").map((m) => m.text)).toEqual(
        [n.text, note("twice:after", 5001).text].map(toHtml),
      );
      const stored = await db.prisma.$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM notification WHERE id = 'twice:1'`,
      );
      expect(stored[0]!.n).toBe(1);
    } finally {
      await rig.close();
    }
  });

  it("GIVEN stored notifications whose queue jobs were lost WHEN the sweep re-queues pending rows THEN they are delivered, each once", async () => {
    // Queued, then Redis forgets the jobs; and rows stored while Redis was unreachable.
    const queued = Array.from({ length: 10 }, (_, i) => note(`lost:queued:${i}`, 6_000 + i));
    const unqueued = Array.from({ length: 10 }, (_, i) => note(`lost:stored:${i}`, 6_100 + i));
    expect(await outbox.add(queued)).toHaveLength(10);
    await queue.obliterate({ force: true });
    expect(await store.add(unqueued)).toHaveLength(10);
    const counts = await queue.getJobCounts("wait", "active", "delayed", "prioritized");
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);

    const rig = await startRig({});
    try {
      const all = [...queued, ...unqueued];
      const ids = all.map((n) => n.id);
      expect(await statuses(ids)).toEqual({ pending: 20 });
      // What the sweeper does, without waiting for rows to be 15 s old.
      const pending = await store.listPending("telegram", new Date(Date.now() + 1_000), 100);
      expect(pending.map((p) => p.id).sort()).toEqual([...ids].sort());
      await outbox.enqueue(pending.map((p) => ({ ...p, platform: "telegram" as const })));
      await outbox.enqueue(pending.map((p) => ({ ...p, platform: "telegram" as const }))); // a second sweep
      expect(await settled(ids)).toEqual({ sent: 20 });
      expectHonoured(rig);
      expectDeliveredOnce(rig.fake, all);
      expect(rig.problems).toEqual([]);
    } finally {
      await rig.close();
    }
  });
});
