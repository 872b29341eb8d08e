// A dashboard server on loopback over the real core (PGlite), real Redis and the bots' real
// payments port: what the API and browser tests drive. Telegram launch data is signed here with
// Telegram's library and a test bot token, as Telegram signs it.
import { randomBytes } from "node:crypto";
import { sign } from "@telegram-apps/init-data-node";
import { Redis } from "ioredis";
import { paymentRequests } from "../../../app/payments.js";
import { dashboardLogins, dashboardRoutes } from "../../../app/dashboard.js";
import type { Account } from "../../../core/accounts/account.js";
import { PNG } from "pngjs";
import { recordingKeys } from "../../../app/recording-intake.js";
import type { Factory } from "../../../core/factories/factory.js";
import type { Grade, Recording } from "../../../core/grading/recording.js";
import { startHttpServer } from "../../../server/http-server.js";
import { localDiskStorage, type BlobStorage } from "../../../server/uploads/storage.js";
import { TestClock } from "../../support/core-deps.js";
import { openStore, type StoreUnderTest } from "../../support/databases.js";
import { startTestRedis } from "../../support/redis.js";
import { must, scenario } from "../../support/scenario.js";

export const BOT_TOKEN = "123456:TEST-dashboard-token-abcdefghijklmnop";

export interface DashboardRig {
  readonly url: string;
  readonly world: ReturnType<typeof scenario>;
  readonly redis: Redis;
  readonly storage: BlobStorage;
  /** A person who opened the Telegram bot as user `telegramId`. */
  telegramPerson(telegramId: number, locale?: string | null): Promise<Account>;
  /** Launch data for `telegramId`, signed now (or at `authDate`) with `token`. */
  initData(telegramId: number, options?: { authDate?: Date; token?: string; languageCode?: string }): string;
  login(accountId: string): Promise<string>;
  /**
   * A farmer's recording for `factory`, settled at `score` and graded, with `frames` keyframes
   * (small PNGs of distinct colours) and the steps JSON the grader stores. Its id.
   */
  gradedRecording(factory: Factory, score: number, frames?: number): Promise<string>;
  close(): Promise<void>;
}

export async function startDashboardRig(options: { payments?: boolean } = {}): Promise<DashboardRig> {
  const store: StoreUnderTest = await openStore("pglite");
  const redisServer = await startTestRedis();
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  // The ledger stamps entries with the database's clock: the scenario's clock is the real one.
  const world = scenario(store.uow, { clock: new TestClock(new Date()) });
  const storage = localDiskStorage(`/tmp/forge-dash-test-${randomBytes(4).toString("hex")}`);
  let farmers = 0;
  // CI shares one Redis between test files: each rig's sessions and rate limit are its own.
  const redisPrefix = `test-dash-${randomBytes(4).toString("hex")}:`;
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
      storage,
      telegramBotToken: BOT_TOKEN,
      publicUrl: "http://127.0.0.1",
      redisPrefix,
    }),
    onError: (error) => console.error(error),
  });
  const logins = dashboardLogins(redis, server.url, redisPrefix);
  return {
    url: server.url,
    world,
    redis,
    storage,
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
    async gradedRecording(factory, score, frames = 3) {
      const farmer = await world.person(`farmer${++farmers}`);
      const submission = must(await world.submit(farmer, factory));
      must(await world.core.settleSubmission({ submissionId: submission.id, score }));
      const keys = recordingKeys(submission.id);
      const steps = [];
      for (let i = 0; i < frames; i++) {
        const key = `${keys.prefix}frames/frame-${i}.png`;
        await storage.put(key, swatch((score * 7 + i * 53) % 360));
        steps.push({ kind: "click", atMs: i * 1000, frameMs: i * 1000, x: 10, y: 10, keyframe: key });
      }
      await storage.put(keys.sft, Buffer.from(JSON.stringify({ recording_id: submission.id, task: "t", steps })));
      const recording: Recording = {
        id: submission.id,
        submissionId: submission.id,
        accountId: farmer.id,
        factoryId: factory.id,
        taskId: factory.tasks[0]!.id,
        source: "recorder",
        storageKey: keys.prefix,
        contentHash: `hash-${submission.id}`,
        status: "graded",
        grade: grade(score),
        appealedAt: null,
        firstGrade: null,
        createdAt: world.deps.clock.now(),
        gradedAt: world.deps.clock.now(),
        notifiedAt: null,
      };
      await store.uow.run(async (r) => {
        await r.recordings.create(recording);
        return { ok: true as const };
      });
      return submission.id;
    },
    async close() {
      await server.close();
      redis.disconnect();
      await redisServer.stop();
      await store.close();
    },
  };
}

const grade = (score: number): Grade => ({
  score,
  components: [],
  reasons: [],
  rejected: false,
  actionCount: 10,
  durationMs: 60_000,
  llm: null,
});

/** A 64×36 PNG of one hue: keyframes that tell apart in a screenshot. */
function swatch(hue: number): Buffer {
  const png = new PNG({ width: 64, height: 36 });
  const [r, g, b] = [0, 8, 4].map((n) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (0.5 - 0.4 * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([r!, g!, b!, 255], i);
  return PNG.sync.write(png);
}
