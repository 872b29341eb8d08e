// Composition root of every role: `npm start` runs all of them in one process;
// `npm start -- --role worker` (or ROLE=worker) runs one, so that several processes can share
// one Postgres and one Redis.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { adminAddresses, telegramAdminIds } from "../config/admin-ids.js";
import { ConfigError, parseEnv } from "../config/env.js";
import {
  BaseEnv,
  CURVE_KEY_REQUIRED,
  curveKeyPresent,
  BotEnv,
  discordShardsFit,
  DISCORD_SHARDS_MISFIT,
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
import { adminLoginLink, queueDashboardRoutes, QUEUES_PATH } from "../server/admin/queue-dashboard.js";
import { DASHBOARD_PATH, dashboardLogins, dashboardRoutes, dashboardUrl } from "./dashboard.js";
import { paymentRequests } from "./payments.js";
import { redisAdminSessions } from "../server/admin/admin-sessions.js";
import { queueHandles } from "../server/admin/queue-handles.js";
import { QUEUES } from "../jobs/queues.js";
import { PAYOUTS_QUEUE } from "../jobs/payouts.js";
import { PAYMENT_WATCH_QUEUE } from "../jobs/payment-watch.js";
import { RECORDER_PACKAGE_PATH, recorderPackageRoute } from "../server/recorder-package.js";
import { createLogger, logProcessWarnings, throttledErrors } from "./logger.js";
import { postgresPairingCodes } from "./pairing.js";
import { reportQueueErrors } from "../jobs/queue-errors.js";
import { explainStartupError } from "./startup-problems.js";
import { installShutdown } from "./shutdown.js";
import { REDIS_HELP } from "./local-redis.js";
import { countJobs, createMetrics } from "./metrics.js";
import {
  buildNotifications,
  notificationPlatforms,
  notificationQueues,
  startNotificationDelivery,
} from "./notifications.js";
import { startPayouts } from "./payouts.js";
import { boostRequests } from "./boosts.js";
import {
  buildDatasetTokens,
  CARD_PATH,
  datasetCardRoute,
  datasetTokenSetup,
  datasetTokensPort,
  datasetTxRequests,
  settlement,
} from "./dataset-tokens.js";
import { transactionRequests } from "./transaction-requests.js";
import { TRANSACTION_REQUEST_PATH } from "../server/solana-pay/transaction-request.js";
import { prismaUnitOfWork } from "../prisma/unit-of-work.js";
import { explorerLink } from "../chain/explorer.js";
import { payoutKicker } from "../jobs/payouts.js";
import { startPaymentWatcher } from "./payment-watch.js";
import { GRADING_QUEUE, gradingQueue, startGradingWorker } from "../jobs/grade-recordings.js";
import { createLlmJudge } from "../llm/judge.js";
import { createGrader, requeueGrading } from "./grading.js";
import { ffmpegMedia, mediaTools, qualityAgentLine } from "./media.js";
import { openScratch } from "./scratch.js";
import { recordingIntake } from "./recording-intake.js";
import { openStorage } from "./storage.js";
import { purgeExpiredUploads } from "../server/uploads/purge-expired-uploads.js";
import { purgeKeyValues } from "../prisma/key-value-store.js";
import { CHART_FILE_TTL_MS, chartFileStore } from "../prisma/repositories/chart-file-store.js";
import { WIZARD_NAMESPACE, WIZARD_TTL_MS } from "../bots/flows/wizard.js";
import { prismaUploadRepository } from "../prisma/repositories/uploads.js";
import { recordingUploadRoutes, telegramRecordings } from "./uploads.js";
import { redisRateLimiter } from "../server/rate-limit.js";
import { buildCore, connectRedis, openConfiguredDatabase } from "./system.js";
import { buildDatasetExports } from "./datasets.js";
import { exportNotice } from "../bots/flows/datasets.js";
import { datasetTxNotice } from "../bots/notices/dataset-tx-notice.js";
import { DATASETS_QUEUE } from "../jobs/dataset-exports.js";
import { startSupply } from "./supply.js";
import { discordBotDeps, discordExtraFeatures, startConfiguredDiscordBot } from "./discord.js";
import { buildTelegramBot, registerWebhook, startPolling, TELEGRAM_WEBHOOK_PATH, webhookRoute } from "./telegram.js";

const SCHEMAS = { bot: BotEnv, worker: WorkerEnv, server: ServerEnv, payouts: PayoutsEnv } as const;
/** A recording still ungraded after this long lost its job (retries exhausted, or Redis lost it). */
const STALE_GRADING_MS = 30 * 60_000;

/** `--migrate` (or ROLE=migrate): apply the database migrations and exit, as a one-shot job. */
const migrateOnly = (argv: string[], env: NodeJS.ProcessEnv) => argv.includes("--migrate") || env.ROLE === "migrate";

function parseRoles(argv: string[], env: NodeJS.ProcessEnv): Role[] {
  const flag = argv.indexOf("--role");
  const value = flag >= 0 ? argv[flag + 1] : env.ROLE;
  if (!value || value === "all") return [...ROLES];
  const roles = value.split(",").map((r) => r.trim());
  const bad = roles.find((r) => !(ROLES as readonly string[]).includes(r));
  if (bad) throw new ConfigError([`--role: "${bad}" is not one of all, ${ROLES.join(", ")}`]);
  return roles as Role[];
}

async function main(): Promise<void> {
  // Variables already set win over the file. ENV_FILE names another file ("" for none).
  const envFile = process.env.ENV_FILE ?? ".env";
  if (envFile && existsSync(envFile)) process.loadEnvFile(envFile);
  if (migrateOnly(process.argv, process.env)) return migrate(parseEnv(BaseEnv, process.env));
  const roles = parseRoles(process.argv, process.env);
  const schema = roles.reduce<z.ZodObject>((s, r) => s.extend(SCHEMAS[r].shape), BaseEnv);
  const config = parseEnv(
    schema
      .refine(webhookNeedsSecret, WEBHOOK_SECRET_REQUIRED)
      .refine(s3Complete, S3_INCOMPLETE)
      .refine(discordShardsFit, DISCORD_SHARDS_MISFIT)
      .refine((env) => !roles.includes("server") || curveKeyPresent(env), CURVE_KEY_REQUIRED),
    process.env,
  ) as z.output<typeof BotEnv> & z.output<typeof ServerEnv> & z.output<typeof WorkerEnv> & z.output<typeof PayoutsEnv>;
  const logger = createLogger(config.LOG_LEVEL);
  logProcessWarnings(logger);
  const metrics = createMetrics();
  const say = (line: string) => process.stdout.write(`${line}\n`);

  say(`CLONES Forge starting (roles: ${roles.join(", ")})`);
  if (!config.DATABASE_URL && roles.length < ROLES.length)
    say(
      "  Note: the embedded database serves one process at a time; set DATABASE_URL to run roles in separate processes.",
    );
  // Stake tiers are measured against the CLONES supply: the worker (it settles) will not start
  // when CLONES can be staked here but the supply is unknown.
  const supply = await startSupply(config, roles.includes("worker"));
  // Redis or Postgres away: one log line per source every 10 s, not a stack per retry.
  const connectionErrors = throttledErrors(logger);
  const db = await openConfiguredDatabase(config, {
    onConnectionError: (error) => connectionErrors("postgres", error),
  });
  onStop("database", () => db.close());
  say(
    `  Database: ${db.kind === "postgres" ? "Postgres (DATABASE_URL)" : `embedded PGlite in ${config.DATA_DIR}/pglite`}; migrations applied now: ${db.migrated.length ? db.migrated.join(", ") : "none (up to date)"}`,
  );
  say(supply.line);
  const { core, tokens } = buildCore(config, db, supply.source);
  reportQueueErrors(connectionErrors);
  const redis = await connectRedis(config, (error) => connectionErrors("redis", error));
  if (redis) onStop("redis", () => redis.close());
  say(
    redis
      ? `  Redis: ${redis.embedded ? `local redis-server at ${redis.url} (data in ${config.DATA_DIR}/redis)` : "REDIS_URL"}`
      : `  ${REDIS_HELP}`,
  );
  // What /healthz reports for this process (the worker adds its tools).
  const scrape = async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() });
  const checks: Record<string, () => Promise<unknown>> = {
    database: () => db.prisma.$queryRawUnsafe("SELECT 1"),
    ...(redis ? { redis: () => redis.connection.ping() } : {}),
  };
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
    platforms: notificationPlatforms(config),
    admins: adminAddresses(config.ADMIN_IDS),
    explorer,
    logger,
  });
  onStop("notification outbox", () => notifications.close());
  const payoutKick = redis ? payoutKicker(redis.connection) : null;
  if (payoutKick) onStop("payout kicker", () => payoutKick.close());
  const owed = async () => {
    await payoutKick?.kick().catch(() => undefined); // the next scheduled round comes anyway
  };
  const { storage, describe: storageName } = openStorage(config);
  const grading = redis ? gradingQueue(redis.connection) : null;
  if (grading) onStop("grading queue", () => grading.close());
  const intake = grading ? recordingIntake({ core, storage, enqueueGrading: grading.grade }) : null;
  // This process's own scratch folder under DATA_DIR/tmp; what killed processes left there goes
  // now, never a live process's files (see app/scratch.ts).
  const scratchSpace = await openScratch(join(config.DATA_DIR, "tmp"));
  onStop("scratch", () => scratchSpace.close());
  const scratch = scratchSpace.dir;
  if (scratchSpace.removed.length)
    say(
      `  Scratch: removed ${scratchSpace.removed.length} leftover(s) of stopped processes from ${config.DATA_DIR}/tmp`,
    );
  say(`  Recordings: stored in ${storageName}${grading ? "" : "; uploads and grading need Redis"}`);
  const datasetExports = buildDatasetExports({
    secret: config.DATASETS_SECRET,
    publicUrl: config.PUBLIC_URL,
    db,
    storage,
    connection: redis?.connection ?? null,
    workDir: scratch,
  });
  if (datasetExports) onStop("datasets queue", () => datasetExports.close());
  say(datasetExports ? "  Datasets: exports on" : "  Datasets: exports disabled, set DATASETS_SECRET");
  const tokenSetup = datasetTokenSetup(config, tokens, datasetExports !== null);
  const datasetTokens = tokenSetup.ok
    ? buildDatasetTokens({
        db,
        uow: prismaUnitOfWork(db.prisma, { query: db.query, pool: db.pool }),
        terms: tokenSetup.terms,
        treasury: config.TREASURY_ADDRESS ?? null,
      })
    : null;
  const datasetTokensForBots =
    datasetTokens && tokenSetup.ok && datasetExports
      ? datasetTokensPort({
          tokens: datasetTokens,
          terms: tokenSetup.terms,
          publicUrl: tokenSetup.publicUrl,
          link: (exportId) => datasetExports.link(exportId),
          explorer,
        })
      : undefined;
  say(tokenSetup.line);

  // The creator dashboard (server role, /app): Telegram opens it as a Mini App where PUBLIC_URL is
  // https; elsewhere, and on Discord, a one-time sign-in link kept in Redis opens it.
  const dashboardLogin = redis && config.PUBLIC_URL ? dashboardLogins(redis.connection, config.PUBLIC_URL) : null;
  const dashboard = dashboardLogin
    ? {
        webAppUrl: config.PUBLIC_URL?.startsWith("https:") ? dashboardUrl(config.PUBLIC_URL) : undefined,
        loginLink: dashboardLogin.link,
      }
    : undefined;
  say(
    !dashboard
      ? `  Dashboard: off, set PUBLIC_URL${redis ? "" : " (and Redis)"}`
      : dashboard.webAppUrl
        ? `  Dashboard: ${dashboard.webAppUrl}, a Telegram Mini App (📱 Dashboard in /factories)`
        : "  Dashboard: by one-time links from the bots; an https PUBLIC_URL makes it a Telegram Mini App",
  );

  const webhookMode = Boolean(config.TELEGRAM_WEBHOOK_URL);
  // Recordings sent in a Telegram chat, and appeals (both bots offer them).
  const chatRecordings =
    intake && grading
      ? telegramRecordings({
          core,
          token: config.TELEGRAM_BOT_TOKEN ?? "",
          apiRoot: config.TELEGRAM_API_ROOT,
          intake: intake.acceptFrom("telegram"),
          appeal: grading.regrade,
          workDir: scratch,
          maxBytes: 20 * 1024 * 1024,
        })
      : undefined;
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
          queueDashboard:
            redis && config.PUBLIC_URL
              ? { loginLink: adminLoginLink(redisAdminSessions(redis.connection), config.PUBLIC_URL) }
              : undefined,
          reachability: {
            reachable: (chatId) => notifications.store.markReachable("telegram", chatId),
            unreachable: (chatId) => notifications.store.markUnreachable("telegram", chatId),
          },
          recordings: chatRecordings,
          datasets: datasetExports ?? undefined,
          datasetTokens: datasetTokensForBots,
          dashboard,
        })
      : null;

  if (roles.includes("worker")) {
    if (!redis) say("  Worker: disabled (needs Redis)");
    else {
      const tools = mediaTools();
      checks.media = () => tools.health();
      const toolsReport = await tools.check();
      if (!toolsReport.ok)
        logger.error(
          { missing: toolsReport.missing, problems: toolsReport.problems },
          "grading tools missing: recordings wait ungraded; install ffmpeg",
        );
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
          batchFailed: (queue, error, size) =>
            logger.warn({ queue, err: error, size }, "settlement batch failed; settling its jobs one by one"),
        },
      });
      onStop("settlement worker", () => workers.close());
      const maintenance = await startMaintenance(redis.connection, {
        rollUpLedger: () => rollUpLedger(db.prisma),
        purgeUploads: () => purgeExpiredUploads(prismaUploadRepository(db.prisma), storage, new Date()),
        purgePairingCodes: () => postgresPairingCodes(db).purgeExpired(),
        purgeWizards: () => purgeKeyValues(db.query, WIZARD_NAMESPACE, new Date(Date.now() - WIZARD_TTL_MS)),
        purgeChartFiles: () => chartFileStore(db.query).purgeOlderThan(new Date(Date.now() - CHART_FILE_TTL_MS)),
        requeueStaleGrading: () => requeueGrading({ core, queue: grading!, tools, staleMs: STALE_GRADING_MS }),
        // Grades waiting for their payout's link, and messages lost to a crash.
        sweepNotices: () => notifications.notices.sweep(),
      });
      countJobs(metrics, maintenance.worker);
      maintenance.worker.on("failed", (job, error) => {
        metrics.errors.inc({ source: "worker" });
        logger.error({ queue: MAINTENANCE_QUEUE, job: job?.name, err: error }, "maintenance job failed");
      });
      onStop("maintenance worker", () => maintenance.close());
      say(
        `  Worker: queues ${[...workers.workers.map((w) => w.name), MAINTENANCE_QUEUE].join(", ")}, concurrency ${config.WORKER_CONCURRENCY}`,
      );
      if (config.TELEGRAM_BOT_TOKEN || config.DISCORD_TOKEN) {
        const delivery = await startNotificationDelivery({
          db,
          notifications,
          connection: redis.connection,
          telegram: config.TELEGRAM_BOT_TOKEN
            ? { token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT }
            : undefined,
          discord: config.DISCORD_TOKEN ? { token: config.DISCORD_TOKEN, apiRoot: config.DISCORD_API_ROOT } : undefined,
          logger,
          metrics,
        });
        onStop("notification delivery", () => delivery.close());
        if (config.TELEGRAM_BOT_TOKEN)
          say("  Notifications: delivering Telegram DMs (about 29/s in all, 1/s per chat, at most once each)");
        if (config.DISCORD_TOKEN)
          say("  Notifications: delivering Discord DMs (about 25/s in all, 1/s per person, at most once each)");
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
          datasetTxs: datasetTokens
            ? {
                ...settlement(datasetTokens, config.SOLANA_RPC_URL),
                // The person who asked hears how it went, once (a burn with its download links).
                told: async (outcome) => {
                  const { tx } = outcome;
                  if (!tx.signature || (tx.status !== "landed" && tx.status !== "failed")) return;
                  const files = outcome.unlocked.length
                    ? await datasetTokensForBots?.downloads({ accountId: tx.accountId, tokenId: outcome.token.id })
                    : null;
                  const links = files?.ok ? files.value.links : [];
                  const url = explorer(tx.signature);
                  await notifications.notifier.dm(
                    `dataset-tx:${tx.id}:${tx.status}`,
                    tx.accountId,
                    (t) => datasetTxNotice(t, outcome, links, url) ?? "",
                  );
                },
              }
            : undefined,
        });
        countJobs(metrics, watch.worker);
        watch.worker.on("failed", (_job, error) =>
          logger.warn({ err: error }, "payment poll failed; retrying on the next tick"),
        );
        onStop("payment watcher", () => watch.close());
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
          tools,
          onGraded: (outcome, seconds) => metrics.gradingSeconds.observe({ outcome }, seconds),
        }),
        { concurrency: config.GRADING_CONCURRENCY },
      );
      countJobs(metrics, grader);
      grader.on("failed", (job, error) => {
        metrics.errors.inc({ source: "worker" });
        logger.error({ queue: GRADING_QUEUE, jobId: job?.id, err: error }, "grading failed");
      });
      onStop("grading worker", () => grader.close());
      if (datasetExports) {
        // The person who asked hears when it is built (with its link) or given up.
        const exportsWorker = datasetExports.startWorker(redis.connection, async (e) => {
          const url = e.status === "ready" ? datasetExports.link(e.id) : null;
          await notifications.notifier.dm(`dataset:${e.id}:${e.status}`, e.requestedBy, exportNotice(e, url));
        });
        countJobs(metrics, exportsWorker);
        onStop("datasets worker", () => exportsWorker.close());
        say(`  Worker: queue ${DATASETS_QUEUE} builds dataset exports`);
      }
      say(
        qualityAgentLine(toolsReport, {
          concurrency: config.GRADING_CONCURRENCY,
          judge: judge ? `${config.LLM_MODEL}` : "disabled, set LLM_BASE_URL and LLM_MODEL",
        }),
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
      onStop("payouts", () => payouts.close());
      say(
        `  Payouts: from treasury ${payouts.treasury}${payouts.vault ? ` and staking vault ${payouts.vault}` : " (unstaked CLONES wait: set STAKING_VAULT_KEYPAIR)"}, a round every ${config.PAYOUT_ROUND_MS} ms`,
      );
    }
  }

  if (roles.includes("server")) {
    const settlementQueue = redis ? createSettlementQueue(redis.connection) : null;
    if (settlementQueue) onStop("settlement queue", () => settlementQueue.close());
    // The dashboard shows these even before their first job, and every other queue found in Redis.
    const dashboardQueues = redis
      ? queueHandles(redis.connection, [
          QUEUES.settlement,
          GRADING_QUEUE,
          MAINTENANCE_QUEUE,
          PAYOUTS_QUEUE,
          PAYMENT_WATCH_QUEUE,
          DATASETS_QUEUE,
          ...notificationQueues(config),
        ])
      : null;
    if (dashboardQueues) onStop("dashboard queue handles", () => dashboardQueues.close());
    const telegramAdmins = telegramAdminIds(config.ADMIN_IDS);
    const http = await startHttpServer({
      host: config.HOST,
      port: config.PORT,
      trustProxy: config.TRUST_PROXY,
      limits: { maxConnections: config.HTTP_MAX_CONNECTIONS, keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_S * 1000 },
      checks,
      metrics: scrape,
      onResponse: ({ method, route, status }) => metrics.httpRequests.inc({ method, route, status: String(status) }),
      routes: [
        ...(telegram && webhookMode ? [webhookRoute(telegram, config.TELEGRAM_WEBHOOK_SECRET!)] : []),
        ...(datasetExports ? [datasetExports.routes()] : []),
        ...(config.SOLANA_RPC_URL && config.TREASURY_ADDRESS
          ? transactionRequests(config.PUBLIC_URL, [
              ...(config.CLONES_MINT
                ? [boostRequests({ core, tokens, rpcUrl: config.SOLANA_RPC_URL, treasury: config.TREASURY_ADDRESS })]
                : []),
              ...(datasetTokens && tokenSetup.ok && config.CURVE_SECRET_KEY
                ? [
                    datasetTxRequests({
                      tokens: datasetTokens,
                      uow: prismaUnitOfWork(db.prisma, { query: db.query, pool: db.pool }),
                      secret: Buffer.from(config.CURVE_SECRET_KEY, "hex"),
                      rpcUrl: config.SOLANA_RPC_URL,
                      treasury: config.TREASURY_ADDRESS,
                      publicUrl: tokenSetup.publicUrl,
                      clones: tokens.get("CLONES").mint
                        ? { mint: tokens.get("CLONES").mint!, decimals: tokens.get("CLONES").decimals }
                        : null,
                    }).build,
                  ]
                : []),
            ])
          : []),
        ...(datasetTokens ? [datasetCardRoute(datasetTokens)] : []),
        ...(intake
          ? [
              await recordingUploadRoutes({
                core,
                rateLimit: redis ? redisRateLimiter(redis.connection) : undefined,
                db,
                storage,
                intake,
                maxUploadMb: config.UPLOAD_MAX_MB,
                workDir: join(scratch, "uploads"),
                logger,
              }),
            ]
          : []),
        // The recorder for farmers, as an npm tarball (the bot's install line points here).
        recorderPackageRoute({
          projectDir: fileURLToPath(new URL("..", import.meta.url)),
          outDir: join(config.DATA_DIR, "recorder"),
          onError: (error) => logger.error({ err: error }, "recorder package not built"),
        }),
        // Creators' dashboard: signed in by Telegram's initData or a one-time link from the bots.
        ...(redis && config.PUBLIC_URL
          ? [
              dashboardRoutes({
                core,
                tokens,
                storage,
                owed,
                uow: prismaUnitOfWork(db.prisma, { query: db.query, pool: db.pool }),
                redis: redis.connection,
                payments: config.TREASURY_ADDRESS ? paymentRequests(core, tokens, config.PUBLIC_URL) : undefined,
                telegramBotToken: config.TELEGRAM_BOT_TOKEN,
                publicUrl: config.PUBLIC_URL,
              }),
            ]
          : []),
        // Admins sign in with a one-time link from the bot (/admin → 📋 Queues).
        ...(redis && dashboardQueues
          ? [
              queueDashboardRoutes({
                sessions: redisAdminSessions(redis.connection),
                isAdmin: (id) => id.startsWith("telegram:") && telegramAdmins.has(id.slice("telegram:".length)),
                queues: dashboardQueues.list,
                secureCookie: config.PUBLIC_URL?.startsWith("https:") ?? false,
              }),
            ]
          : []),
      ],
      onError: (error) => {
        metrics.errors.inc({ source: "http" });
        logger.error({ err: error }, "http handler failed");
      },
    });
    onStop("http server", () => http.close());
    say(
      `  Server: ${http.url} (/healthz, /metrics, ${RECORDER_PACKAGE_PATH}${intake ? ", /api/uploads" : ""}${telegram && webhookMode ? `, ${TELEGRAM_WEBHOOK_PATH}` : ""}${dashboardQueues ? `, ${QUEUES_PATH}` : ""}${datasetExports ? ", /datasets/<export>" : ""}${config.SOLANA_RPC_URL && config.TREASURY_ADDRESS ? `, ${TRANSACTION_REQUEST_PATH}/<request>` : ""}${datasetTokens ? `, ${CARD_PATH}/<token>` : ""}${redis && config.PUBLIC_URL ? `, ${DASHBOARD_PATH}` : ""})`,
    );
    if (dashboardQueues)
      say(
        config.TELEGRAM_BOT_TOKEN && config.PUBLIC_URL && config.ADMIN_IDS.length
          ? "  Queue dashboard: admins sign in with the link from /admin → 📋 Queues in the bot"
          : "  Queue dashboard: nobody can sign in yet, set TELEGRAM_BOT_TOKEN, PUBLIC_URL and ADMIN_IDS (admins get a link from /admin)",
      );
  }

  if (roles.includes("bot")) {
    if (!telegram) say("  Telegram: disabled, set TELEGRAM_BOT_TOKEN");
    else if (webhookMode) {
      await registerWebhook(telegram, config.TELEGRAM_WEBHOOK_URL!, config.TELEGRAM_WEBHOOK_SECRET!, logger);
      say(`  Telegram: @${telegram.bot.botInfo.username}, webhook ${config.TELEGRAM_WEBHOOK_URL}`);
    } else {
      const polling = await startPolling(telegram, logger);
      onStop("telegram polling", () => polling.close());
      say(
        `  Telegram: @${telegram.bot.botInfo.username}, long polling${config.TELEGRAM_API_ROOT ? ` via ${config.TELEGRAM_API_ROOT}` : ""}`,
      );
    }
    if (!config.DISCORD_TOKEN) say("  Discord: disabled, set DISCORD_TOKEN");
    else {
      const discord = await startConfiguredDiscordBot(
        config,
        discordBotDeps({
          config,
          core,
          tokens,
          db,
          logger,
          metrics,
          explorer,
          notifier: notifications.notifier,
          owed,
          recordings: chatRecordings,
          datasets: datasetExports ?? undefined,
          datasetTokens: datasetTokensForBots,
          dashboard,
          reachable: (userId) => notifications.store.markReachable("discord", userId),
        }),
        // Polling or the webhook set-up above has fetched the Telegram bot's username.
        discordExtraFeatures(db, telegram?.bot.botInfo.username),
      );
      onStop("discord bot", () => discord.stop());
      const shards =
        config.DISCORD_SHARDS === "auto"
          ? `${discord.shardCount} shard(s)`
          : `shard(s) ${config.DISCORD_SHARDS.join(", ")} of ${config.DISCORD_SHARD_COUNT}`;
      say(
        `  Discord: ${discord.username}, slash commands, buttons and autocomplete on ${shards} in this process${config.DISCORD_API_ROOT ? ` via ${config.DISCORD_API_ROOT}` : ""}, intents ${discord.intents.join(", ")} (register the commands with npm run discord:deploy)`,
      );
    }
  }
  if (!roles.includes("server")) {
    // Workers, bots and payouts have no server of their own: a small one for probes and scrapes.
    if (config.METRICS_PORT === undefined)
      say("  Health and metrics: not served by this process, set METRICS_PORT to serve /healthz and /metrics");
    else {
      const probe = await startHttpServer({
        host: config.HOST,
        port: config.METRICS_PORT,
        checks,
        metrics: scrape,
        onError: (error) => logger.error({ err: error }, "metrics endpoint failed"),
      });
      onStop("health and metrics", () => probe.close());
      say(`  Health and metrics: ${probe.url}/healthz and /metrics`);
    }
  }
  say("Ready. Press Ctrl-C to stop.");
  logger.info({ roles }, "started");
  await shutdown.requested;
  await closeAll(
    (name, error) => logger.error({ component: name, err: error }, "error while stopping"),
    (name, ms) => logger.debug({ component: name, ms }, "stopped"),
  );
  say("Stopped.");
}

async function migrate(config: z.output<typeof BaseEnv>): Promise<void> {
  const db = await openConfiguredDatabase(config);
  await db.close();
  process.stdout.write(
    `Database ${db.kind === "postgres" ? "(DATABASE_URL)" : `embedded in ${config.DATA_DIR}/pglite`}: migrations applied now: ${db.migrated.length ? db.migrated.join(", ") : "none (up to date)"}\n`,
  );
}

// Installed first: a signal during start-up stops the process once start-up is done.
const shutdown = installShutdown();
const onStop = shutdown.onStop;
const closeAll = shutdown.closeAll;

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await closeAll(() => undefined);
    const explained = explainStartupError(error);
    process.stderr.write(
      explained
        ? `${explained}\n`
        : `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
