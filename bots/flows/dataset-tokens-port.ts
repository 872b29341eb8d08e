// What the dataset-token flows need (app/dataset-tokens.ts provides it), apart from the flows so
// that the bots' deps (deps.ts) can name it.
import type { LaunchAsked, TokenTerms } from "../../core/dataset-tokens/launch.js";
import type { DatasetTx, MetaMember } from "../../core/dataset-tokens/dataset-token.js";
import type { TradeAsk } from "../../core/dataset-tokens/build-tx.js";
import type { TokenOverview } from "../../core/dataset-tokens/queries.js";
import type { Actor } from "../../core/factories/actor.js";
import type { DomainError } from "../../core/shared/errors.js";
import type { Result } from "../../core/shared/result.js";
import type { ShownPayment } from "./shown-payment.js";

export type { TokenOverview, TradeAsk, TokenTerms };

export interface DatasetTokensPort {
  /** What launching costs (shown before the creator commits), lamports and CLONES base units. */
  readonly launchFee: { readonly sol: bigint; readonly clones: bigint };
  /** Live tokens, most traded first, with price, supply, market cap and volume. */
  list(limit?: number): Promise<TokenOverview[]>;
  get(tokenId: string): Promise<Result<TokenOverview, DomainError>>;
  /** The factory's token (launching or live), if any. */
  ofFactory(factoryId: string): Promise<TokenOverview | null>;
  requestLaunch(input: {
    actor: Actor;
    factoryId: string;
    terms: TokenTerms;
  }): Promise<Result<LaunchAsked, DomainError>>;
  requestMetaLaunch(input: {
    actor: Actor;
    terms: TokenTerms;
    tokenIds: readonly string[];
  }): Promise<Result<LaunchAsked & { members: MetaMember[] }, DomainError>>;
  requestTrade(input: {
    accountId: string;
    tokenId: string;
    ask: TradeAsk;
  }): Promise<Result<{ tx: DatasetTx; expectedTokens: bigint | null }, DomainError>>;
  /** Meta-dataset allocations the account's tokens may claim. */
  claimable(accountId: string): Promise<{ metaId: string; symbol: string; tokenId: string; allocation: bigint }[]>;
  requestClaim(input: {
    accountId: string;
    metaId: string;
    tokenId: string;
  }): Promise<Result<{ tx: DatasetTx; allocation: bigint }, DomainError>>;
  /** The Solana Pay transaction request (URL and QR) a wallet opens for a dataset transaction. */
  payment(tx: DatasetTx): Promise<ShownPayment>;
  /** Signed download links of what the account may download through the token. */
  downloads(input: {
    accountId: string;
    tokenId: string;
  }): Promise<Result<{ symbol: string; links: { sequence: number; factoryId: string; url: string }[] }, DomainError>>;
  /** The volume fees the account's tokens earned it, lamports. */
  creatorFees(accountId: string): Promise<{ tokenId: string; symbol: string; fees: bigint }[]>;
  /** A transaction's explorer link. */
  explorer(signature: string): string;
}
