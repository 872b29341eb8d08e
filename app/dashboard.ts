// Wires the creator dashboard (server/dashboard): its sessions in Redis, the core use cases the
// bots' factory card calls, the bots' payments port and their texts for the core's errors. The
// Telegram bot opens it as a Mini App (dashboardUrl); the Discord bot hands out one-time links
// (dashboardLogins(...).link).
import type { Redis } from "ioredis";
import { createI18n, type I18n } from "../bots/i18n.js";
import type { Core } from "../core/index.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import type { UnitOfWork } from "../core/ports/repositories.js";
import { DASHBOARD_PATH } from "../server/dashboard/page.js";
import type { ShownFunding } from "../server/dashboard/ports.js";
import { dashboardRoutes as routes } from "../server/dashboard/routes.js";
import { APP_LOGIN_TTL_S, redisDashboardSessions } from "../server/dashboard/sessions.js";
import type { HttpRoutes } from "../server/http-server.js";
import { redisRateLimiter } from "../server/rate-limit.js";
import type { BlobStorage } from "../server/uploads/storage.js";
import { recordingKeys } from "./recording-intake.js";

export { DASHBOARD_PATH };

export interface DashboardDeps {
  readonly core: Core;
  /** Read-only: finds the account behind a Telegram user without creating one. */
  readonly uow: UnitOfWork;
  readonly tokens: TokenRegistry;
  readonly redis: Redis;
  /** The bots' payments port (app/payments.ts paymentRequests); absent when TREASURY_ADDRESS is unset. */
  readonly payments?: {
    requestFunding(input: { accountId: string; factoryId: string; units: bigint }): Promise<ShownFunding>;
  };
  /** Where recordings' keyframes are read from. */
  readonly storage: BlobStorage;
  /** TELEGRAM_BOT_TOKEN: without it only the Discord login links sign in. */
  readonly telegramBotToken?: string;
  /** PUBLIC_URL, for the links. */
  readonly publicUrl: string;
  /** A withdrawal made money owed: asks the payout worker for a round. */
  readonly owed?: () => Promise<void>;
  readonly i18n?: I18n;
  /** Prefixes the Redis keys (sessions, logins, the sign-in rate limit): tests sharing one Redis. */
  readonly redisPrefix?: string;
}

/** The page's address: the Telegram bot's Web App button opens it. */
export const dashboardUrl = (publicUrl: string): string => `${publicUrl.replace(/\/+$/, "")}${DASHBOARD_PATH}`;

/** A one-time link into the dashboard for whoever holds `token` (what the Discord bot sends). */
export const dashboardLink = (publicUrl: string, token: string): string =>
  `${dashboardUrl(publicUrl)}?login=${encodeURIComponent(token)}`;

/** One-time sign-in links for the Discord bot: single use, valid APP_LOGIN_TTL_S. */
export function dashboardLogins(redis: Redis, publicUrl: string, redisPrefix = "") {
  const sessions = redisDashboardSessions(redis, `${redisPrefix}app:`);
  return {
    /** A single-use login token for `accountId`. */
    issueLogin: (accountId: string): Promise<string> => sessions.issueLogin(accountId),
    /** A link that signs `accountId` in once, and how many minutes it lasts. */
    link: async (accountId: string): Promise<{ url: string; minutes: number }> => ({
      url: dashboardLink(publicUrl, await sessions.issueLogin(accountId)),
      minutes: APP_LOGIN_TTL_S / 60,
    }),
  };
}

export function dashboardRoutes(deps: DashboardDeps): HttpRoutes {
  const i18n = deps.i18n ?? createI18n();
  return routes({
    core: deps.core,
    tokens: deps.tokens,
    sessions: redisDashboardSessions(deps.redis, `${deps.redisPrefix ?? ""}app:`),
    telegramAccount: async (telegramUserId) => {
      const account = await deps.uow.read((r) => r.accounts.findByIdentity("telegram", telegramUserId));
      return account ? { id: account.id, locale: account.locale } : null;
    },
    telegramBotToken: deps.telegramBotToken,
    payments: deps.payments,
    rateLimit: redisRateLimiter(deps.redis, `${deps.redisPrefix ?? ""}ratelimit:`),
    // The bots' words for the core's errors, so both bots and the page say the same thing.
    describe: (locale, code, args) => {
      const text = i18n.t(locale, `error-${code}`, args);
      // A code the bots have no words for (none today): the nearest general one, and the code.
      return text === `error-${code}` ? `${i18n.t(locale, "error-NOT_ALLOWED")} (${code})` : text;
    },
    owed: deps.owed,
    recordings: { storage: deps.storage, stepsKey: (recordingId) => recordingKeys(recordingId).sft },
  });
}
