// The payouts role as its own process, for the crash and restart tests: the same composition
// as app/main.ts (startPayouts over the Postgres core, the notification outbox, BullMQ rounds),
// with a fault injector that SIGKILLs the process right after a chosen step of a round.
// Env: DATABASE_URL, REDIS_URL, SOLANA_RPC_URL, TREASURY_KEYPAIR, TREASURY_ADDRESS, USDC_MINT,
// CRASH_AT (after-signed | after-sent | before-confirm, optional), CRASH_ODDS (0..1).
import { Redis } from "ioredis";
import { buildNotifications } from "../../app/notifications.js";
import { createLogger } from "../../app/logger.js";
import { createMetrics } from "../../app/metrics.js";
import { startPayouts } from "../../app/payouts.js";
import { buildCore } from "../../app/system.js";
import { PayoutsEnv } from "../../config/schemas.js";
import { parseEnv } from "../../config/env.js";
import { openDatabase } from "../../prisma/database.js";

const config = parseEnv(PayoutsEnv, process.env);
const db = await openDatabase({ kind: "postgres", url: config.DATABASE_URL!, poolSize: 4 });
const { core, tokens } = buildCore(config, db);
const connection = new Redis(config.REDIS_URL!, { maxRetriesPerRequest: null });
connection.on("error", () => undefined);
const logger = createLogger(config.LOG_LEVEL);
const notifications = buildNotifications({
  db,
  connection,
  core,
  tokens,
  platforms: new Set(["telegram"]),
  admins: [],
  explorer: (s) => s,
  logger,
});
const crashAt = process.env.CRASH_AT;
const odds = Number(process.env.CRASH_ODDS ?? "0");
const maybeCrash = (step: string) => {
  if (step === crashAt && Math.random() < odds) {
    process.stdout.write(`CRASH ${step}\n`);
    process.kill(process.pid, "SIGKILL");
  }
};
await startPayouts({
  config: { ...config, SOLANA_RPC_URL: config.SOLANA_RPC_URL!, TREASURY_KEYPAIR: config.TREASURY_KEYPAIR! },
  core,
  tokens,
  connection,
  db,
  notices: notifications.notices,
  logger,
  metrics: createMetrics(),
  hooks: {
    afterSigned: () => maybeCrash("after-signed"),
    afterSent: () => maybeCrash("after-sent"),
    beforeConfirm: () => maybeCrash("before-confirm"),
  },
});
process.stdout.write("READY\n");
