// Wires the Telegram bot: long polling (one process) or a webhook served by the HTTP server
// (any number of processes behind a load balancer), chosen by TELEGRAM_WEBHOOK_URL.
import { recorderInstallCommand } from "../server/recorder-package.js";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { webhookCallback } from "grammy";
import { WIZARD_NAMESPACE, type WizardState } from "../bots/flows/wizard.js";
import { createI18n } from "../bots/i18n.js";
import type { SessionData, TelegramBotDeps } from "../bots/telegram/context.js";
import { createBot, registerCommands } from "../bots/telegram/create-bot.js";
import { telegramAdminIds } from "../config/admin-ids.js";
import type { BotConfig } from "../config/schemas.js";
import type { Core } from "../core/index.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import type { Database } from "../prisma/database.js";
import { sqlKeyValueStore } from "../prisma/key-value-store.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import { postgresPairingCodes } from "./pairing.js";
import { recorderDevices } from "./uploads.js";
import { walletChallenges } from "./wallet-challenges.js";
import { paymentRequests } from "./payments.js";
import type { HttpRoutes } from "../server/http-server.js";
import { chartFileStore } from "../prisma/repositories/chart-file-store.js";
import { requireSecretHeader } from "../server/secret-header.js";

export const TELEGRAM_WEBHOOK_PATH = "/telegram/webhook";

export function buildTelegramBot(options: {
  config: BotConfig;
  core: Core;
  tokens: TokenRegistry;
  db: Database;
  logger: Logger;
  metrics: Metrics;
  explorer: (signature: string) => string;
  notifier: TelegramBotDeps["notifier"];
  owed?: () => Promise<void>;
  reachability?: TelegramBotDeps["reachability"];
  /** Recordings sent as documents, and appeals: present when storage and queues are. */
  recordings?: TelegramBotDeps["recordings"];
  datasets?: TelegramBotDeps["datasets"];
  datasetTokens?: TelegramBotDeps["datasetTokens"];
  /** Sign-in links to the queue dashboard (the server's /admin/queues). */
  queueDashboard?: TelegramBotDeps["queueDashboard"];
  /** The creator dashboard (Mini App); present when the server has a public URL and Redis. */
  dashboard?: TelegramBotDeps["dashboard"];
}) {
  const { config, db } = options;
  const i18n = createI18n();
  const bot = createBot(
    config.TELEGRAM_BOT_TOKEN!,
    {
      core: options.core,
      tokens: options.tokens,
      i18n,
      adminIds: telegramAdminIds(config.ADMIN_IDS),
      sessions: sqlKeyValueStore<SessionData>(db.query, "tg-session"),
      // By account, not chat: a wizard begun on Telegram continues on Discord.
      wizards: sqlKeyValueStore<WizardState>(db.query, WIZARD_NAMESPACE),
      pairing: postgresPairingCodes(db),
      devices: recorderDevices(db),
      logger: options.logger.child({ bot: "telegram" }),
      onUpdate: () => options.metrics.updatesHandled.inc({ platform: "telegram" }),
      payments: config.TREASURY_ADDRESS ? paymentRequests(options.core, options.tokens, config.PUBLIC_URL) : undefined,
      walletProof: walletChallenges(options.core, sqlKeyValueStore(db.query, "wallet-challenge")),
      recordings: options.recordings,
      datasets: options.datasets,
      datasetTokens: options.datasetTokens,
      recorderServer: config.PUBLIC_URL,
      recorderInstall: config.PUBLIC_URL ? recorderInstallCommand(config.PUBLIC_URL) : undefined,
      explorer: options.explorer,
      notifier: options.notifier,
      owed: options.owed,
      reachability: options.reachability,
      queueDashboard: options.queueDashboard,
      dashboard: options.dashboard,
      // Charts already sent go again by their file id, whichever bot process sent them first.
      photoCache: chartFileStore(db.query),
    },
    config.TELEGRAM_API_ROOT ? { client: { apiRoot: config.TELEGRAM_API_ROOT } } : undefined,
  );
  return { bot, i18n };
}

export type TelegramBot = ReturnType<typeof buildTelegramBot>;

/** Long polling with the runner: updates of one chat in order, different chats concurrently. */
/** The command menu is a convenience: a Bot API server that refuses it must not stop the bot. */
async function tryRegisterCommands({ bot, i18n }: TelegramBot, logger: Logger): Promise<void> {
  try {
    await registerCommands(bot, i18n);
  } catch (error) {
    logger.warn({ err: error }, "could not register the Telegram command menu");
  }
}

export async function startPolling(telegram: TelegramBot, logger: Logger): Promise<{ close(): Promise<void> }> {
  const { bot } = telegram;
  await bot.init();
  await bot.api.deleteWebhook();
  await tryRegisterCommands(telegram, logger);
  const handle: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: ["message", "callback_query", "my_chat_member"] } },
  });
  return { close: () => handle.stop() };
}

/** Points Telegram at our webhook, with the secret Telegram must send back. */
export async function registerWebhook(
  telegram: TelegramBot,
  url: string,
  secret: string,
  logger: Logger,
): Promise<void> {
  await telegram.bot.init();
  await telegram.bot.api.setWebhook(url, {
    secret_token: secret,
    allowed_updates: ["message", "callback_query", "my_chat_member"],
  });
  await tryRegisterCommands(telegram, logger);
}

/**
 * The HTTP route receiving webhook updates. Requests without the secret Telegram was given get
 * 401 before their body is read; an update still running after 9 s is answered (Telegram would
 * send it again) and finishes in the background.
 */
export function webhookRoute({ bot }: TelegramBot, secret: string): HttpRoutes {
  const handle = webhookCallback(bot, "fastify", { onTimeout: "return", timeoutMilliseconds: 9_000 });
  return async (app) => {
    app.post(
      TELEGRAM_WEBHOOK_PATH,
      { onRequest: requireSecretHeader("X-Telegram-Bot-Api-Secret-Token", secret) },
      async (request, reply) => {
        await handle(request, reply);
        return reply;
      },
    );
  };
}
