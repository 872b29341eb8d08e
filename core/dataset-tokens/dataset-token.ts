// Dataset tokens: a factory's dataset, or an admin's bundle of several (a meta-dataset), as an
// SPL token on a bonding curve (core/datasets/curve.ts). The server prices every trade from the
// reserves stored here and co-signs the transaction; the reserves move only when the chain shows
// that transaction landed. Every amount is lamports or token base units.
import type { CurveParams, CurveState } from "../datasets/curve.js";

export type DatasetTokenKind = "dataset" | "meta";

export interface DatasetToken {
  readonly id: string;
  readonly kind: DatasetTokenKind;
  /** The factory whose data it is (dataset tokens); null for a meta-dataset. */
  readonly factoryId: string | null;
  /** The account that launched it: the factory's creator, or the admin of a meta-dataset. */
  readonly creatorId: string;
  /** The wallet that paid the launch: it got the allocation and receives the volume fees. */
  readonly creatorWallet: string | null;
  readonly name: string;
  readonly symbol: string;
  /** Derived from the curve key: known once the server built the launch (null before). */
  readonly mint: string | null;
  /** The share of the total supply a holder burns to download (basis points). */
  readonly burnBps: number;
  readonly params: CurveParams;
  readonly reserves: CurveState;
  /** Tokens in existence: minted (allocation and buys) minus burned (sells and unlocks). */
  readonly supply: bigint;
  /** SOL traded through the curve, fees included; and the volume fees paid to the creator. */
  readonly volume: bigint;
  readonly fees: bigint;
  readonly trades: number;
  /** launching: asked for, its launch transaction not yet seen on chain; live: tradable. */
  readonly status: "launching" | "live";
  readonly createdAt: Date;
  readonly launchedAt: Date | null;
}

export type DatasetTxKind = "launch" | "buy" | "sell" | "unlock" | "claim";

/**
 * open: asked for in chat, no wallet yet. built: answered to a wallet's Solana Pay request, its
 * message fixed (hash) until its blockhash expires. landed / failed: seen on chain. expired:
 * its blockhash passed without it landing, or nobody opened it in time.
 */
export type DatasetTxStatus = "open" | "built" | "landed" | "failed" | "expired";

export interface DatasetTx {
  readonly id: string;
  readonly tokenId: string;
  readonly kind: DatasetTxKind;
  /** Who asked, in chat: they are told how it went, and an unlock's access is theirs. */
  readonly accountId: string;
  readonly status: DatasetTxStatus;
  /** A claim's included dataset token: its creator's allocation in the meta-dataset `tokenId`. */
  readonly memberId: string | null;
  /** A buy's SOL (fee included). */
  readonly solIn: bigint | null;
  /** A sell's share of the wallet's holdings (basis points). */
  readonly sellBps: number | null;
  /** How much worse than the quote shown in chat the trader accepts (basis points). */
  readonly slippageBps: number;
  /** The reserves the chat's quote was priced from: the slippage limit is measured against them. */
  readonly quotedFrom: CurveState | null;
  readonly built: BuiltTx | null;
  readonly signature: string | null;
  readonly createdAt: Date;
  /** After this, a wallet opening the request is told to ask again. */
  readonly expiresAt: Date;
  readonly settledAt: Date | null;
}

/** What the server built for a wallet, fixed by the message it co-signed. */
export interface BuiltTx {
  readonly wallet: string;
  readonly reference: string;
  readonly messageHash: string;
  readonly lastValidBlockHeight: bigint;
  /** The partially signed transaction, base64, given again to the same wallet while valid. */
  readonly transaction: string;
  /** Lamports into the vault (buy) or the gross out of it (sell). */
  readonly net: bigint;
  readonly fee: bigint;
  /** Tokens minted (buy, launch allocation) or burned (sell, unlock). */
  readonly tokens: bigint;
  /** Lamports to the seller (sell). */
  readonly solOut: bigint;
  readonly builtAt: Date;
}

export interface MetaMember {
  readonly tokenId: string;
  readonly recordings: number;
  /** Base units for the included token's creator, paid for by the meta-dataset's launch. */
  readonly allocation: bigint;
  /** When its creator claimed it (minted to their wallet); null before. */
  readonly claimedAt: Date | null;
}

/** Where dataset tokens are kept (prisma/repositories/dataset-token-repository.ts). */
export interface DatasetTokenRepository {
  findToken(id: string): Promise<DatasetToken | null>;
  findTokenByFactory(factoryId: string): Promise<DatasetToken | null>;
  /** Live tokens, most traded first. */
  listLive(limit: number): Promise<DatasetToken[]>;
  createToken(token: DatasetToken): Promise<void>;
  /** Stores the token only if its factory has none: false when another got there first. */
  createTokenUnlessExists(token: DatasetToken): Promise<boolean>;
  saveToken(token: DatasetToken): Promise<void>;
  /** Locks the token's row until the transaction ends: trades on one curve one at a time. */
  lockToken(id: string): Promise<DatasetToken | null>;
  addMembers(metaId: string, members: readonly MetaMember[]): Promise<void>;
  members(metaId: string): Promise<MetaMember[]>;
  markClaimed(metaId: string, tokenId: string, at: Date): Promise<void>;
  /** Meta-datasets that include one of the account's tokens, with what it may claim there. */
  claimable(accountId: string): Promise<{ metaId: string; symbol: string; tokenId: string; allocation: bigint }[]>;
  createTx(tx: DatasetTx): Promise<void>;
  findTx(id: string): Promise<DatasetTx | null>;
  saveTx(tx: DatasetTx): Promise<void>;
  /** The curve's trade answered to a wallet and not yet seen landed, failed or expired. */
  builtTrade(tokenId: string): Promise<DatasetTx | null>;
  /** Built transactions whose blockhash deadline may have passed, oldest first. */
  listBuilt(limit: number): Promise<DatasetTx[]>;
  grantAccess(tokenId: string, accountId: string, signature: string, at: Date): Promise<boolean>;
  hasAccess(tokenId: string, accountId: string): Promise<boolean>;
  /** The volume fees each of the account's tokens has earned its creator. */
  feesOf(accountId: string): Promise<{ tokenId: string; symbol: string; fees: bigint }[]>;
}

export interface DatasetTokenStore {
  /** One transaction: commits when `fn` returns `{ ok: true }`, rolls back otherwise. */
  run<T extends { ok: boolean }>(fn: (repo: DatasetTokenRepository) => Promise<T>): Promise<T>;
  read<T>(fn: (repo: DatasetTokenRepository) => Promise<T>): Promise<T>;
}
