// Dataset tokens as the app composes them: the use cases on the database (every role), the
// Solana Pay transaction requests that build and co-sign launches, trades, burns and claims
// (server role: the only one that holds CURVE_SECRET_KEY), the watcher's side that records them
// once the chain shows them (worker), and the public card a token's metadata links to.
import { createSolanaRpc, generateKeyPairSigner, type Address, type Signature } from "@solana/kit";
import type { TransactionLike } from "../chain/decode-transfers.js";
import { curveVault, datasetMintKey } from "../chain/curve-keys.js";
import {
  buildAllocationTransaction,
  buildBuyTransaction,
  buildLaunchTransaction,
  buildSellTransaction,
  buildUnlockBurnTransaction,
  datasetTokenAccount,
  readDatasetTransaction,
} from "../chain/dataset-token.js";
import type { ChainTx, TxPlan } from "../core/dataset-tokens/build-tx.js";
import type { DatasetTx } from "../core/dataset-tokens/dataset-token.js";
import { createDatasetTokens, type DatasetTokens, type LaunchTerms } from "../core/dataset-tokens/index.js";
import type { DatasetTxOutcome } from "../core/dataset-tokens/record-dataset-tx.js";
import { DEFAULT_CURVE, quoteBuy, quoteSell, TOKEN_DECIMALS } from "../core/datasets/curve.js";
import { z } from "zod";
import { formatAmount, parseAmount } from "../core/money/amount.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import type { UnitOfWork } from "../core/ports/repositories.js";
import type { Clock } from "../core/ports/runtime.js";
import type { ErrorCode } from "../core/shared/errors.js";
import type { Database } from "../prisma/database.js";
import { prismaDatasetExportRepository } from "../prisma/repositories/dataset-export-repository.js";
import { datasetTokenStore } from "../prisma/repositories/dataset-token-repository.js";
import type { Tx } from "../prisma/repositories/tx.js";
import type { HttpRoutes } from "../server/http-server.js";
import { TRANSACTION_REQUEST_PATH, type BuiltTransaction } from "../server/solana-pay/transaction-request.js";
import type { DatasetTokensPort } from "../bots/flows/dataset-tokens-port.js";
import { qrPng, transactionRequestUrl } from "../chain/solana-pay.js";
import { cryptoIds, systemClock } from "./runtime.js";

/** The memo every dataset-token transaction carries: names the request, never anything secret. */
export const datasetTxMemo = (txId: string) => `forge:dtx:${txId}`;
const MEMO = /^forge:dtx:([A-Za-z0-9_-]{6,64})$/;

/** The path of a token's public card (its mint's metadata uri points here). */
export const CARD_PATH = "/d";

export function buildDatasetTokens(options: {
  db: Database;
  uow: UnitOfWork;
  terms: LaunchTerms;
  treasury: string | null;
  clock?: Clock;
}): DatasetTokens {
  return createDatasetTokens({
    uow: options.uow,
    clock: options.clock ?? systemClock,
    ids: cryptoIds,
    store: datasetTokenStore(options.db),
    datasets: prismaDatasetExportRepository(options.db.prisma as unknown as Tx),
    terms: options.terms,
    treasury: options.treasury,
  });
}

/** What a refusal tells the wallet (Solana Pay shows `message`), and its HTTP status. */
const REFUSALS: Partial<Record<ErrorCode, [number, string]>> = {
  DATASET_TX_NOT_FOUND: [404, "No such request."],
  DATASET_TOKEN_NOT_FOUND: [404, "No such dataset token."],
  DATASET_TX_DONE: [410, "This request was carried out already."],
  DATASET_TX_EXPIRED: [410, "This request expired: ask again in the chat."],
  DATASET_TX_TAKEN: [409, "Another wallet opened this request: ask for a new one in the chat."],
  DATASET_TOKEN_NOT_LIVE: [409, "This token is not live yet."],
  WALLET_NOT_VERIFIED: [403, "Open this with the wallet you linked in the chat (/wallet)."],
  HOLDINGS_TOO_LOW: [409, "This wallet does not hold enough of the token."],
  DATASET_ACCESS_ALREADY: [409, "You can already download this dataset."],
  CURVE_BUSY: [409, "Another trade on this token is waiting for its wallet: try again in a minute."],
  CURVE_SLIPPAGE: [409, "The price moved past your limit: ask for a new quote in the chat."],
  CURVE_SOLD_OUT: [409, "The curve has fewer tokens left than this buy: buy less."],
  CURVE_AMOUNT_TOO_SMALL: [400, "This amount is too small to trade."],
  CURVE_SELL_EXCEEDS_SOLD: [409, "The curve cannot buy back that many tokens."],
};

const describe = (tx: DatasetTx, symbol: string): string => {
  const b = tx.built!;
  const sol = (lamports: bigint) => formatAmount(lamports, 9);
  const tokens = (units: bigint) => formatAmount(units, TOKEN_DECIMALS);
  switch (tx.kind) {
    case "launch":
      return `Launch $${symbol}`;
    case "buy":
      return `Buy ${tokens(b.tokens)} $${symbol} for ${sol(b.net + b.fee)} SOL`;
    case "sell":
      return `Sell ${tokens(b.tokens)} $${symbol} for ${sol(b.solOut)} SOL`;
    case "unlock":
      return `Burn ${tokens(b.tokens)} $${symbol} to download the dataset`;
    case "claim":
      return `Claim ${tokens(b.tokens)} $${symbol}`;
  }
};

export interface DatasetTxRequestOptions {
  readonly tokens: DatasetTokens;
  readonly uow: UnitOfWork;
  /** CURVE_SECRET_KEY: derives every curve's vault and mint keys. */
  readonly secret: Uint8Array;
  readonly rpcUrl: string;
  readonly treasury: string;
  readonly publicUrl: string;
  /** The CLONES mint, for the launch fee (none when CLONES is not configured). */
  readonly clones: { mint: string; decimals: number } | null;
}

/**
 * The server's answers to wallets for dataset transactions: null for a request id that is not
 * one (another transaction request answers it). The curve is settled first: a trade whose
 * blockhash passed without landing frees it.
 */
export function datasetTxRequests(options: DatasetTxRequestOptions) {
  const rpc = createSolanaRpc(options.rpcUrl);
  const base = options.publicUrl.replace(/\/+$/, "");
  const settle = settlement(options.tokens, options.rpcUrl);

  async function holdingsOf(wallet: string, mint: string | null): Promise<bigint> {
    if (!mint) return 0n;
    const ata = await datasetTokenAccount(wallet, mint);
    const info = await rpc
      .getTokenAccountBalance(ata as Address, { commitment: "confirmed" })
      .send()
      .catch(() => null);
    return info ? BigInt(info.value.amount) : 0n;
  }

  async function chain(plan: TxPlan, tx: DatasetTx, account: string): Promise<ChainTx> {
    const token = plan.token;
    const vault = await curveVault(options.secret, token.id);
    const envelope = {
      account,
      vault,
      treasury: options.treasury,
      reference: (await generateKeyPairSigner()).address,
      memo: datasetTxMemo(tx.id),
    };
    const done = (
      built: { transaction: string; messageHash: string; lastValidBlockHeight: bigint },
      mint?: string,
    ) => ({
      ...built,
      reference: envelope.reference,
      ...(mint ? { mint } : {}),
    });
    if (plan.kind === "launch") {
      const mint = await datasetMintKey(options.secret, token.id);
      const rent = await rpc.getMinimumBalanceForRentExemption(0n).send();
      const built = await buildLaunchTransaction(options.rpcUrl, {
        ...envelope,
        mint,
        name: token.name,
        symbol: token.symbol,
        uri: `${base}${CARD_PATH}/${token.id}`,
        decimals: TOKEN_DECIMALS,
        allocations: plan.allocations,
        launchFee: {
          solLamports: plan.solFee,
          ...(plan.clonesFee > 0n && options.clones ? { clones: { ...options.clones, units: plan.clonesFee } } : {}),
        },
        // The vault exists (rent) and holds what the allocation paid into the curve.
        vaultRentLamports: BigInt(rent) + plan.backing,
      });
      return done(built, mint.address);
    }
    const mint = token.mint!;
    const common = { ...envelope, mint, decimals: TOKEN_DECIMALS };
    switch (plan.kind) {
      case "buy":
        return done(
          await buildBuyTransaction(options.rpcUrl, {
            ...common,
            netLamports: plan.net,
            feeLamports: plan.fee,
            creatorWallet: plan.creatorWallet,
            tokensOut: plan.tokens,
          }),
        );
      case "sell":
        return done(
          await buildSellTransaction(options.rpcUrl, {
            ...common,
            tokensIn: plan.tokens,
            lamportsOut: plan.solOut,
            feeLamports: plan.fee,
            creatorWallet: plan.creatorWallet,
          }),
        );
      case "unlock":
        return done(await buildUnlockBurnTransaction(options.rpcUrl, { ...common, units: plan.tokens }));
      case "claim":
        return done(
          await buildAllocationTransaction(options.rpcUrl, {
            ...common,
            allocations: [{ owner: plan.owner, units: plan.tokens }],
          }),
        );
    }
  }

  return {
    async build(requestId: string, account: string): Promise<BuiltTransaction | null> {
      const asked = await options.tokens.findTx(requestId);
      if (!asked) return null;
      await settle.curve(asked.tokenId);
      const token = await options.tokens.getDatasetToken(asked.tokenId);
      const mint = token.ok ? token.value.token.mint : null;
      const owner = await options.uow.read((r) => r.accounts.findWallet(account));
      const built = await options.tokens.buildDatasetTx(
        {
          txId: requestId,
          facts: { wallet: account, holdings: await holdingsOf(account, mint), ownerId: owner?.accountId ?? null },
        },
        (plan) => chain(plan, asked, account),
      );
      if (!built.ok) {
        const [status, message] = REFUSALS[built.error.code] ?? [400, "This request cannot be carried out."];
        return { ok: false, status, message };
      }
      const tx = built.value.tx;
      const symbol = token.ok ? token.value.token.symbol : "";
      return { ok: true, transaction: tx.built!.transaction, message: describe(tx, symbol) };
    },
  };
}

/**
 * Recording what the chain shows: `seen` for a transaction the watcher fetched (any of the
 * treasury's; null unless it is a dataset transaction the server built), `sweep` for built
 * transactions whose blockhash passed (landed after all, or expired: the curve is free).
 */
export function settlement(tokens: DatasetTokens, rpcUrl: string) {
  const rpc = createSolanaRpc(rpcUrl);

  async function seen(tx: TransactionLike): Promise<DatasetTxOutcome | null> {
    const read = readDatasetTransaction(tx);
    const txId = read.memo ? MEMO.exec(read.memo)?.[1] : undefined;
    if (!txId) return null;
    const recorded = await tokens.recordDatasetTx({
      txId,
      signature: read.signature,
      messageHash: read.messageHash,
      succeeded: read.succeeded,
    });
    return recorded.ok ? recorded.value : null;
  }

  /** One built transaction past its deadline: what the chain has for its reference, or expired. */
  async function resolve(tx: DatasetTx, height: bigint): Promise<DatasetTxOutcome | null> {
    if (!tx.built || height <= tx.built.lastValidBlockHeight) return null;
    const found = await rpc
      .getSignaturesForAddress(tx.built.reference as Address, { commitment: "confirmed", limit: 10 })
      .send();
    for (const { signature } of found) {
      const landed = await rpc
        .getTransaction(signature as Signature, {
          commitment: "confirmed",
          encoding: "base64",
          maxSupportedTransactionVersion: 0,
        })
        .send();
      const outcome = landed ? await seen(landed as unknown as TransactionLike) : null;
      if (outcome) return outcome;
    }
    await tokens.expireDatasetTx(tx.id);
    return null;
  }

  const confirmedHeight = async () => BigInt(await rpc.getBlockHeight({ commitment: "confirmed" }).send());

  return {
    seen,
    /** Settles the curve's built trade if its blockhash passed (before pricing the next one). */
    async curve(tokenId: string): Promise<void> {
      const waiting = (await tokens.listBuilt(100)).filter((t) => t.tokenId === tokenId);
      if (waiting.length === 0) return;
      const height = await confirmedHeight();
      for (const tx of waiting) await resolve(tx, height);
    },
    /** Every built transaction past its deadline; the outcomes of those that landed after all. */
    async sweep(): Promise<DatasetTxOutcome[]> {
      const waiting = await tokens.listBuilt(100);
      if (waiting.length === 0) return [];
      const height = await confirmedHeight();
      const outcomes: DatasetTxOutcome[] = [];
      for (const tx of waiting) {
        const outcome = await resolve(tx, height);
        if (outcome?.isNew) outcomes.push(outcome);
      }
      return outcomes;
    },
  };
}

const Quote = z.object({
  buy: z
    .string()
    .regex(/^[1-9]\d{0,18}$/, "lamports")
    .transform(BigInt)
    .optional(),
  sell: z
    .string()
    .regex(/^[1-9]\d{0,18}$/, "base units")
    .transform(BigInt)
    .optional(),
});

/**
 * The public card a token's metadata links to (what the dataset is and how to get it), and a
 * quote at the curve's current reserves: `GET /d/<token>/quote?buy=<lamports>` or
 * `?sell=<base units>` (what a trade would give now; the wallet's request is priced again).
 */
export function datasetCardRoute(tokens: DatasetTokens, publicUrl?: string): HttpRoutes {
  return async (app) => {
    app.get<{ Params: { id: string }; Querystring: Record<string, string> }>(
      `${CARD_PATH}/:id/quote`,
      async (request, reply) => {
        const json = (status: number, body: unknown) =>
          reply.code(status).headers({ "cache-control": "no-store", "access-control-allow-origin": "*" }).send(body);
        const query = Quote.safeParse(request.query);
        if (!query.success || (query.data.buy === undefined) === (query.data.sell === undefined))
          return json(400, { error: "ask ?buy=<lamports> or ?sell=<base units>" });
        const found = /^[A-Za-z0-9_-]{6,64}$/.test(request.params.id)
          ? await tokens.getDatasetToken(request.params.id)
          : null;
        if (!found?.ok || found.value.token.status !== "live") return json(404, { error: "no such dataset token" });
        const { reserves, params } = found.value.token;
        const quote =
          query.data.buy !== undefined
            ? quoteBuy(reserves, params, { solIn: query.data.buy })
            : quoteSell(reserves, params, { tokensIn: query.data.sell! });
        if (!quote.ok) return json(409, { error: quote.error.code });
        const q = quote.value;
        return json(200, {
          side: q.side,
          tokens: q.tokens.toString(),
          fee: q.fee.toString(),
          ...(q.side === "buy"
            ? { solIn: q.solIn.toString(), solNet: q.solNet.toString() }
            : { solGross: q.solGross.toString(), solOut: q.solOut.toString() }),
        });
      },
    );
    app.get<{ Params: { id: string } }>(`${CARD_PATH}/:id`, async (request, reply) => {
      const id = request.params.id;
      const found = /^[A-Za-z0-9_-]{6,64}$/.test(id) ? await tokens.getDatasetToken(id) : null;
      if (!found?.ok || found.value.token.status !== "live")
        return reply.code(404).type("text/plain; charset=utf-8").send("No such dataset token.\n");
      const { token, priceLamports, burnUnits, members } = found.value;
      const card = [
        `# ${token.name} ($${token.symbol})`,
        "",
        token.kind === "meta"
          ? `A CLONES Forge meta-dataset bundling ${members.length} datasets of computer-use demonstrations.`
          : "A CLONES Forge dataset of computer-use demonstrations, each scored by the Quality Agent.",
        "",
        `- Mint: \`${token.mint}\` (Token-2022, ${TOKEN_DECIMALS} decimals)`,
        `- Price: ${formatAmount(priceLamports, 9)} SOL per token, on a bonding curve`,
        `- Download: burn ${formatAmount(burnUnits, TOKEN_DECIMALS)} $${token.symbol} (${token.burnBps / 100}% of the supply) from the bot's /datasets`,
        `- Trading pays 0.25% of the SOL volume to the dataset's creator`,
        ...(publicUrl ? ["", `More: ${publicUrl}`] : []),
        "",
      ].join("\n");
      return reply
        .code(200)
        .headers({ "content-type": "text/markdown; charset=utf-8", "cache-control": "public, max-age=300" })
        .send(card);
    });
  };
}

/** What the bots use (bots/flows/dataset-tokens-port.ts): the use cases, payments to open, links. */
export function datasetTokensPort(options: {
  tokens: DatasetTokens;
  terms: LaunchTerms;
  publicUrl: string;
  /** A download link for a ready export (app/datasets.ts). */
  link: (exportId: string) => string | null;
  explorer: (signature: string) => string;
}): DatasetTokensPort {
  const { tokens } = options;
  const base = options.publicUrl.replace(/\/+$/, "");
  return {
    launchFee: { sol: options.terms.solFee, clones: options.terms.clonesFee },
    list: (limit) => tokens.listDatasetTokens(limit),
    get: (tokenId) => tokens.getDatasetToken(tokenId),
    ofFactory: (factoryId) => tokens.tokenOfFactory(factoryId),
    requestLaunch: (input) => tokens.requestLaunch(input),
    requestMetaLaunch: (input) => tokens.requestMetaLaunch(input),
    requestTrade: (input) => tokens.requestTrade(input),
    claimable: (accountId) => tokens.claimable(accountId),
    requestClaim: (input) => tokens.requestClaim(input),
    async payment(tx) {
      const url = transactionRequestUrl(`${base}${TRANSACTION_REQUEST_PATH}/${tx.id}`);
      return { requestId: tx.id, url, qrPng: await qrPng(url), expiresAt: tx.expiresAt };
    },
    async downloads(input) {
      const found = await tokens.downloadableExports(input);
      if (!found.ok) return found;
      const links = found.value.exports.flatMap((e) => {
        const url = options.link(e.id);
        return url ? [{ sequence: e.sequence, factoryId: e.factoryId, url }] : [];
      });
      return { ok: true, value: { symbol: found.value.token.symbol, links } };
    },
    creatorFees: (accountId) => tokens.creatorFees(accountId),
    explorer: options.explorer,
  };
}

/** Whether dataset tokens are on here, on what terms, and the start-up line that says so. */
export function datasetTokenSetup(
  config: {
    DATASET_TOKENS: "on" | "off";
    DATASET_LAUNCH_FEE_SOL: string;
    DATASET_LAUNCH_FEE_CLONES: string;
    SOLANA_RPC_URL?: string;
    TREASURY_ADDRESS?: string;
    PUBLIC_URL?: string;
  },
  registry: TokenRegistry,
  exportsOn: boolean,
): { ok: true; terms: LaunchTerms; publicUrl: string; line: string } | { ok: false; line: string } {
  if (config.DATASET_TOKENS !== "on")
    return {
      ok: false,
      line: "  Dataset tokens: off, set DATASET_TOKENS=on (and CURVE_SECRET_KEY in the server role)",
    };
  const missing = [
    ...(exportsOn ? [] : ["DATASETS_SECRET"]),
    ...(config.SOLANA_RPC_URL ? [] : ["SOLANA_RPC_URL"]),
    ...(config.TREASURY_ADDRESS ? [] : ["TREASURY_ADDRESS"]),
    ...(config.PUBLIC_URL ? [] : ["PUBLIC_URL"]),
  ];
  if (missing.length || !config.PUBLIC_URL)
    return { ok: false, line: `  Dataset tokens: off, DATASET_TOKENS=on also needs ${missing.join(", ")}` };
  const clones = registry.get("CLONES");
  const sol = parseAmount(config.DATASET_LAUNCH_FEE_SOL, 9);
  const clonesFee = clones.mint ? parseAmount(config.DATASET_LAUNCH_FEE_CLONES, clones.decimals) : null;
  if (!sol.ok || (clonesFee && !clonesFee.ok))
    return { ok: false, line: "  Dataset tokens: off, DATASET_LAUNCH_FEE_SOL/_CLONES have too many decimals" };
  const terms: LaunchTerms = {
    solFee: sol.value,
    clonesFee: clonesFee?.ok ? clonesFee.value : 0n,
    curve: DEFAULT_CURVE,
  };
  const fee = `${formatAmount(terms.solFee, 9)} SOL${terms.clonesFee ? ` + ${formatAmount(terms.clonesFee, clones.decimals)} CLONES` : ""}`;
  return {
    ok: true,
    terms,
    publicUrl: config.PUBLIC_URL,
    line: `  Dataset tokens: on (launch fee ${fee}; trades co-signed by the server role)`,
  };
}
