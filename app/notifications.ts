// Wires the notification outbox (Postgres + BullMQ), the notifier that fills it for every
// platform with a bot, the money notices on top, and, in worker processes, one delivery worker
// per platform whose bot token is set.
import { Api } from "grammy";
import type { Redis } from "ioredis";
import { dmClosedFallback } from "../bots/discord/community/dm-fallback.js";
import { discordDeliverer, discordRest } from "../bots/discord/deliver.js";
import { createI18n } from "../bots/i18n.js";
import { accountNotifier } from "../bots/notices/account-notifier.js";
import { moneyNotices } from "../bots/notices/money-notices.js";
import { telegramDeliverer } from "../bots/telegram/deliver.js";
import type { AdminAddress } from "../config/admin-ids.js";
import type { Core } from "../core/index.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import type { Deliver, Platform } from "../core/ports/notifications.js";
import {
  notificationOutbox,
  notificationQueueName,
  startDelivery,
  startNotificationSweeper,
} from "../jobs/notifications/delivery.js";
import { DISCORD_LIMITS, redisRateLimiter, TELEGRAM_LIMITS } from "../jobs/notifications/rate-limiter.js";
import type { Database } from "../prisma/database.js";
import { prismaCommunityStore } from "../prisma/community-store.js";
import { prismaNotificationStore } from "../prisma/notification-store.js";
import type { Logger } from "./logger.js";
import { countJobs, type Metrics } from "./metrics.js";

/**
 * The platforms notifications go to: Telegram always (rows wait for a worker with its token, as
 * they always did), Discord when DISCORD_TOKEN is set.
 */
export const notificationPlatforms = (config: { DISCORD_TOKEN?: string }): ReadonlySet<Platform> =>
  new Set<Platform>(config.DISCORD_TOKEN ? ["telegram", "discord"] : ["telegram"]);

/** The delivery queues of those platforms (the queue dashboard lists them before their first job). */
export const notificationQueues = (config: { DISCORD_TOKEN?: string }): string[] =>
  [...notificationPlatforms(config)].map(notificationQueueName);

export function buildNotifications(options: {
  db: Database;
  /** Without Redis, notifications are stored and delivered once a worker with Redis runs. */
  connection: Redis | null;
  core: Core;
  tokens: TokenRegistry;
  platforms: ReadonlySet<Platform>;
  /** ADMIN_IDS, each on its platform. */
  admins: readonly AdminAddress[];
  explorer: (signature: string) => string;
  logger: Logger;
}) {
  const store = prismaNotificationStore(options.db.prisma);
  const outbox = notificationOutbox({ connection: options.connection, store, log: options.logger });
  const notifier = accountNotifier({
    core: options.core,
    outbox,
    reachability: store,
    platforms: options.platforms,
    admins: options.admins,
  });
  const notices = moneyNotices({ core: options.core, tokens: options.tokens, notifier, explorer: options.explorer });
  return { store, outbox, notifier, notices, close: () => outbox.close() };
}

export type Notifications = ReturnType<typeof buildNotifications>;

interface BotAccess {
  readonly token: string;
  readonly apiRoot?: string;
}

/**
 * Each platform's delivery and limits (see jobs/notifications/rate-limiter.ts for where they come
 * from). A Discord DM refused because the person's DMs are closed leads to a notice, without the
 * message's details, in a server where they use the bot (bots/discord/community/dm-fallback.ts).
 */
function deliveries(options: { db: Database; telegram?: BotAccess; discord?: BotAccess; logger: Logger }) {
  const platforms: Array<{ platform: Platform; deliver: Deliver; limits: typeof TELEGRAM_LIMITS }> = [];
  if (options.telegram) {
    const { token, apiRoot } = options.telegram;
    const api = new Api(token, apiRoot ? { apiRoot } : undefined);
    platforms.push({ platform: "telegram", deliver: telegramDeliverer(api), limits: TELEGRAM_LIMITS });
  }
  if (options.discord) {
    const rest = discordRest(options.discord);
    const fallback = dmClosedFallback({
      rest,
      community: prismaCommunityStore(options.db.query),
      i18n: createI18n(),
      logger: options.logger,
    });
    platforms.push({
      platform: "discord",
      deliver: discordDeliverer(rest, { onDmClosed: fallback.onDmClosed }),
      limits: DISCORD_LIMITS,
    });
  }
  return platforms;
}

/**
 * Delivers notifications from this process (any number of processes may): a worker and a
 * sweeper per platform given (Telegram with a bot token, Discord with DISCORD_TOKEN).
 */
export async function startNotificationDelivery(options: {
  /** Where the Discord DM-closed notice finds the servers a person uses the bot in. */
  db: Database;
  notifications: Notifications;
  connection: Redis;
  telegram?: BotAccess;
  discord?: BotAccess;
  logger: Logger;
  metrics: Metrics;
}) {
  const started: Array<{ close(): Promise<unknown> }> = [];
  for (const { platform, deliver, limits } of deliveries(options)) {
    const worker = startDelivery({
      connection: options.connection,
      platform,
      store: options.notifications.store,
      deliver,
      limiter: redisRateLimiter(options.connection, platform, limits),
      log: options.logger,
      onOutcome: (outcome) => options.metrics.notifications.inc({ platform, outcome }),
    });
    countJobs(options.metrics, worker);
    worker.on("failed", (job, error) =>
      options.logger.warn({ jobId: job?.id, platform, err: error }, "notification attempt failed"),
    );
    const sweeper = await startNotificationSweeper({
      connection: options.connection,
      store: options.notifications.store,
      outbox: options.notifications.outbox,
      platform,
    });
    started.push(sweeper, worker);
  }
  return {
    close: async () => {
      for (const closing of started) await closing.close();
    },
  };
}
