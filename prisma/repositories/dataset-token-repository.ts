// Dataset tokens, their curves' reserves and the transactions built for them, in raw SQL (the
// tables have no Prisma model: prisma/migrations/20261206000000_dataset_tokens).
import type {
  DatasetToken,
  DatasetTokenRepository,
  DatasetTokenStore,
  DatasetTx,
  MetaMember,
} from "../../core/dataset-tokens/dataset-token.js";
import type { Database } from "../database.js";
import type { Tx } from "./tx.js";

type Big = bigint | string | number;
const big = (v: Big): bigint => BigInt(v);
const bigOrNull = (v: Big | null): bigint | null => (v === null ? null : BigInt(v));

interface TokenRow {
  id: string;
  kind: DatasetToken["kind"];
  factory_id: string | null;
  creator_id: string;
  creator_wallet: string | null;
  name: string;
  symbol: string;
  mint: string | null;
  burn_bps: number;
  virtual_sol: Big;
  virtual_tokens: Big;
  curve_tokens: Big;
  sol_reserve: Big;
  token_reserve: Big;
  supply: Big;
  volume: Big;
  fees: Big;
  trades: number;
  status: DatasetToken["status"];
  created_at: Date;
  launched_at: Date | null;
}

const toToken = (r: TokenRow): DatasetToken => ({
  id: r.id,
  kind: r.kind,
  factoryId: r.factory_id,
  creatorId: r.creator_id,
  creatorWallet: r.creator_wallet,
  name: r.name,
  symbol: r.symbol,
  mint: r.mint,
  burnBps: Number(r.burn_bps),
  params: { virtualSol: big(r.virtual_sol), virtualTokens: big(r.virtual_tokens), curveTokens: big(r.curve_tokens) },
  reserves: { sol: big(r.sol_reserve), tokens: big(r.token_reserve) },
  supply: big(r.supply),
  volume: big(r.volume),
  fees: big(r.fees),
  trades: Number(r.trades),
  status: r.status,
  createdAt: r.created_at,
  launchedAt: r.launched_at,
});

interface TxRow {
  id: string;
  token_id: string;
  kind: DatasetTx["kind"];
  account_id: string;
  status: DatasetTx["status"];
  member_id: string | null;
  sol_in: Big | null;
  sell_bps: number | null;
  slippage_bps: number;
  quoted_sol: Big | null;
  quoted_tokens: Big | null;
  wallet: string | null;
  reference: string | null;
  message_hash: string | null;
  last_valid_height: Big | null;
  transaction: string | null;
  net: Big | null;
  fee: Big | null;
  tokens: Big | null;
  sol_out: Big | null;
  signature: string | null;
  created_at: Date;
  expires_at: Date;
  built_at: Date | null;
  settled_at: Date | null;
}

const toTx = (r: TxRow): DatasetTx => ({
  id: r.id,
  tokenId: r.token_id,
  kind: r.kind,
  accountId: r.account_id,
  status: r.status,
  memberId: r.member_id,
  solIn: bigOrNull(r.sol_in),
  sellBps: r.sell_bps === null ? null : Number(r.sell_bps),
  slippageBps: Number(r.slippage_bps),
  quotedFrom:
    r.quoted_sol === null || r.quoted_tokens === null ? null : { sol: big(r.quoted_sol), tokens: big(r.quoted_tokens) },
  built:
    r.wallet && r.reference && r.message_hash && r.transaction && r.built_at && r.last_valid_height !== null
      ? {
          wallet: r.wallet,
          reference: r.reference,
          messageHash: r.message_hash,
          lastValidBlockHeight: big(r.last_valid_height),
          transaction: r.transaction,
          net: big(r.net ?? 0),
          fee: big(r.fee ?? 0),
          tokens: big(r.tokens ?? 0),
          solOut: big(r.sol_out ?? 0),
          builtAt: r.built_at,
        }
      : null,
  signature: r.signature,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  settledAt: r.settled_at,
});

const TOKEN_COLUMNS = `id, kind, factory_id, creator_id, creator_wallet, name, symbol, mint, burn_bps, virtual_sol,
  virtual_tokens, curve_tokens, sol_reserve, token_reserve, supply, volume, fees, trades, status, created_at, launched_at`;
const tokenValues = (t: DatasetToken): unknown[] => [
  t.id,
  t.kind,
  t.factoryId,
  t.creatorId,
  t.creatorWallet,
  t.name,
  t.symbol,
  t.mint,
  t.burnBps,
  t.params.virtualSol,
  t.params.virtualTokens,
  t.params.curveTokens,
  t.reserves.sol,
  t.reserves.tokens,
  t.supply,
  t.volume,
  t.fees,
  t.trades,
  t.status,
  t.createdAt,
  t.launchedAt,
];
const INSERT_TOKEN = `INSERT INTO dataset_token (${TOKEN_COLUMNS}) VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`;

const TX_COLUMNS = `id, token_id, kind, account_id, status, member_id, sol_in, sell_bps, slippage_bps, quoted_sol, quoted_tokens,
  wallet, reference, message_hash, last_valid_height, transaction, net, fee, tokens, sol_out, signature, created_at,
  expires_at, built_at, settled_at`;
/** wallet … sol_out, then signature: what building and landing fill in. */
const builtValues = (t: DatasetTx): unknown[] => [
  t.built?.wallet ?? null,
  t.built?.reference ?? null,
  t.built?.messageHash ?? null,
  t.built?.lastValidBlockHeight ?? null,
  t.built?.transaction ?? null,
  t.built?.net ?? null,
  t.built?.fee ?? null,
  t.built?.tokens ?? null,
  t.built?.solOut ?? null,
  t.signature,
];
const txValues = (t: DatasetTx): unknown[] => [
  t.id,
  t.tokenId,
  t.kind,
  t.accountId,
  t.status,
  t.memberId,
  t.solIn,
  t.sellBps,
  t.slippageBps,
  t.quotedFrom?.sol ?? null,
  t.quotedFrom?.tokens ?? null,
  ...builtValues(t),
  t.createdAt,
  t.expiresAt,
  t.built?.builtAt ?? null,
  t.settledAt,
];

export const prismaDatasetTokenRepository = (tx: Tx): DatasetTokenRepository => {
  const tokens = async (sql: string, ...params: unknown[]) =>
    (await tx.$queryRawUnsafe<TokenRow[]>(sql, ...params)).map(toToken);
  const txs = async (sql: string, ...params: unknown[]) =>
    (await tx.$queryRawUnsafe<TxRow[]>(sql, ...params)).map(toTx);
  return {
    findToken: async (id) => (await tokens(`SELECT * FROM dataset_token WHERE id = $1`, id))[0] ?? null,
    findTokenByFactory: async (factoryId) =>
      (await tokens(`SELECT * FROM dataset_token WHERE factory_id = $1`, factoryId))[0] ?? null,
    listLive: (limit) =>
      tokens(
        `SELECT * FROM dataset_token WHERE status = 'live' ORDER BY volume DESC, launched_at DESC LIMIT $1`,
        limit,
      ),
    async createToken(t) {
      await tx.$executeRawUnsafe(INSERT_TOKEN, ...tokenValues(t));
    },
    async createTokenUnlessExists(t) {
      const inserted = await tx.$executeRawUnsafe(`${INSERT_TOKEN} ON CONFLICT DO NOTHING`, ...tokenValues(t));
      return inserted === 1;
    },
    async saveToken(t) {
      await tx.$executeRawUnsafe(
        `UPDATE dataset_token SET mint = $11, creator_wallet = $2, sol_reserve = $3, token_reserve = $4, supply = $5, volume = $6,
           fees = $7, trades = $8, status = $9, launched_at = $10 WHERE id = $1`,
        t.id,
        t.creatorWallet,
        t.reserves.sol,
        t.reserves.tokens,
        t.supply,
        t.volume,
        t.fees,
        t.trades,
        t.status,
        t.launchedAt,
        t.mint,
      );
    },
    lockToken: async (id) => (await tokens(`SELECT * FROM dataset_token WHERE id = $1 FOR UPDATE`, id))[0] ?? null,
    async addMembers(metaId, members) {
      for (const m of members)
        await tx.$executeRawUnsafe(
          `INSERT INTO dataset_token_member (meta_id, token_id, recordings, allocation) VALUES ($1, $2, $3, $4)`,
          metaId,
          m.tokenId,
          m.recordings,
          m.allocation,
        );
    },
    async members(metaId) {
      const rows = await tx.$queryRawUnsafe<
        { token_id: string; recordings: number; allocation: Big; claimed_at: Date | null }[]
      >(
        `SELECT token_id, recordings, allocation, claimed_at FROM dataset_token_member WHERE meta_id = $1
         ORDER BY token_id`,
        metaId,
      );
      return rows.map((r): MetaMember => ({
        tokenId: r.token_id,
        recordings: Number(r.recordings),
        allocation: big(r.allocation),
        claimedAt: r.claimed_at,
      }));
    },
    async markClaimed(metaId, tokenId, at) {
      await tx.$executeRawUnsafe(
        `UPDATE dataset_token_member SET claimed_at = $3 WHERE meta_id = $1 AND token_id = $2`,
        metaId,
        tokenId,
        at,
      );
    },
    async claimable(accountId) {
      const rows = await tx.$queryRawUnsafe<{ meta_id: string; symbol: string; token_id: string; allocation: Big }[]>(
        `SELECT m.meta_id, meta.symbol, m.token_id, m.allocation FROM dataset_token_member m
         JOIN dataset_token t ON t.id = m.token_id JOIN dataset_token meta ON meta.id = m.meta_id
         WHERE t.creator_id = $1 AND meta.status = 'live' AND m.claimed_at IS NULL AND m.allocation > 0
         ORDER BY meta.launched_at, m.token_id`,
        accountId,
      );
      return rows.map((r) => ({
        metaId: r.meta_id,
        symbol: r.symbol,
        tokenId: r.token_id,
        allocation: big(r.allocation),
      }));
    },
    async createTx(t) {
      await tx.$executeRawUnsafe(
        `INSERT INTO dataset_tx (${TX_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
           $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)`,
        ...txValues(t),
      );
    },
    findTx: async (id) => (await txs(`SELECT * FROM dataset_tx WHERE id = $1`, id))[0] ?? null,
    async saveTx(t) {
      await tx.$executeRawUnsafe(
        `UPDATE dataset_tx SET status = $2, wallet = $3, reference = $4, message_hash = $5, last_valid_height = $6,
           transaction = $7, net = $8, fee = $9, tokens = $10, sol_out = $11, signature = $12, built_at = $13,
           settled_at = $14
         WHERE id = $1`,
        t.id,
        t.status,
        ...builtValues(t),
        t.built?.builtAt ?? null,
        t.settledAt,
      );
    },
    builtTrade: async (tokenId) =>
      (
        await txs(
          `SELECT * FROM dataset_tx WHERE token_id = $1 AND status = 'built' AND kind IN ('buy', 'sell')`,
          tokenId,
        )
      )[0] ?? null,
    listBuilt: (limit) => txs(`SELECT * FROM dataset_tx WHERE status = 'built' ORDER BY built_at LIMIT $1`, limit),
    async grantAccess(tokenId, accountId, signature, at) {
      const inserted = await tx.$executeRawUnsafe(
        `INSERT INTO dataset_access (token_id, account_id, signature, granted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        tokenId,
        accountId,
        signature,
        at,
      );
      return inserted === 1;
    },
    async hasAccess(tokenId, accountId) {
      const rows = await tx.$queryRawUnsafe<unknown[]>(
        `SELECT 1 FROM dataset_access WHERE token_id = $1 AND account_id = $2`,
        tokenId,
        accountId,
      );
      return rows.length > 0;
    },
    async feesOf(accountId) {
      const rows = await tx.$queryRawUnsafe<{ id: string; symbol: string; fees: Big }[]>(
        `SELECT id, symbol, fees FROM dataset_token WHERE creator_id = $1 AND status = 'live' ORDER BY launched_at`,
        accountId,
      );
      return rows.map((r) => ({ tokenId: r.id, symbol: r.symbol, fees: big(r.fees) }));
    },
  };
};

/** The store on a database: `run` in one Prisma transaction, `read` outside any. */
export function datasetTokenStore(db: Pick<Database, "prisma">): DatasetTokenStore {
  return {
    async run<T extends { ok: boolean }>(fn: (repo: DatasetTokenRepository) => Promise<T>): Promise<T> {
      let result: { value: T } | undefined;
      try {
        await db.prisma.$transaction(
          async (t) => {
            result = { value: await fn(prismaDatasetTokenRepository(t as unknown as Tx)) };
            if (!result.value.ok) throw ROLLBACK;
          },
          // A wallet's request builds its transaction (one RPC call) while the curve is locked.
          { timeout: 20_000, maxWait: 10_000 },
        );
      } catch (error) {
        if (error !== ROLLBACK) throw error;
      }
      return result!.value;
    },
    read: (fn) => fn(prismaDatasetTokenRepository(db.prisma as unknown as Tx)),
  };
}

const ROLLBACK = Symbol("rollback");
