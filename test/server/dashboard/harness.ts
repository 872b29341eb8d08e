// A dashboard server on loopback over the real core (PGlite), real Redis and the bots' real
// payments port: what the API and browser tests drive. Telegram launch data is signed here with
// Telegram's library and a test bot token, as Telegram signs it.
import { randomBytes } from "node:crypto";
import { sign } from "@telegram-apps/init-data-node";
import { Redis } from "ioredis";
import { paymentRequests } from "../../../app/payments.js";
import { dashboardLogins, dashboardRoutes } from "../../../app/dashboard.js";
import type { Account } from "../../../core/accounts/account.js";
import { startHttpServer } from "../../../server/http-server.js";
import { localDiskStorage } from "../../../server/uploads/storage.js";
import { openStore, type StoreUnderTest } from "../../support/databases.js";
import { startTestRedis } from "../../support/redis.js";
import { must, scenario } from "../../support/scenario.js";

export const BOT_TOKEN = "123456:TEST-dashboard-token-abcdefghijklmnop";

export interface DashboardRig {
  readonly url: string;
  readonly world: ReturnType<typeof scenario>;
  readonly redis: Redis;
  /** A person who opened the Telegram bot as user `telegramId`. */
  telegramPerson(telegramId: number, locale?: string | null): Promise<Account>;
  /** Launch data for `telegramId`, signed now (or at `authDate`) with `token`. */
  initData(telegramId: number, options?: { authDate?: Date; token?: string; languageCode?: string }): string;
  login(accountId: string): Promise<string>;
  close(): Promise<void>;
}

export async function startDashboardRig(options: { payments?: boolean } = {}): Promise<DashboardRig> {
  const store: StoreUnderTest = await openStore("pglite");
  const redisServer = await startTestRedis();
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  const world = scenario(store.uow);
  const payments = options.payments === false ? undefined : paymentRequests(world.core, world.deps.tokens);
  const server = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    checks: {},
    metrics: async () => ({ contentType: "text/plain", body: "" }),
    routes: dashboardRoutes({
      core: world.core,
      uow: store.uow,
      tokens: world.deps.tokens,
      redis,
      payments,
      storage: localDiskStorage(`/tmp/forge-dash-test-${randomBytes(4).toString("hex")}`),
      telegramBotToken: BOT_TOKEN,
      publicUrl: "http://127.0.0.1",
    }),
    onError: (error) => console.error(error),
  });
  const logins = dashboardLogins(redis, server.url);
  return {
    url: server.url,
    world,
    redis,
    telegramPerson: async (telegramId, locale = null) =>
      must(
        await world.core.registerAccount({
          platform: "telegram",
          externalId: String(telegramId),
          username: `u${telegramId}`,
          locale,
        }),
      ).account,
    initData: (telegramId, o = {}) =>
      sign(
        {
          user: {
            id: telegramId,
            first_name: `User ${telegramId}`,
            language_code: o.languageCode ?? "en",
          },
          query_id: `q-${telegramId}`,
        },
        o.token ?? BOT_TOKEN,
        o.authDate ?? new Date(),
      ),
    login: (accountId) => logins.issueLogin(accountId),
    async close() {
      await server.close();
      redis.disconnect();
      await redisServer.stop();
      await store.close();
    },
  };
}
