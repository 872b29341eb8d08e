// The worker's side of money in: watch the treasury and staking vault, credit payments
// through the core, count them and tell the people concerned.
import type { ConnectionOptions } from "bullmq";
import { associatedTokenAccount } from "../chain/token-accounts.js";
import { createWatcher } from "../chain/watcher.js";
import type { Core } from "../core/index.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import type { PaymentResult } from "../core/payments/record-payment.js";
import { startPaymentWatch } from "../jobs/payment-watch.js";
import type { Database } from "../prisma/database.js";
import { prismaCursorStore } from "../prisma/chain-cursors.js";
import { amount } from "../bots/views/view.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import type { Notify } from "./notifier.js";
import type { Translate } from "../bots/i18n.js";

export async function startPaymentWatcher(options: {
  rpcUrl: string;
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
    const link = (options.explorer ?? ((sig) => `https://explorer.solana.com/tx/${sig}`))(r.payment.signature);
    const update = request.messageRef
      ? {
          ref: request.messageRef,
          text: (t: Translate) => t("payment-request-paid", { amount: paid, link }),
        }
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
  return startPaymentWatch(options.connection, options.everyMs, async () => {
    const poll = await watcher.pollOnce();
    for (const result of poll.recorded) await announce(result);
    // waiting → paid (confirmed) → finalized: the request's message follows the chain.
    for (const { payment, request } of await watcher.finalize()) {
      if (!request?.messageRef || !options.notify) continue;
      const paid = amount(options.tokens, payment.token, payment.units);
      const link = (options.explorer ?? ((sig) => `https://explorer.solana.com/tx/${sig}`))(payment.signature);
      await options.notify(request.ownerId, null, {
        ref: request.messageRef,
        text: (t) => t("payment-request-finalized", { amount: paid, link }),
      });
    }
    return { rpcCalls: poll.rpcCalls, transactions: poll.transactions, recorded: poll.recorded.length };
  });
}
