// The payouts role: the only process that loads the treasury's (and the staking vault's) key.
// It runs payout rounds (chain/payouts/engine.ts) on a BullMQ schedule and reports what
// happened through the money notices.
import type { Redis } from "ioredis";
import type { MoneyNotices } from "../bots/notices/money-notices.js";
import { createPayoutEngine, type PayoutHooks } from "../chain/payouts/engine.js";
import { loadSigner } from "../chain/payouts/signer.js";
import { lookupTables, type LookupTablesState } from "../chain/payouts/lookup-tables.js";
import { prismaKeyValueStore } from "../prisma/key-value-store.js";
import type { PayoutsConfig } from "../config/schemas.js";
import type { Core } from "../core/index.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import { startPayoutRounds } from "../jobs/payouts.js";
import { startScheduled } from "../jobs/scheduled.js";
import { reconcile } from "../chain/payouts/reconcile.js";
import { prismaCursorStore } from "../prisma/chain-cursors.js";
import type { Database } from "../prisma/database.js";
import type { Logger } from "./logger.js";
import { countJobs, type Metrics } from "./metrics.js";

const RECONCILE_EVERY_MS = 10 * 60_000;

export async function startPayouts(options: {
  config: PayoutsConfig & { SOLANA_RPC_URL: string; TREASURY_KEYPAIR: string };
  core: Core;
  tokens: TokenRegistry;
  connection: Redis;
  db: Database;
  notices: MoneyNotices;
  logger: Logger;
  metrics: Metrics;
  hooks?: PayoutHooks;
}) {
  const { config } = options;
  const treasury = await loadSigner("TREASURY_KEYPAIR", config.TREASURY_KEYPAIR, config.TREASURY_ADDRESS);
  const vault = config.STAKING_VAULT_KEYPAIR
    ? await loadSigner("STAKING_VAULT_KEYPAIR", config.STAKING_VAULT_KEYPAIR, config.STAKING_VAULT_ADDRESS)
    : null;
  const logger = options.logger.child({ role: "payouts" });
  const tableStore = prismaKeyValueStore<LookupTablesState>(options.db.prisma, "payout-lookup-tables");
  const tables = lookupTables({
    rpcUrl: config.SOLANA_RPC_URL,
    treasury,
    store: { load: () => tableStore.read("treasury"), save: (state) => tableStore.write("treasury", state) },
    cost: (signature, lamports) => options.core.recordNetworkCost({ signature, lamports }),
  });
  const engine = createPayoutEngine({
    rpcUrl: config.SOLANA_RPC_URL,
    core: options.core,
    tokens: options.tokens,
    treasury,
    vault,
    lookupTables: tables,
    events: {
      paid: async (batch, payouts, signature) => {
        options.metrics.payouts.inc({ token: batch.token, status: "paid" }, payouts.length);
        logger.info({ batch: batch.id, payouts: payouts.length, signature }, "payout batch confirmed");
        await options.notices.paid(batch, payouts);
      },
      failed: async (batch, error, held) => {
        options.metrics.payouts.inc({ token: batch.token, status: "failed" });
        await options.notices.failed(batch, error, held);
      },
      gas: (paused, needed, available, since) => options.notices.gas(paused, needed, available, since),
      walletsMissing: (accountIds) => options.notices.walletsMissing(accountIds),
    },
    options: {
      maxOpenBatches: config.PAYOUT_MAX_OPEN_BATCHES,
      priorityFee: { floor: 0n, cap: config.PAYOUT_PRIORITY_FEE_MAX },
    },
    hooks: options.hooks,
    log: (level, message, detail) => logger[level](detail ?? {}, message),
  });
  const rounds = await startPayoutRounds(options.connection, config.PAYOUT_ROUND_MS, () => engine.round());
  countJobs(options.metrics, rounds.worker);
  rounds.worker.on("failed", (_job, error) => logger.warn({ err: error }, "payout round failed; the next one retries"));
  // Every 10 minutes: what left the treasury and the vault on chain against the confirmed payouts.
  const reconciler = await startScheduled({
    connection: options.connection,
    queue: "payouts-reconcile",
    job: "reconcile",
    everyMs: RECONCILE_EVERY_MS,
    opts: { removeOnComplete: 20, removeOnFail: 50 },
    process: async () => {
      const found = await reconcile({
        rpcUrl: config.SOLANA_RPC_URL,
        core: options.core,
        tokens: options.tokens,
        treasury: treasury.address,
        vault: vault?.address ?? config.STAKING_VAULT_ADDRESS ?? null,
        cursors: prismaCursorStore(options.db.prisma),
      });
      if (found.problems.length) logger.error({ problems: found.problems }, "reconciliation found differences");
      await options.notices.reconciled(found.problems);
      return { checked: found.checkedTransactions, problems: found.problems.length };
    },
  });
  return {
    treasury: treasury.address,
    vault: vault?.address ?? null,
    engine,
    close: async () => {
      await reconciler.close();
      await rounds.close();
    },
  };
}
