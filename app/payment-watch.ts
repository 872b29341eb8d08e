// The worker's side of money in: watch the treasury and staking vault, credit payments
// through the core, count them and tell the people concerned.
import type { ConnectionOptions } from "bullmq";
import { associatedTokenAccount } from "../chain/token-accounts.js";
import { startSeenListener, type SeenTransaction } from "../chain/seen-listener.js";
import { createWatcher } from "../chain/watcher.js";
import type { Core } from "../core/index.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import type { RecordedPayment } from "../core/payments/payment.js";
import type { PaymentResult } from "../core/payments/record-payment.js";
import { startPaymentWatch } from "../jobs/payment-watch.js";
import type { Database } from "../prisma/database.js";
import { prismaCursorStore } from "../prisma/chain-cursors.js";
import { amount } from "../bots/views/view.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import type { Notify } from "./notifier.js";
import type { Translate } from "../bots/i18n.js";

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
  notify: Notify | null;
  /** Block explorer link for a transaction signature. */
  explorer?: (signature: string) => string;
}) {
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
  });
  const explorer = options.explorer ?? ((sig: string) => `https://explorer.solana.com/tx/${sig}`);
  const paidText = (payment: RecordedPayment, key: "payment-request-paid" | "payment-request-finalized") => {
    const paid = amount(options.tokens, payment.token, payment.units);
    return (t: Translate) => t(key, { amount: paid, link: explorer(payment.signature) });
  };
  const announce = async (r: PaymentResult) => {
    options.metrics.payments.inc({ token: r.payment.token, purpose: r.request?.purpose ?? "unattributed" });
    if (!r.request || !options.notify || r.payment.outcome === "mismatch") {
      if (!r.request || r.payment.outcome === "mismatch")
        options.logger.warn(
          { payment: { ...r.payment, units: r.payment.units.toString(), slot: r.payment.slot.toString() } },
          "payment needs an admin",
        );
      return;
    }
    const request = r.request;
    const overview = request.factoryId ? await options.core.getFactoryOverview(request.factoryId) : null;
    const paid = amount(options.tokens, r.payment.token, r.payment.units);
    const link = explorer(r.payment.signature);
    const update = request.messageRef
      ? { ref: request.messageRef, text: paidText(r.payment, "payment-request-paid") }
      : null;
    await options.notify(
      request.ownerId,
      (t) => {
        const what =
          request.purpose === "fund"
            ? t("payment-what-fund", { name: overview?.ok ? overview.value.factory.name : "?" })
            : request.purpose === "stake"
              ? t("payment-what-stake")
              : t("payment-what-verify", { wallet: `${r.payment.payer.slice(0, 4)}…${r.payment.payer.slice(-4)}` });
        const details = [
          r.shortfall > 0n ? t("payment-short", { missing: amount(options.tokens, r.payment.token, r.shortfall) }) : "",
          overview?.ok
            ? t("payment-pool-now", {
                available: amount(options.tokens, overview.value.factory.token, overview.value.available),
              })
            : "",
        ].filter(Boolean);
        return `${t("payment-credited", { amount: paid, what, detail: details.join(" ") })}\n${t("payment-tx-link", { link })}`;
      },
      update,
    );
  };
  const watch = await startPaymentWatch(options.connection, options.everyMs, async () => {
    const poll = await watcher.pollOnce();
    for (const result of poll.recorded) await announce(result);
    // waiting → paid (confirmed) → finalized: the request's message follows the chain.
    for (const { payment, request } of await watcher.finalize()) {
      if (!request?.messageRef || !options.notify) continue;
      await options.notify(request.ownerId, null, {
        ref: request.messageRef,
        text: paidText(payment, "payment-request-finalized"),
      });
    }
    return { rpcCalls: poll.rpcCalls, transactions: poll.transactions, recorded: poll.recorded.length };
  });

  /** waiting → seen: says so on the request's message, then wakes the watcher early. */
  const onSeen = async (tx: SeenTransaction) => {
    const seen = await options.core.markPaymentSeen(tx);
    for (const request of seen) {
      if (!request.messageRef || !options.notify) continue;
      const link = explorer(tx.signature);
      await options.notify(request.ownerId, null, {
        ref: request.messageRef,
        text: (t) => t("payment-request-seen", { link }),
      });
      // The watcher may have credited it meanwhile and its "paid" edit landed first: restore it.
      const now = await options.core.getPaymentStatus({ reference: request.reference, signature: tx.signature });
      if (now.request?.status === "paid" && now.payment)
        await options.notify(request.ownerId, null, {
          ref: request.messageRef,
          text: paidText(now.payment, now.payment.finalizedAt ? "payment-request-finalized" : "payment-request-paid"),
        });
    }
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
