import type { Account, Identity, Platform, Wallet } from "../../core/accounts/account.js";
import type { AccountRepository } from "../../core/ports/repositories.js";
import type { Account as AccountRow, Identity as IdentityRow } from "../generated/client.js";
import type { Tx } from "./tx.js";

const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  referralCode: row.referralCode,
  referrerId: row.referrerId,
  referredAt: row.referredAt,
  xp: row.xp,
  boostBps: row.boostBps,
  boostUntil: row.boostUntil,
  locale: row.locale,
  createdAt: row.createdAt,
});

const toIdentity = (row: IdentityRow): Identity => ({ ...row, platform: row.platform as Platform });

// The lookups every chat update makes are raw SQL: one statement, no query compilation.
const ACCOUNT_COLUMNS = `a.id, a.referral_code, a.referrer_id, a.referred_at, a.xp::text AS xp, a.boost_bps,
  a.boost_until, a.locale, a.created_at`;

interface AccountSqlRow {
  id: string;
  referral_code: string;
  referrer_id: string | null;
  referred_at: Date | string | null;
  xp: string;
  boost_bps: number;
  boost_until: Date | string | null;
  locale: string | null;
  created_at: Date | string;
}

const fromSql = (r: AccountSqlRow): Account => ({
  id: r.id,
  referralCode: r.referral_code,
  referrerId: r.referrer_id,
  referredAt: r.referred_at === null ? null : new Date(r.referred_at),
  xp: BigInt(r.xp),
  boostBps: r.boost_bps,
  boostUntil: r.boost_until === null ? null : new Date(r.boost_until),
  locale: r.locale,
  createdAt: new Date(r.created_at),
});

async function one(tx: Tx, where: string, ...params: unknown[]): Promise<Account | null> {
  const rows = await tx.$queryRawUnsafe<AccountSqlRow[]>(
    `SELECT ${ACCOUNT_COLUMNS} FROM account a ${where}`,
    ...params,
  );
  return rows[0] ? fromSql(rows[0]) : null;
}

export const prismaAccountRepository = (tx: Tx): AccountRepository => ({
  findById: (id) => one(tx, "WHERE a.id = $1", id),
  findByIdentity: (platform, externalId) =>
    one(
      tx,
      "JOIN identity i ON i.account_id = a.id WHERE i.platform = $1 AND i.external_id = $2",
      platform,
      externalId,
    ),
  // An absorbed account's code (account_alias) leads to the account it merged into.
  findByReferralCode: (code) =>
    one(
      tx,
      "WHERE a.referral_code = $1 OR a.id = (SELECT x.account_id FROM account_alias x WHERE x.referral_code = $1)",
      code,
    ),
  async create(account) {
    await tx.account.create({ data: { ...account } });
  },
  async addIdentity(identity) {
    await tx.identity.create({ data: { ...identity } });
  },
  async listIdentities(accountId) {
    return (await tx.identity.findMany({ where: { accountId }, orderBy: { createdAt: "asc" } })).map(toIdentity);
  },
  async setReferrer(accountId, referrerId, at) {
    const { count } = await tx.account.updateMany({
      where: { id: accountId, referrerId: null },
      data: { referrerId, referredAt: at },
    });
    return count === 1;
  },
  async listReferees(referrerId) {
    return (await tx.account.findMany({ where: { referrerId }, orderBy: { referredAt: "desc" } })).map(toAccount);
  },
  async topByXp(limit) {
    const rows = await tx.account.findMany({
      where: { xp: { gt: 0 } },
      orderBy: [{ xp: "desc" }, { id: "asc" }],
      take: limit,
    });
    return rows.map(toAccount);
  },
  async addXp(accountId, xp) {
    await tx.account.update({ where: { id: accountId }, data: { xp: { increment: xp } } });
  },
  async setBoost(accountId, boostBps, until) {
    await tx.account.update({ where: { id: accountId }, data: { boostBps, boostUntil: until } });
  },
  async setLocale(accountId, locale) {
    await tx.account.update({ where: { id: accountId }, data: { locale } });
  },
  async findWallet(address) {
    return tx.wallet.findUnique({ where: { address } }) as Promise<Wallet | null>;
  },
  async addWallet(wallet) {
    await tx.wallet.create({ data: { ...wallet } });
  },
  async listWallets(accountId) {
    const rows = await tx.$queryRawUnsafe<Array<{ address: string; account_id: string; verified_at: Date | string }>>(
      "SELECT address, account_id, verified_at FROM wallet WHERE account_id = $1 ORDER BY verified_at, address",
      accountId,
    );
    return rows.map((r) => ({ address: r.address, accountId: r.account_id, verifiedAt: new Date(r.verified_at) }));
  },
  async claimWalletPrompt(accountId, at) {
    const { count } = await tx.account.updateMany({
      where: { id: accountId, walletPromptedAt: null },
      data: { walletPromptedAt: at },
    });
    return count === 1;
  },
});
