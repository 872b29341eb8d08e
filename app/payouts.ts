// The payouts role: the only process that loads the treasury's (and the staking vault's) key.
// It runs payout rounds (chain/payouts/engine.ts) on a BullMQ schedule and reports what
// happened through the money notices.
import type { Redis } from "ioredis";
import type { MoneyNotices } from "../bots/notices/money-notices.js";
import { createPayoutEngine, type PayoutHooks } from "../chain/payouts/engine.js";
import { loadSigner } from "../chain/payouts/signer.js";
import type { PayoutsConfig } from "../config/schemas.js";
import type { Core } from "../core/index.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import { startPayoutRounds } from "../jobs/payouts.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";

export async function startPayouts(options: {
  config: PayoutsConfig & { SOLANA_RPC_URL: string; TREASURY_KEYPAIR: string };
  core: Core;
  tokens: TokenRegistry;
  connection: Redis;
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
  const engine = createPayoutEngine({
    rpcUrl: config.SOLANA_RPC_URL,
    core: options.core,
    tokens: options.tokens,
    treasury,
    vault,
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
  const rounds = await startPayoutRounds(
    options.connection,
    config.PAYOUT_ROUND_MS,
    () => engine.round(),
    (error) => logger.warn({ err: error }, "payout queue unavailable (Redis); rounds resume when it is back"),
  );
  rounds.worker.on("failed", (_job, error) => logger.warn({ err: error }, "payout round failed; the next one retries"));
  return {
    treasury: treasury.address,
    vault: vault?.address ?? null,
    engine,
    close: () => rounds.close(),
  };
}
