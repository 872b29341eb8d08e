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

export const prismaAccountRepository = (tx: Tx): AccountRepository => ({
  async findById(id) {
    const row = await tx.account.findUnique({ where: { id } });
    return row && toAccount(row);
  },
  async findByIdentity(platform, externalId) {
    const row = await tx.identity.findUnique({
      where: { platform_externalId: { platform, externalId } },
      include: { account: true },
    });
    return row && toAccount(row.account);
  },
  async findByReferralCode(code) {
    const row = await tx.account.findUnique({ where: { referralCode: code } });
    return row && toAccount(row);
  },
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
    return tx.wallet.findMany({ where: { accountId }, orderBy: { verifiedAt: "asc" } });
  },
});
