// The worker's side of money in: watch the treasury and staking vault, credit payments
// through the core, count them, and have the people concerned told (bots/notices).
import type { ConnectionOptions } from "bullmq";
import type { MoneyNotices } from "../bots/notices/money-notices.js";
import { associatedTokenAccount } from "../chain/token-accounts.js";
import { startSeenListener, type SeenTransaction } from "../chain/seen-listener.js";
import { createWatcher } from "../chain/watcher.js";
import type { Core } from "../core/index.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import type { PaymentResult } from "../core/payments/record-payment.js";
import { startPaymentWatch } from "../jobs/payment-watch.js";
import type { TransactionLike } from "../chain/decode-transfers.js";
import type { DatasetTxOutcome } from "../core/dataset-tokens/record-dataset-tx.js";
import type { Database } from "../prisma/database.js";
import { prismaCursorStore } from "../prisma/chain-cursors.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";

/** After a payment is seen, the watcher polls this much later instead of waiting for its tick. */
const POLL_AFTER_SEEN_MS = 1_000;

export async function startPaymentWatcher(options: {
  rpcUrl: string;
  /** Websocket endpoint for the "seen" state (logsSubscribe); without it requests go waiting → paid. */
  wsUrl?: string;
  wallets: string[];
  everyMs: number;
  core: Core;
  tokens: TokenRegistry;
  db: Database;
  connection: ConnectionOptions;
  logger: Logger;
  metrics: Metrics;
  notices: MoneyNotices | null;
  /**
   * Dataset-token transactions (app/dataset-tokens.ts): recorded from the same scan, and those
   * whose blockhash passed settled each poll; `told` hears of each new outcome (a DM).
   */
  datasetTxs?: {
    seen(tx: TransactionLike): Promise<DatasetTxOutcome | null>;
    sweep(): Promise<DatasetTxOutcome[]>;
    told?(outcome: DatasetTxOutcome): Promise<void>;
  };
}) {
  const { datasetTxs } = options;
  const mints = options.tokens.list().flatMap((t) => (t.mint ? [t.mint] : []));
  const tokenAccounts = [];
  for (const wallet of options.wallets)
    for (const mint of mints) tokenAccounts.push(await associatedTokenAccount(wallet, mint));
  const watcher = createWatcher({
    rpcUrl: options.rpcUrl,
    core: options.core,
    tokens: options.tokens,
    cursors: prismaCursorStore(options.db.prisma),
    wallets: options.wallets,
    tokenAccounts,
    onTransaction: datasetTxs
      ? async (tx) => {
          const outcome = await datasetTxs.seen(tx);
          if (outcome?.isNew) await datasetTxs.told?.(outcome);
        }
      : undefined,
  });
  const announce = async (r: PaymentResult) => {
    options.metrics.payments.inc({ token: r.payment.token, purpose: r.request?.purpose ?? "unattributed" });
    if (!r.request || r.payment.outcome === "mismatch")
      options.logger.warn(
        { payment: { ...r.payment, units: r.payment.units.toString(), slot: r.payment.slot.toString() } },
        "payment needs an admin",
      );
    await options.notices?.paymentReceived(r);
  };
  const watch = await startPaymentWatch(options.connection, options.everyMs, async () => {
    const poll = await watcher.pollOnce();
    for (const outcome of (await datasetTxs?.sweep()) ?? []) await datasetTxs?.told?.(outcome);
    for (const result of poll.recorded) await announce(result);
    for (const burn of poll.burns) await options.notices?.burnRecorded(burn);
    // waiting → paid (confirmed) → finalized: the request's message follows the chain.
    for (const { payment, request } of await watcher.finalize())
      await options.notices?.paymentFinalized(payment, request);
    return { rpcCalls: poll.rpcCalls, transactions: poll.transactions, recorded: poll.recorded.length };
  });

  /** waiting → seen: says so on the request's message, then wakes the watcher early. */
  const onSeen = async (tx: SeenTransaction) => {
    const seen = await options.core.markPaymentSeen(tx);
    for (const request of seen) await options.notices?.paymentSeen(request, tx.signature);
    if (seen.length)
      await watch.queue.add(
        "poll",
        {},
        { jobId: `seen-${tx.signature}`, delay: POLL_AFTER_SEEN_MS, removeOnComplete: 50 },
      );
  };
  const listener = options.wsUrl
    ? startSeenListener({
        wsUrl: options.wsUrl,
        addresses: [...options.wallets, ...tokenAccounts],
        onSeen,
        onError: (error, addr) => options.logger.warn({ err: error, address: addr }, "payment subscription dropped"),
      })
    : null;
  return {
    ...watch,
    seenListener: listener !== null,
    close: async () => {
      listener?.stop();
      await watch.close();
    },
  };
}
