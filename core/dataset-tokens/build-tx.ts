// Asking for a trade or a burn in chat, and answering a wallet's Solana Pay request for it. The
// answer is priced under the curve's row lock from its stored reserves, and only one built trade
// per curve may wait for its signature at a time (also a unique index): no two trades are priced
// from the same reserves. The transaction is fixed by the message the server co-signs; the
// reserves move when the chain shows it landed (record-dataset-tx.ts).
import { quoteAllocation, quoteBuy, quoteSell, type CurveError, type CurveState } from "../datasets/curve.js";
import { DomainError, fail } from "../shared/errors.js";
import { err, ok, type Result } from "../shared/result.js";
import type { BuiltTx, DatasetToken, DatasetTx, DatasetTokenRepository } from "./dataset-token.js";
import { openTx, type DatasetTokenDeps } from "./deps.js";
import { thresholdUnits } from "./launch.js";

/** The largest slippage limit a trader may pick: 50%. */
export const SLIPPAGE_BPS_MAX = 5_000;

export type TradeAsk =
  | { kind: "buy"; solIn: bigint; slippageBps: number }
  | { kind: "sell"; sellBps: number; slippageBps: number }
  | { kind: "unlock" };

/**
 * Asks for a buy, a sell or a burn-to-download on a live token; the wallet opening it gets the
 * transaction. A buy's expected tokens (at today's reserves) is shown with it.
 * Errors: INVALID_INPUT, DATASET_TOKEN_NOT_FOUND, DATASET_TOKEN_NOT_LIVE, and the curve's
 * refusals of the buy at today's reserves (CURVE_*).
 */
export async function requestTrade(
  deps: DatasetTokenDeps,
  input: { accountId: string; tokenId: string; ask: TradeAsk },
): Promise<Result<{ tx: DatasetTx; token: DatasetToken; expectedTokens: bigint | null }, DomainError>> {
  const { ask } = input;
  if (
    (ask.kind !== "unlock" &&
      (!Number.isInteger(ask.slippageBps) || ask.slippageBps < 0 || ask.slippageBps > SLIPPAGE_BPS_MAX)) ||
    (ask.kind === "buy" && ask.solIn <= 0n) ||
    (ask.kind === "sell" && (!Number.isInteger(ask.sellBps) || ask.sellBps < 1 || ask.sellBps > 10_000))
  )
    return fail("INVALID_INPUT", { ask: ask.kind });
  return deps.store.run(async (repo) => {
    const token = await repo.findToken(input.tokenId);
    if (!token) return fail("DATASET_TOKEN_NOT_FOUND", { tokenId: input.tokenId });
    if (token.status !== "live") return fail("DATASET_TOKEN_NOT_LIVE", { tokenId: token.id });
    let expectedTokens: bigint | null = null;
    if (ask.kind === "buy") {
      const quote = quoteBuy(token.reserves, token.params, { solIn: ask.solIn });
      if (!quote.ok) return refused(quote.error);
      expectedTokens = quote.value.tokens;
    }
    const tx = openTx(deps, {
      tokenId: token.id,
      kind: ask.kind,
      accountId: input.accountId,
      solIn: ask.kind === "buy" ? ask.solIn : null,
      sellBps: ask.kind === "sell" ? ask.sellBps : null,
      slippageBps: ask.kind === "unlock" ? 0 : ask.slippageBps,
      quotedFrom: ask.kind === "unlock" ? null : token.reserves,
    });
    await repo.createTx(tx);
    return ok({ tx, token, expectedTokens });
  });
}

/**
 * A creator claims their allocation in a meta-dataset that includes their token: their wallet
 * signs a transaction that mints it to them (the meta-dataset's launch paid for it).
 * Errors: DATASET_TOKEN_NOT_FOUND (nothing to claim there), DATASET_TOKEN_NOT_LIVE.
 */
export async function requestClaim(
  deps: DatasetTokenDeps,
  input: { accountId: string; metaId: string; tokenId: string },
): Promise<Result<{ tx: DatasetTx; allocation: bigint }, DomainError>> {
  return deps.store.run(async (repo) => {
    const claim = (await repo.claimable(input.accountId)).find(
      (c) => c.metaId === input.metaId && c.tokenId === input.tokenId,
    );
    if (!claim) return fail("DATASET_TOKEN_NOT_FOUND", { tokenId: input.tokenId });
    const tx = openTx(deps, {
      tokenId: input.metaId,
      kind: "claim",
      accountId: input.accountId,
      memberId: input.tokenId,
    });
    await repo.createTx(tx);
    return ok({ tx, allocation: claim.allocation });
  });
}

/** What the chain layer builds: every amount decided here. */
export type TxPlan =
  | {
      kind: "launch";
      token: DatasetToken;
      allocations: { owner: string; units: bigint }[];
      /** Lamports into the vault that buy the allocation from the curve (quoteAllocation). */
      backing: bigint;
      solFee: bigint;
      clonesFee: bigint;
    }
  | { kind: "buy"; token: DatasetToken; net: bigint; fee: bigint; tokens: bigint; creatorWallet: string }
  | { kind: "sell"; token: DatasetToken; tokens: bigint; solOut: bigint; fee: bigint; creatorWallet: string }
  | { kind: "unlock"; token: DatasetToken; tokens: bigint }
  | { kind: "claim"; token: DatasetToken; owner: string; tokens: bigint };

export interface ChainTx {
  readonly transaction: string;
  readonly messageHash: string;
  readonly lastValidBlockHeight: bigint;
  readonly reference: string;
  /** A launch's mint address (derived from the curve key). */
  readonly mint?: string;
}

export interface WalletFacts {
  /** The wallet's address (the Solana Pay POST's `account`). */
  readonly wallet: string;
  /** Its balance of the token (sells and burns), base units. */
  readonly holdings: bigint;
  /** The account that verified this wallet (/wallet), if any: a launch must come from the asker's. */
  readonly ownerId: string | null;
}

/** The curve's refusal as a domain error (the curve's codes are domain codes too). */
const refused = (e: CurveError) =>
  err(new DomainError(e.code === "CURVE_PARAMS_INVALID" ? "INVALID_INPUT" : e.code, e.context));

/** min × (1 − slippage), floored: the least a trader accepts. */
const atLeast = (expected: bigint, slippageBps: number) => (expected * BigInt(10_000 - slippageBps)) / 10_000n;

async function plan(
  deps: DatasetTokenDeps,
  repo: DatasetTokenRepository,
  tx: DatasetTx,
  token: DatasetToken,
  facts: WalletFacts,
): Promise<Result<TxPlan, DomainError>> {
  if (tx.kind === "launch") {
    if (facts.ownerId !== tx.accountId) return fail("WALLET_NOT_VERIFIED", { wallet: facts.wallet });
    const units = thresholdUnits(token.burnBps);
    const backed = quoteAllocation(token.reserves, token.params, units);
    if (!backed.ok) return refused(backed.error);
    const backing = backed.value.solNet;
    if (token.kind === "dataset")
      return ok({
        kind: "launch",
        token,
        allocations: [{ owner: facts.wallet, units }],
        backing,
        solFee: deps.terms.solFee,
        clonesFee: deps.terms.clonesFee,
      });
    // A meta-dataset's launch buys its members' allocations; each creator claims theirs after.
    return ok({ kind: "launch", token, allocations: [], backing, solFee: 0n, clonesFee: 0n });
  }
  if (token.status !== "live" || !token.creatorWallet) return fail("DATASET_TOKEN_NOT_LIVE", { tokenId: token.id });
  if (tx.kind === "claim") {
    if (facts.ownerId !== tx.accountId) return fail("WALLET_NOT_VERIFIED", { wallet: facts.wallet });
    const member = (await repo.members(token.id)).find((m) => m.tokenId === tx.memberId);
    if (!member || member.claimedAt) return fail("DATASET_TX_DONE", { txId: tx.id });
    return ok({ kind: "claim", token, owner: facts.wallet, tokens: member.allocation });
  }
  if (tx.kind === "unlock") {
    const units = thresholdUnits(token.burnBps);
    if (await repo.hasAccess(token.id, tx.accountId)) return fail("DATASET_ACCESS_ALREADY", { symbol: token.symbol });
    if (facts.holdings < units) return fail("HOLDINGS_TOO_LOW", { holdings: facts.holdings, needed: units });
    return ok({ kind: "unlock", token, tokens: units });
  }
  const busy = await repo.builtTrade(token.id);
  if (busy && busy.id !== tx.id) return fail("CURVE_BUSY", { symbol: token.symbol });
  const quotedFrom: CurveState = tx.quotedFrom ?? token.reserves;
  if (tx.kind === "buy") {
    const quote = quoteBuy(token.reserves, token.params, { solIn: tx.solIn! });
    if (!quote.ok) return refused(quote.error);
    const shown = quoteBuy(quotedFrom, token.params, { solIn: tx.solIn! });
    const least = shown.ok ? atLeast(shown.value.tokens, tx.slippageBps) : 0n;
    if (quote.value.tokens < least)
      return fail("CURVE_SLIPPAGE", { got: quote.value.tokens, least, slippageBps: tx.slippageBps });
    const { solNet: net, fee, tokens } = quote.value;
    return ok({ kind: "buy", token, net, fee, tokens, creatorWallet: token.creatorWallet });
  }
  const tokensIn = (facts.holdings * BigInt(tx.sellBps!)) / 10_000n;
  if (tokensIn <= 0n) return fail("HOLDINGS_TOO_LOW", { holdings: facts.holdings, needed: 1n });
  const quote = quoteSell(token.reserves, token.params, { tokensIn });
  if (!quote.ok) return refused(quote.error);
  const shown = quoteSell(quotedFrom, token.params, { tokensIn });
  const least = shown.ok ? atLeast(shown.value.solOut, tx.slippageBps) : 0n;
  if (quote.value.solOut < least)
    return fail("CURVE_SLIPPAGE", { got: quote.value.solOut, least, slippageBps: tx.slippageBps });
  const { solOut, fee } = quote.value;
  return ok({ kind: "sell", token, tokens: tokensIn, solOut, fee, creatorWallet: token.creatorWallet });
}

/**
 * The transaction for `facts.wallet` to sign. A wallet asking again for a transaction it was
 * given gets the same one back (wallets may POST twice); another wallet is refused.
 * Errors: DATASET_TX_NOT_FOUND, DATASET_TX_DONE, DATASET_TX_EXPIRED, DATASET_TX_TAKEN,
 * WALLET_NOT_VERIFIED, DATASET_TOKEN_NOT_LIVE, DATASET_ACCESS_ALREADY, HOLDINGS_TOO_LOW,
 * CURVE_BUSY, CURVE_SLIPPAGE and the curve's refusals.
 */
export async function buildDatasetTx(
  deps: DatasetTokenDeps,
  input: { txId: string; facts: WalletFacts },
  build: (plan: TxPlan) => Promise<ChainTx>,
): Promise<Result<{ tx: DatasetTx; plan: TxPlan | null }, DomainError>> {
  return deps.store.run(async (repo) => {
    const found = await repo.findTx(input.txId);
    if (!found) return fail("DATASET_TX_NOT_FOUND", { txId: input.txId });
    if (found.status === "landed" || found.status === "failed") return fail("DATASET_TX_DONE", { txId: found.id });
    if (found.status === "built")
      return found.built!.wallet === input.facts.wallet
        ? ok({ tx: found, plan: null })
        : fail("DATASET_TX_TAKEN", { txId: found.id });
    // A request still open in chat whose last transaction expired unsigned is priced again.
    if (deps.clock.now() > found.expiresAt) return fail("DATASET_TX_EXPIRED", { txId: found.id });
    const token = await repo.lockToken(found.tokenId);
    if (!token) return fail("DATASET_TOKEN_NOT_FOUND", { tokenId: found.tokenId });
    const planned = await plan(deps, repo, found, token, input.facts);
    if (!planned.ok) return planned;
    const p = planned.value;
    const chain = await build(p);
    const built: BuiltTx = {
      wallet: input.facts.wallet,
      reference: chain.reference,
      messageHash: chain.messageHash,
      lastValidBlockHeight: chain.lastValidBlockHeight,
      transaction: chain.transaction,
      net: p.kind === "buy" ? p.net : p.kind === "sell" ? p.solOut + p.fee : p.kind === "launch" ? p.backing : 0n,
      fee: p.kind === "buy" || p.kind === "sell" ? p.fee : 0n,
      // A launch buys the allocation (a meta-dataset's is minted later, by the claims).
      tokens: p.kind === "launch" ? thresholdUnits(token.burnBps) : p.tokens,
      solOut: p.kind === "sell" ? p.solOut : 0n,
      builtAt: deps.clock.now(),
    };
    const tx: DatasetTx = { ...found, status: "built", built };
    await repo.saveTx(tx);
    if (p.kind === "launch")
      await repo.saveToken({
        ...token,
        mint: chain.mint ?? token.mint,
        creatorWallet: token.kind === "dataset" ? input.facts.wallet : token.creatorWallet,
      });
    return ok({ tx, plan: p });
  });
}
