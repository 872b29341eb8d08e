// How two accounts of one person combine (pure rules; redeem-link-code.ts applies them in one
// unit of work). See redeem-link-code.ts for the whole list of rules.
import { LedgerAccount, type Transfer } from "../ledger/ledger.js";
import { TOKEN_SYMBOLS, type TokenSymbol } from "../money/tokens.js";
import { units } from "../money/units.js";
import type { MergedAccount } from "../ports/links.js";
import type { AccountRepository, LedgerRepository } from "../ports/repositories.js";
import { activeBoostBps, type Account } from "./account.js";

/** The older account survives (ties: the smaller id), whoever issued the code. */
export function survivorOf(a: Account, b: Account): { survivor: Account; absorbed: Account } {
  const aFirst = a.createdAt < b.createdAt || (a.createdAt.getTime() === b.createdAt.getTime() && a.id < b.id);
  return aFirst ? { survivor: a, absorbed: b } : { survivor: b, absorbed: a };
}

/**
 * First touch: of the two accounts' referrers, the one who referred the person first. A referral
 * of one of the two accounts by the other is the person inviting themselves: it is dropped.
 */
export function mergedReferrer(survivor: Account, absorbed: Account): Pick<Account, "referrerId" | "referredAt"> {
  const own = new Set([survivor.id, absorbed.id]);
  const candidates = [survivor, absorbed]
    .filter((a) => a.referrerId !== null && !own.has(a.referrerId))
    .sort((x, y) => (x.referredAt?.getTime() ?? 0) - (y.referredAt?.getTime() ?? 0));
  const first = candidates[0];
  return { referrerId: first?.referrerId ?? null, referredAt: first?.referredAt ?? null };
}

/** Whether the referrer chain above `referrerId` reaches either account (a merge would close a loop). */
export async function closesLoop(accounts: AccountRepository, referrerId: string | null, own: Set<string>) {
  let current = referrerId ? await accounts.findById(referrerId) : null;
  for (let depth = 0; current && depth < 10_000; depth++) {
    if (current.referrerId === null) return false;
    if (own.has(current.referrerId)) return true;
    current = await accounts.findById(current.referrerId);
  }
  return false;
}

/** XP adds up; the stronger active boost is kept; the survivor's language unless it has none. */
export function mergedAccount(survivor: Account, absorbed: Account, now: Date): MergedAccount {
  const [boostBps, boostUntil] = strongerBoost(survivor, absorbed, now);
  return {
    id: survivor.id,
    ...mergedReferrer(survivor, absorbed),
    xp: survivor.xp + absorbed.xp,
    boostBps,
    boostUntil,
    locale: survivor.locale ?? absorbed.locale,
  };
}

function strongerBoost(a: Account, b: Account, now: Date): [number, Date | null] {
  const [bpsA, bpsB] = [activeBoostBps(a, now), activeBoostBps(b, now)];
  if (bpsB > bpsA || (bpsB === bpsA && bpsB > 10_000 && b.boostUntil! > a.boostUntil!))
    return [b.boostBps, b.boostUntil];
  return [a.boostBps, a.boostUntil];
}

/** The ledger accounts that belong to a person (their money, by what it is for). */
const PERSONAL = [
  LedgerAccount.farmer,
  LedgerAccount.ambassador,
  LedgerAccount.creator,
  LedgerAccount.stake,
  LedgerAccount.unstaking,
] as const;

/** Transfers that empty every personal ledger account of `from` into the same account of `to`. */
export async function balanceTransfers(ledger: LedgerRepository, from: string, to: string): Promise<Transfer[]> {
  const pairs = PERSONAL.flatMap((name) => TOKEN_SYMBOLS.map((token: TokenSymbol) => ({ name, token })));
  const held = await ledger.balances(pairs.map(({ name, token }) => ({ account: name(from), token })));
  return pairs.flatMap(({ name, token }, i) => {
    const amount = held[i]!;
    return amount > 0n ? [{ from: name(from), to: name(to), token, units: units(amount) }] : [];
  });
}
