// The delivery side of the notification outbox: a BullMQ queue per platform whose jobs name
// outbox rows. A worker reserves a rate-limit slot, claims the row (pending → sending, once),
// asks the platform to deliver and records the outcome. Any number of workers on any number
// of machines share the limits (in Redis) and the rows (in Postgres).
import { DelayedError, Queue, Worker, type ConnectionOptions, type Job } from "bullmq";
import { z } from "zod";
import type { RateLimiter } from "./rate-limiter.js";
import type { Deliver, NewNotification, NotificationStore, Platform } from "../../core/ports/notifications.js";
import { watchQueueErrors } from "../queue-errors.js";
import { startScheduled } from "../scheduled.js";

export const notificationQueueName = (platform: string) => `notify-${platform}`;

/** BullMQ job ids may not contain ":", which our notification ids use: escape it (reversibly). */
export const notificationJobId = (id: string) => id.replace(/%/g, "%25").replace(/:/g, "%3A");

const JobData = z.object({ id: z.string().min(1).max(300), chatId: z.string().min(1).max(64) });

/** Tries that found the platform certainly not delivering (network down, 5xx) before giving up. */
const MAX_TRIES = 8;
/** A row still "sending" after this long belonged to a worker that died mid-send. */
const STALE_SENDING_MS = 2 * 60_000;
/** A row still pending after this long has probably lost its job (Redis restarted). */
const STALE_PENDING_MS = 15_000;

export interface NotificationLog {
  warn(detail: Record<string, unknown>, message: string): void;
}

/**
 * Producers' side: store notifications in the outbox, then queue their delivery. Without Redis
 * (`connection` null) they are only stored: a delivery worker's sweeper queues them later.
 */
export function notificationOutbox(options: {
  connection: ConnectionOptions | null;
  store: NotificationStore;
  log?: NotificationLog;
}) {
  const queues = new Map<string, Queue>();
  const queueFor = (platform: string, connection: ConnectionOptions) => {
    let queue = queues.get(platform);
    if (!queue) {
      queue = new Queue(notificationQueueName(platform), { connection });
      watchQueueErrors(queue, `notifications (${platform}) queue`);
      queues.set(platform, queue);
    }
    return queue;
  };
  const enqueue = async (rows: ReadonlyArray<Pick<NewNotification, "id" | "chatId" | "platform">>) => {
    const connection = options.connection;
    if (!connection) return;
    for (const platform of new Set(rows.map((r) => r.platform))) {
      const group = rows.filter((r) => r.platform === platform);
      await queueFor(platform, connection).addBulk(
        group.map((r) => ({
          name: "deliver",
          data: { id: r.id, chatId: r.chatId },
          opts: {
            jobId: notificationJobId(r.id),
            attempts: MAX_TRIES,
            backoff: { type: "exponential", delay: 2_000 },
            removeOnComplete: 1_000,
            removeOnFail: 5_000,
          },
        })),
      );
    }
  };
  return {
    /** Stores and queues; a notification whose id was stored before is not sent again. */
    async add(notifications: readonly NewNotification[]): Promise<string[]> {
      if (notifications.length === 0) return [];
      const stored = await options.store.add(notifications);
      const fresh = notifications.filter((n) => stored.includes(n.id));
      try {
        await enqueue(fresh);
      } catch (error) {
        // Redis is unavailable: the rows are pending in Postgres and the sweeper queues them.
        options.log?.warn({ err: error, count: fresh.length }, "notifications stored, queued later");
      }
      return stored;
    },
    enqueue,
    close: async () => {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

export type NotificationOutbox = ReturnType<typeof notificationOutbox>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The worker delivering one platform's notifications. */
export function startDelivery(options: {
  connection: ConnectionOptions;
  platform: Platform;
  store: NotificationStore;
  deliver: Deliver;
  limiter: RateLimiter;
  concurrency?: number;
  log: NotificationLog;
  onOutcome?: (outcome: string) => void;
}) {
  const { store, limiter, platform } = options;
  const count = (outcome: string) => options.onOutcome?.(outcome);

  async function process(job: Job, token?: string): Promise<string> {
    const parsed = JobData.safeParse(job.data);
    if (!parsed.success) return "malformed";
    const { id, chatId } = parsed.data;
    if (await store.isUnreachable(platform, chatId)) {
      if (await store.claim(id)) await store.finish(id, "unreachable", "chat marked unreachable earlier");
      count("unreachable");
      return "unreachable";
    }
    const slot = await limiter.reserve(chatId);
    if (!slot.reserved) {
      await job.moveToDelayed(Date.now() + slot.waitMs, token);
      throw new DelayedError();
    }
    // Claim while waiting for the slot, so the send leaves at the slot's time and not a database
    // round trip after it: late sends bunch up against on-time ones and break the window.
    const reservedAt = Date.now();
    const notification = await store.claim(id);
    if (!notification) return "taken";
    await sleep(slot.waitMs - (Date.now() - reservedAt));
    if (
      notification.edit &&
      (await store.supersededEdit(platform, chatId, notification.edit.messageId, notification.edit.rank))
    ) {
      await store.finish(id, "superseded", null);
      count("superseded");
      return "superseded";
    }
    const outcome = await options
      .deliver(notification)
      .catch((error: unknown) => ({ kind: "failed", reason: String(error) }) as const);
    count(outcome.kind);
    switch (outcome.kind) {
      case "sent":
        await store.sent(id, outcome.messageId);
        return "sent";
      case "rate_limited":
        await limiter.pause(outcome.retryAfterMs);
        await store.release(id, "rate limited");
        await job.moveToDelayed(Date.now() + outcome.retryAfterMs, token);
        throw new DelayedError();
      case "unreachable":
        await store.markUnreachable(platform, chatId);
        await store.finish(id, "unreachable", outcome.reason);
        return "unreachable";
      case "retry":
        if (notification.attempts + 1 >= MAX_TRIES) {
          await store.finish(id, "failed", outcome.reason);
          return "failed";
        }
        await store.release(id, outcome.reason);
        throw new Error(`not delivered, retrying: ${outcome.reason}`);
      case "failed":
        await store.finish(id, "failed", outcome.reason);
        options.log.warn({ id, platform, reason: outcome.reason }, "notification not delivered");
        return "failed";
    }
  }

  const worker = new Worker(notificationQueueName(platform), process, {
    connection: options.connection,
    concurrency: options.concurrency ?? 16,
  });
  watchQueueErrors(worker, `notifications (${platform}) worker`);
  return worker;
}

/**
 * Every 20 s: queues again what is pending but may have lost its job, and marks rows that a
 * dead worker left "sending" as failed (they may have been delivered: never twice).
 */
export function startNotificationSweeper(options: {
  connection: ConnectionOptions;
  store: NotificationStore;
  outbox: NotificationOutbox;
  platform: Platform;
  everyMs?: number;
}) {
  return startScheduled({
    connection: options.connection,
    queue: `notify-sweep-${options.platform}`,
    job: "sweep",
    everyMs: options.everyMs ?? 20_000,
    opts: { removeOnComplete: 20, removeOnFail: 50 },
    process: async () => {
      const now = Date.now();
      const failed = await options.store.failStale(new Date(now - STALE_SENDING_MS));
      const pending = await options.store.listPending(options.platform, new Date(now - STALE_PENDING_MS), 1_000);
      const rows = pending.map((p) => ({ id: p.id, chatId: p.chatId, platform: options.platform }));
      await options.outbox.enqueue(rows);
      return { requeued: rows.length, failed };
    },
  });
}
