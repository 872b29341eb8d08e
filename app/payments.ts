// Payment requests as people see them: a Solana Pay URL and its QR code, for funding a
// factory, staking CLONES or verifying a wallet.
import { qrPng, transactionRequestUrl, transferRequestUrl } from "../chain/solana-pay.js";
import { TRANSACTION_REQUEST_PATH } from "../server/solana-pay/transaction-request.js";
import type { Core } from "../core/index.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import { units } from "../core/money/units.js";
import { paymentMemo, type PaymentRequest } from "../core/payments/payment.js";

export interface ShownRequest {
  readonly requestId: string;
  readonly request: PaymentRequest;
  readonly url: string;
  readonly qrPng: Uint8Array;
  readonly expiresAt: Date;
}

/**
 * `publicUrl` is the server's public address: XP boosts are transaction requests the wallet
 * fetches from it (without it, boosts are off).
 */
export function paymentRequests(core: Core, tokens: TokenRegistry, publicUrl?: string) {
  async function show(request: PaymentRequest, message: string): Promise<ShownRequest> {
    const token = tokens.get(request.token);
    const url = transferRequestUrl({
      recipient: request.recipient,
      units: request.units,
      decimals: token.decimals,
      splToken: token.mint,
      references: [request.reference],
      label: "CLONES Forge",
      message,
      memo: paymentMemo(request),
    });
    return { requestId: request.id, request, url, qrPng: await qrPng(url), expiresAt: request.expiresAt };
  }
  const fail = (code: string) => new Error(code);
  /** A request the account pays to one of our wallets (stake, gas, verification). */
  async function request(
    accountId: string,
    purpose: "stake" | "gas" | "verify",
    token: "CLONES" | "SOL",
    amount: bigint,
    message: string,
  ): Promise<ShownRequest> {
    const r = await core.createPaymentRequest({ ownerId: accountId, purpose, token, units: units(amount) });
    if (!r.ok) throw fail(r.error.code);
    return show(r.value, message);
  }

  return {
    async requestFunding(input: { accountId: string; factoryId: string; units: bigint }): Promise<ShownRequest> {
      const overview = await core.getFactoryOverview(input.factoryId);
      if (!overview.ok) throw fail(overview.error.code);
      const f = overview.value.factory;
      const r = await core.createPaymentRequest({
        ownerId: input.accountId,
        purpose: "fund",
        factoryId: f.id,
        token: f.token,
        units: units(input.units),
      });
      if (!r.ok) throw fail(r.error.code);
      return show(r.value, `Fund ${f.name}`);
    },
    requestStake: (input: { accountId: string; units: bigint }) =>
      request(input.accountId, "stake", "CLONES", input.units, "Stake CLONES"),
    /** Whether XP boosts can be bought here (they need the server's public URL and the CLONES mint). */
    boostsEnabled: Boolean(publicUrl && tokens.get("CLONES").mint),
    /** An XP boost: a Solana Pay transaction request for the wallet to burn the boost's CLONES. */
    async requestBoost(input: { accountId: string; boostId: string }): Promise<ShownRequest> {
      if (!publicUrl) throw fail("PAYMENTS_NOT_CONFIGURED");
      const r = await core.requestBoost(input);
      if (!r.ok) throw fail(r.error.code);
      const request = r.value.request;
      const url = transactionRequestUrl(`${publicUrl.replace(/\/+$/, "")}${TRANSACTION_REQUEST_PATH}/${request.id}`);
      return { requestId: request.id, request, url, qrPng: await qrPng(url), expiresAt: request.expiresAt };
    },
    /** SOL an admin sends the treasury for payouts' network fees (credited to platform:gas). */
    requestGasTopUp: (input: { accountId: string; units: bigint }) =>
      request(input.accountId, "gas", "SOL", input.units, "Payout gas for CLONES Forge"),
    /** A tiny SOL payment: whichever wallet pays it is linked to the account. */
    requestWalletVerification: (input: { accountId: string }) =>
      request(input.accountId, "verify", "SOL", VERIFY_LAMPORTS, "Verify your wallet"),
  };
}

/** 0.000001 SOL: enough to prove control of the wallet, too little to matter. */
export const VERIFY_LAMPORTS = 1_000n;
