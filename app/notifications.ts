// Wires the notification outbox (Postgres + BullMQ), the Telegram notifier that fills it, the
// money notices on top, and, in worker processes with a bot token, the delivery worker.
import { Api } from "grammy";
import type { Redis } from "ioredis";
import { moneyNotices } from "../bots/notices/money-notices.js";
import { telegramDeliverer } from "../bots/telegram/deliver.js";
import { telegramNotifier } from "../bots/telegram/notifier.js";
import type { Core } from "../core/index.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import { notificationOutbox, startDelivery, startNotificationSweeper } from "../jobs/notifications/delivery.js";
import { redisRateLimiter } from "../jobs/notifications/rate-limiter.js";
import type { Database } from "../prisma/database.js";
import { prismaNotificationStore } from "../prisma/notification-store.js";
import type { Logger } from "./logger.js";
import { countJobs, type Metrics } from "./metrics.js";

export function buildNotifications(options: {
  db: Database;
  /** Without Redis, notifications are stored and delivered once a worker with Redis runs. */
  connection: Redis | null;
  core: Core;
  tokens: TokenRegistry;
  adminIds: ReadonlySet<string>;
  explorer: (signature: string) => string;
  logger: Logger;
}) {
  const store = prismaNotificationStore(options.db.prisma);
  const outbox = notificationOutbox({ connection: options.connection, store, log: options.logger });
  const notifier = telegramNotifier({ core: options.core, outbox, adminIds: options.adminIds });
  const notices = moneyNotices({ core: options.core, tokens: options.tokens, notifier, explorer: options.explorer });
  return { store, outbox, notifier, notices, close: () => outbox.close() };
}

export type Notifications = ReturnType<typeof buildNotifications>;

/** Delivers Telegram notifications from this process (any number of processes may). */
export async function startTelegramDelivery(options: {
  notifications: Notifications;
  connection: Redis;
  token: string;
  apiRoot?: string;
  logger: Logger;
  metrics: Metrics;
}) {
  const api = new Api(options.token, options.apiRoot ? { apiRoot: options.apiRoot } : undefined);
  const worker = startDelivery({
    connection: options.connection,
    platform: "telegram",
    store: options.notifications.store,
    deliver: telegramDeliverer(api),
    limiter: redisRateLimiter(options.connection, "telegram"),
    log: options.logger,
    onOutcome: (outcome) => options.metrics.notifications.inc({ platform: "telegram", outcome }),
  });
  countJobs(options.metrics, worker);
  worker.on("failed", (job, error) =>
    options.logger.warn({ jobId: job?.id, err: error }, "notification attempt failed"),
  );
  const sweeper = await startNotificationSweeper({
    connection: options.connection,
    store: options.notifications.store,
    outbox: options.notifications.outbox,
    platform: "telegram",
  });
  return {
    close: async () => {
      await sweeper.close();
      await worker.close();
    },
  };
}
