// Wires the Discord bot (bots/discord) for the bot role: its ports on this process's database,
// the platform admins among ADMIN_IDS ("dc:<id>"), and a login through DISCORD_API_ROOT when set.
import { createI18n } from "../bots/i18n.js";
import type { DiscordBotDeps } from "../bots/discord/context.js";
import type { DiscordFeature } from "../bots/discord/feature.js";
import { communityFeature } from "../bots/discord/community/feature.js";
import { startDiscordBot, type RunningDiscordBot } from "../bots/discord/start.js";
import { adminAddresses } from "../config/admin-ids.js";
import type { BotConfig } from "../config/schemas.js";
import type { Core } from "../core/index.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import type { Database } from "../prisma/database.js";
import { recorderInstallCommand } from "../server/recorder-package.js";
import { prismaCommunityStore } from "../prisma/community-store.js";
import { sqlKeyValueStore } from "../prisma/key-value-store.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import { postgresPairingCodes } from "./pairing.js";
import { paymentRequests } from "./payments.js";
import { recorderDevices } from "./uploads.js";
import { walletChallenges } from "./wallet-challenges.js";
import { WIZARD_NAMESPACE, type WizardState } from "../bots/flows/wizard.js";

/**
 * Features beyond the bot's own (the community feature: server invites, /join, server settings),
 * in both the running bot and the commands `npm run discord:deploy` registers: the deploy script
 * passes no database (it registers commands and runs no handler). `telegramBot`: the Telegram
 * bot's username, for the Telegram referral link /invite shows too.
 */
export const discordExtraFeatures = (db?: Database, telegramBot?: string): DiscordFeature[] => [
  communityFeature(db ? { community: prismaCommunityStore(db.query), telegramBot } : {}),
];

/** The Discord user ids among ADMIN_IDS. */
export const discordAdminIds = (ids: readonly string[]): Set<string> =>
  new Set(adminAddresses(ids).flatMap((a) => (a.platform === "discord" ? [a.id] : [])));

export function discordBotDeps(options: {
  config: BotConfig;
  core: Core;
  tokens: TokenRegistry;
  db: Database;
  logger: Logger;
  metrics: Metrics;
  explorer: (signature: string) => string;
  notifier: DiscordBotDeps["notifier"];
  owed?: () => Promise<void>;
  recordings?: DiscordBotDeps["recordings"];
  datasets?: DiscordBotDeps["datasets"];
  datasetTokens?: DiscordBotDeps["datasetTokens"];
  /** The creator dashboard, opened by a one-time link; present when the server has a public URL and Redis. */
  dashboard?: DiscordBotDeps["dashboard"];
  /**
   * The person used the bot: notifications to them are tried again on Discord (the delivery marks
   * them unreachable when their DMs are closed, and a notice asks them to open them).
   */
  reachable?: (userId: string) => Promise<void>;
}): DiscordBotDeps {
  const { config, db } = options;
  return {
    core: options.core,
    tokens: options.tokens,
    i18n: createI18n(),
    adminIds: discordAdminIds(config.ADMIN_IDS),
    pairing: postgresPairingCodes(db),
    wizards: sqlKeyValueStore<WizardState>(db.query, WIZARD_NAMESPACE),
    devices: recorderDevices(db),
    datasets: options.datasets,
    datasetTokens: options.datasetTokens,
    dashboard: options.dashboard,
    logger: options.logger.child({ bot: "discord" }),
    onInteraction: (userId) => {
      options.metrics.updatesHandled.inc({ platform: "discord" });
      // Not awaited: the interaction is answered meanwhile (Discord allows 3 s).
      void options
        .reachable?.(userId)
        .catch((error: unknown) => options.logger.warn({ err: error }, "discord: marking a person reachable failed"));
    },
    payments: config.TREASURY_ADDRESS ? paymentRequests(options.core, options.tokens, config.PUBLIC_URL) : undefined,
    walletProof: walletChallenges(options.core, sqlKeyValueStore(db.query, "wallet-challenge")),
    recordings: options.recordings,
    recorderServer: config.PUBLIC_URL,
    recorderInstall: config.PUBLIC_URL ? recorderInstallCommand(config.PUBLIC_URL) : undefined,
    explorer: options.explorer,
    notifier: options.notifier,
    owed: options.owed,
  };
}

/**
 * Logs the bot in with its shards (bots/discord/start.ts): every shard Discord recommends in this
 * process, or the ids in DISCORD_SHARDS out of DISCORD_SHARD_COUNT (several processes).
 */
export const startConfiguredDiscordBot = (
  config: BotConfig,
  deps: DiscordBotDeps,
  features: readonly DiscordFeature[],
): Promise<RunningDiscordBot> =>
  startDiscordBot({
    token: config.DISCORD_TOKEN!,
    apiRoot: config.DISCORD_API_ROOT,
    shards: config.DISCORD_SHARDS,
    shardCount: config.DISCORD_SHARD_COUNT,
    deps,
    features,
  });
