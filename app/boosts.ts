// The XP boost's Solana Pay transaction request: the server answers a wallet with the burn a
// boost request asks for (chain/boost-transaction.ts), only while the request is open.
import { boostFor } from "../core/boosts/request-boost.js";
import { burnTransaction } from "../chain/boost-transaction.js";
import type { Core } from "../core/index.js";
import { formatAmount } from "../core/money/amount.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import { paymentMemo } from "../core/payments/payment.js";
import type { HttpRoutes } from "../server/http-server.js";
import { multiplier } from "../bots/views/view.js";
import { transactionRequests, type RequestBuilder } from "./transaction-requests.js";

/** The boost's answers to wallets: null for a request id that is not a boost's. */
export function boostRequests(options: {
  core: Core;
  tokens: TokenRegistry;
  rpcUrl: string;
  treasury: string;
}): RequestBuilder {
  const clones = options.tokens.get("CLONES");
  return async (requestId, account) => {
    const request = await options.core.getPaymentRequest(requestId);
    if (!request || request.purpose !== "boost") return null;
    if (request.status !== "open")
      return { ok: false, status: 410, message: "This boost was paid already: ask for a new one with /boost." };
    const boost = boostFor({ tokens: options.tokens }, request.units);
    if (!boost || !clones.mint) return { ok: false, status: 404, message: "No such boost." };
    const transaction = await burnTransaction(options.rpcUrl, {
      account,
      mint: clones.mint,
      decimals: clones.decimals,
      units: request.units,
      reference: request.reference,
      treasury: options.treasury,
      memo: paymentMemo(request),
    });
    return {
      ok: true,
      transaction,
      message: `Burn ${formatAmount(request.units, clones.decimals)} CLONES for ${multiplier(boost.bps)} XP for ${boost.hours} h`,
    };
  };
}

export function boostRoutes(options: Parameters<typeof boostRequests>[0] & { publicUrl?: string }): HttpRoutes[] {
  return transactionRequests(options.publicUrl, [boostRequests(options)]);
}
