// Composition root of every role: `npm start` runs all of them in one process;
// `npm start -- --role worker` (or ROLE=worker) runs one, so that several processes can share
// one Postgres and one Redis.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { ConfigError, parseEnv } from "../config/env.js";
import {
  BaseEnv,
  BotEnv,
  PayoutsEnv,
  ROLES,
  ServerEnv,
  WEBHOOK_SECRET_REQUIRED,
  WorkerEnv,
  webhookNeedsSecret,
  s3Complete,
  S3_INCOMPLETE,
  type Role,
} from "../config/schemas.js";
import { createSettlementQueue } from "../jobs/queues.js";
import { MAINTENANCE_QUEUE, startMaintenance } from "../jobs/maintenance.js";
import type { SettlementJobResult } from "../jobs/settlement-processor.js";
import { rollUpLedger } from "../prisma/roll-up-ledger.js";
import { startWorkers } from "../jobs/workers.js";
import { startHttpServer } from "../server/http-server.js";
import { RECORDER_PACKAGE_PATH, recorderPackageRoute } from "../server/recorder-package.js";
import { createLogger } from "./logger.js";
import { REDIS_HELP } from "./local-redis.js";
import { createMetrics } from "./metrics.js";
import { buildNotifications, startTelegramDelivery } from "./notifications.js";
import { startPayouts } from "./payouts.js";
import { boostRoutes } from "./boosts.js";
import { explorerLink } from "../chain/explorer.js";
import { payoutKicker } from "../jobs/payouts.js";
import { startPaymentWatcher } from "./payment-watch.js";
import { GRADING_QUEUE, gradingQueue, startGradingWorker } from "../jobs/grade-recordings.js";
import { createLlmJudge } from "../llm/judge.js";
import { createGrader } from "./grading.js";
import { ffmpegMedia } from "./media.js";
import { recordingIntake } from "./recording-intake.js";
import { openStorage } from "./storage.js";
import { purgeExpiredUploads } from "../server/uploads/purge-expired-uploads.js";
import { prismaUploadRepository } from "../prisma/repositories/uploads.js";
import { recordingUploadRoutes, telegramRecordings } from "./uploads.js";
import { redisRateLimiter } from "../server/rate-limit.js";
import { buildCore, connectRedis, openConfiguredDatabase } from "./system.js";
import { startSupply } from "./supply.js";
import {
  buildTelegramBot,
  registerWebhook,
  startPolling,
  telegramAdminIds,
  TELEGRAM_WEBHOOK_PATH,
  webhookRoute,
} from "./telegram.js";

const SCHEMAS = { bot: BotEnv, worker: WorkerEnv, server: ServerEnv, payouts: PayoutsEnv } as const;
/** A recording still ungraded after this long lost its job (retries exhausted, or Redis lost it). */
const STALE_GRADING_MS = 30 * 60_000;

function parseRoles(argv: string[], env: NodeJS.ProcessEnv): Role[] {
  const flag = argv.indexOf("--role");
  const value = flag >= 0 ? argv[flag + 1] : env.ROLE;
  if (!value || value === "all") return [...ROLES];
  const roles = value.split(",").map((r) => r.trim());
  const bad = roles.find((r) => !(ROLES as readonly string[]).includes(r));
  if (bad) throw new ConfigError([`--role: "${bad}" is not one of all, ${ROLES.join(", ")}`]);
  return roles as Role[];
}

const closers: Array<() => Promise<void>> = [];

async function closeAll(onError: (error: unknown) => void): Promise<void> {
  for (const close of closers.splice(0).reverse()) {
    try {
      await close();
    } catch (error) {
      onError(error);
    }
  }
}

async function main(): Promise<void> {
  // Variables already set win over the file. ENV_FILE names another file ("" for none).
  const envFile = process.env.ENV_FILE ?? ".env";
  if (envFile && existsSync(envFile)) process.loadEnvFile(envFile);
  const roles = parseRoles(process.argv, process.env);
  const schema = roles.reduce<z.ZodObject>((s, r) => s.extend(SCHEMAS[r].shape), BaseEnv);
  const config = parseEnv(
    schema.refine(webhookNeedsSecret, WEBHOOK_SECRET_REQUIRED).refine(s3Complete, S3_INCOMPLETE),
    process.env,
  ) as z.output<typeof BotEnv> & z.output<typeof ServerEnv> & z.output<typeof WorkerEnv> & z.output<typeof PayoutsEnv>;
  const logger = createLogger(config.LOG_LEVEL);
  const metrics = createMetrics();
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const shutdown = installShutdown(logger);

  say(`CLONES Forge starting (roles: ${roles.join(", ")})`);
  if (!config.DATABASE_URL && roles.length < ROLES.length)
    say(
      "  Note: the embedded database serves one process at a time; set DATABASE_URL to run roles in separate processes.",
    );
  // Stake tiers are measured against the CLONES supply: the worker (it settles) will not start
  // when CLONES can be staked here but the supply is unknown.
  const supply = await startSupply(config, roles.includes("worker"));
  const db = await openConfiguredDatabase(config);
  closers.push(() => db.close());
  say(
    `  Database: ${db.kind === "postgres" ? "Postgres (DATABASE_URL)" : `embedded PGlite in ${config.DATA_DIR}/pglite`}; migrations applied now: ${db.migrated.length ? db.migrated.join(", ") : "none (up to date)"}`,
  );
  say(supply.line);
  const { core, tokens } = buildCore(config, db, supply.source);
  const redis = await connectRedis(config);
  if (redis) closers.push(() => redis.close());
  say(
    redis
      ? `  Redis: ${redis.embedded ? `local redis-server at ${redis.url} (data in ${config.DATA_DIR}/redis)` : "REDIS_URL"}`
      : `  ${REDIS_HELP}`,
  );
  const explorer = explorerLink({
    baseUrl: config.EXPLORER_URL,
    cluster: config.SOLANA_CLUSTER,
    rpcUrl: config.SOLANA_RPC_URL,
  });
  // Everything people are told outside their own chat goes through one outbox.
  const notifications = buildNotifications({
    db,
    connection: redis?.connection ?? null,
    core,
    tokens,
    adminIds: telegramAdminIds(config.ADMIN_IDS),
    explorer,
    logger,
  });
  closers.push(() => notifications.close());
  const payoutKick = redis ? payoutKicker(redis.connection) : null;
  if (payoutKick) closers.push(() => payoutKick.close());
  const owed = async () => {
    await payoutKick?.kick().catch(() => undefined); // the next scheduled round comes anyway
  };
  const { storage, describe: storageName } = openStorage(config);
  const grading = redis ? gradingQueue(redis.connection) : null;
  if (grading) closers.push(() => grading.close());
  const intake = grading ? recordingIntake({ core, storage, enqueueGrading: grading.grade }) : null;
  const scratch = join(config.DATA_DIR, "tmp");
  say(`  Recordings: stored in ${storageName}${grading ? "" : "; uploads and grading need Redis"}`);

  const webhookMode = Boolean(config.TELEGRAM_WEBHOOK_URL);
  const telegram =
    config.TELEGRAM_BOT_TOKEN && (roles.includes("bot") || (webhookMode && roles.includes("server")))
      ? buildTelegramBot({
          config,
          core,
          tokens,
          db,
          logger,
          metrics,
          explorer,
          notifier: notifications.notifier,
          owed,
          reachability: {
            reachable: (chatId) => notifications.store.markReachable("telegram", chatId),
            unreachable: (chatId) => notifications.store.markUnreachable("telegram", chatId),
          },
          recordings:
            intake && grading
              ? telegramRecordings({
                  core,
                  token: config.TELEGRAM_BOT_TOKEN,
                  apiRoot: config.TELEGRAM_API_ROOT,
                  intake: intake.acceptFrom("telegram"),
                  appeal: grading.regrade,
                  workDir: scratch,
                  maxBytes: 20 * 1024 * 1024,
                })
              : undefined,
        })
      : null;

  if (roles.includes("worker")) {
    if (!redis) say("  Worker: disabled (needs Redis)");
    else {
      const workers = startWorkers({
        connection: redis.connection,
        core,
        concurrency: config.WORKER_CONCURRENCY,
        events: {
          completed: (queue, result) => {
            metrics.jobs.inc({ queue, outcome: "completed" });
            const settled = result as Partial<SettlementJobResult> | undefined;
            if (settled?.payouts) metrics.payouts.inc({ token: settled.token, status: "created" }, settled.payouts);
          },
          failed: (queue, jobId, error, final) => {
            metrics.jobs.inc({ queue, outcome: final ? "failed" : "retrying" });
            metrics.errors.inc({ source: "worker" });
            logger.error({ queue, jobId, err: error, final }, "job failed");
          },
        },
      });
      closers.push(() => workers.close());
      const maintenance = await startMaintenance(redis.connection, {
        rollUpLedger: () => rollUpLedger(db.prisma),
        purgeUploads: () => purgeExpiredUploads(prismaUploadRepository(db.prisma), storage, new Date()),
        requeueStaleGrading: async () => {
          const stale = await core.listStaleRecordings(STALE_GRADING_MS);
          for (const recording of stale) await grading!.requeue(recording.id);
          return stale.length;
        },
        // Grades waiting for their payout's link, and messages lost to a crash.
        sweepNotices: () => notifications.notices.sweep(),
      });
      maintenance.worker.on("failed", (job, error) => {
        metrics.errors.inc({ source: "worker" });
        logger.error({ queue: MAINTENANCE_QUEUE, job: job?.name, err: error }, "maintenance job failed");
      });
      closers.push(() => maintenance.close());
      say(
        `  Worker: queues ${[...workers.workers.map((w) => w.name), MAINTENANCE_QUEUE].join(", ")}, concurrency ${config.WORKER_CONCURRENCY}`,
      );
      if (config.TELEGRAM_BOT_TOKEN) {
        const delivery = await startTelegramDelivery({
          notifications,
          connection: redis.connection,
          token: config.TELEGRAM_BOT_TOKEN,
          apiRoot: config.TELEGRAM_API_ROOT,
          logger,
          metrics,
        });
        closers.push(() => delivery.close());
        say("  Notifications: delivering Telegram DMs (about 29/s in all, 1/s per chat, at most once each)");
      }
      const wallets = [config.TREASURY_ADDRESS, config.STAKING_VAULT_ADDRESS].filter((w): w is string => Boolean(w));
      if (config.SOLANA_RPC_URL && wallets.length) {
        const watch = await startPaymentWatcher({
          rpcUrl: config.SOLANA_RPC_URL,
          wsUrl: config.SOLANA_WS_URL,
          wallets,
          everyMs: config.PAYMENT_POLL_MS,
          core,
          tokens,
          db,
          connection: redis.connection,
          logger,
          metrics,
          notices: notifications.notices,
        });
        watch.worker.on("failed", (_job, error) =>
          logger.warn({ err: error }, "payment poll failed; retrying on the next tick"),
        );
        closers.push(() => watch.close());
        say(
          `  Solana: watching ${wallets.length} wallet(s) for payments every ${config.PAYMENT_POLL_MS} ms` +
            (watch.seenListener
              ? ", seen at once over the websocket"
              : " (set SOLANA_WS_URL to show payments as seen)"),
        );
      } else say("  Solana: payment watching disabled, set SOLANA_RPC_URL and TREASURY_ADDRESS");
      const judge =
        config.LLM_BASE_URL && config.LLM_MODEL
          ? createLlmJudge({
              baseUrl: config.LLM_BASE_URL,
              model: config.LLM_MODEL,
              apiKey: config.LLM_API_KEY,
              logger,
            })
          : null;
      const grader = startGradingWorker(
        redis.connection,
        createGrader({
          core,
          tokens,
          storage,
          media: ffmpegMedia,
          judge,
          notices: notifications.notices,
          owed,
          logger,
          workDir: scratch,
        }),
        { concurrency: config.GRADING_CONCURRENCY },
      );
      grader.on("failed", (job, error) => {
        metrics.errors.inc({ source: "worker" });
        logger.error({ queue: GRADING_QUEUE, jobId: job?.id, err: error }, "grading failed");
      });
      closers.push(() => grader.close());
      say(
        `  Quality Agent: grading ${config.GRADING_CONCURRENCY} recording(s) at a time; LLM judge ${judge ? config.LLM_MODEL : "disabled, set LLM_BASE_URL and LLM_MODEL"}`,
      );
    }
  }

  if (roles.includes("payouts")) {
    if (!redis) say("  Payouts: disabled (needs Redis)");
    else if (!config.SOLANA_RPC_URL || !config.TREASURY_KEYPAIR)
      say(
        "  Payouts: disabled, set SOLANA_RPC_URL and TREASURY_KEYPAIR (the treasury's keypair file); owed money waits",
      );
    else {
      const payouts = await startPayouts({
        config: { ...config, SOLANA_RPC_URL: config.SOLANA_RPC_URL, TREASURY_KEYPAIR: config.TREASURY_KEYPAIR },
        core,
        tokens,
        connection: redis.connection,
        db,
        notices: notifications.notices,
        logger,
        metrics,
      });
      closers.push(() => payouts.close());
      say(
        `  Payouts: from treasury ${payouts.treasury}${payouts.vault ? ` and staking vault ${payouts.vault}` : " (unstaked CLONES wait: set STAKING_VAULT_KEYPAIR)"}, a round every ${config.PAYOUT_ROUND_MS} ms`,
      );
    }
  }

  if (roles.includes("server")) {
    const settlementQueue = redis ? createSettlementQueue(redis.connection) : null;
    if (settlementQueue) closers.push(() => settlementQueue.close());
    const http = await startHttpServer({
      host: config.HOST,
      port: config.PORT,
      checks: {
        database: () => db.prisma.$queryRawUnsafe("SELECT 1"),
        ...(redis ? { redis: () => redis.connection.ping() } : {}),
      },
      metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
      routes: {
        ...(telegram && webhookMode
          ? { [`POST ${TELEGRAM_WEBHOOK_PATH}`]: webhookRoute(telegram, config.TELEGRAM_WEBHOOK_SECRET!) }
          : {}),
        ...(config.SOLANA_RPC_URL && config.TREASURY_ADDRESS && config.CLONES_MINT
          ? boostRoutes({
              core,
              tokens,
              rpcUrl: config.SOLANA_RPC_URL,
              treasury: config.TREASURY_ADDRESS,
              publicUrl: config.PUBLIC_URL,
            })
          : {}),
        ...(intake
          ? await recordingUploadRoutes({
              core,
              rateLimit: redis ? redisRateLimiter(redis.connection) : undefined,
              trustProxy: config.TRUST_PROXY,
              db,
              storage,
              intake,
              maxUploadMb: config.UPLOAD_MAX_MB,
              workDir: join(scratch, "uploads"),
              logger,
            })
          : {}),
        // The recorder for farmers, as an npm tarball (the bot's install line points here).
        [`GET ${RECORDER_PACKAGE_PATH}`]: recorderPackageRoute({
          projectDir: fileURLToPath(new URL("..", import.meta.url)),
          outDir: join(config.DATA_DIR, "recorder"),
          onError: (error) => logger.error({ err: error }, "recorder package not built"),
        }),
      },
      onError: (error) => {
        metrics.errors.inc({ source: "http" });
        logger.error({ err: error }, "http handler failed");
      },
    });
    closers.push(() => http.close());
    say(
      `  Server: ${http.url} (/healthz, /metrics, ${RECORDER_PACKAGE_PATH}${intake ? ", /api/uploads" : ""}${telegram && webhookMode ? `, ${TELEGRAM_WEBHOOK_PATH}` : ""})`,
    );
  }

  if (roles.includes("bot")) {
    if (!telegram) say("  Telegram: disabled, set TELEGRAM_BOT_TOKEN");
    else if (webhookMode) {
      await registerWebhook(telegram, config.TELEGRAM_WEBHOOK_URL!, config.TELEGRAM_WEBHOOK_SECRET!, logger);
      say(`  Telegram: @${telegram.bot.botInfo.username}, webhook ${config.TELEGRAM_WEBHOOK_URL}`);
    } else {
      const polling = await startPolling(telegram, logger);
      closers.push(() => polling.close());
      say(
        `  Telegram: @${telegram.bot.botInfo.username}, long polling${config.TELEGRAM_API_ROOT ? ` via ${config.TELEGRAM_API_ROOT}` : ""}`,
      );
    }
    say(
      `  Discord: ${config.DISCORD_TOKEN ? "token set; the bot arrives with the Discord issue" : "disabled, set DISCORD_TOKEN"}`,
    );
  }
  say("Ready. Press Ctrl-C to stop.");
  logger.info({ roles }, "started");
  await shutdown.done;
}

function installShutdown(logger: ReturnType<typeof createLogger>) {
  let stopping = false;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const stop = async (signal: string) => {
    if (stopping) {
      process.stdout.write("Forced exit.\n");
      process.exit(1);
    }
    stopping = true;
    process.stdout.write(`\n${signal}: stopping...\n`);
    await closeAll((error) => logger.error({ err: error }, "error while stopping"));
    process.stdout.write("Stopped.\n");
    resolveDone();
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  return { done };
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await closeAll(() => undefined);
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
    } else {
      process.stderr.write(
        `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(1);
  },
);
