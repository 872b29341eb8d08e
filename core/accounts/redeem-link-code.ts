// One account across platforms (issue 14). A person who used the Telegram and the Discord bot
// separately has two accounts; `/link` on one gives a one-time code (issue-link-code.ts) and
// `/link CODE` on the other merges the two, in one unit of work, by these rules:
//
// - The code: single use, valid 10 minutes, stored only as a hash, bound to the account that
//   issued it. Wrong codes are counted: after 5 in an hour an account may try no more for a while
//   (LINK_TOO_MANY_ATTEMPTS), so nobody can guess someone else's code. Redeeming your own code
//   is LINK_SAME_ACCOUNT.
// - Who survives: the older account (ties: the smaller id), whichever side issued the code. The
//   other is absorbed: deleted, its id and referral code kept as aliases (invite links already
//   shared keep working).
// - Refused, changing nothing: both accounts have an identity on the same platform
//   (LINK_SAME_PLATFORM: two Telegram accounts are two people, or a mistake); either has a
//   payout in flight (LINK_PAYOUT_IN_FLIGHT: its transaction may be on chain right now; try
//   again in a few minutes); the merged referrals would form a loop (LINK_REFERRAL_CYCLE).
// - Money: every personal ledger balance of the absorbed account (owed as farmer, ambassador and
//   creator, staked, unstaking; every token) moves to the survivor's by one journal entry
//   (kind account-merge, key merge:<absorbed id>), through the ledger's own posting, so the
//   ledger stays balanced and nothing is lost or counted twice. Owed and paid payouts follow
//   their money: earnings, history and the staking tier add up.
// - XP adds up; the stronger active XP boost is kept; the survivor's language, else the other's.
// - Wallets: all of both accounts' verified wallets are kept (each was proven by a signature of
//   the same person); payouts go, as always, to the most recently verified one.
// - Referrals: first touch. Of the two accounts' referrers, the one who referred the person
//   first stays their referrer; the other loses future commissions (those already earned stay
//   theirs). A referral of one account by the other (the person invited themselves) is dropped.
//   The absorbed account's referees become the survivor's, with their commissions.
// - Everything else naming the absorbed account moves to the survivor: identities, factories
//   (and so their pools), submissions and recordings (limits and "better score pays only the
//   difference" then count both accounts' work), payment requests, paired recorders, uploads,
//   pairing codes, notifications.
import type { CoreDeps } from "../deps.js";
import type { Repositories } from "../ports/repositories.js";
import { REFERRAL_LOCK } from "../referrals/attribute-referral.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import type { Account } from "./account.js";
import { HOUR_MS, LINK_FAILURES_PER_HOUR, normalizeLinkCode } from "./link-code.js";
import { balanceTransfers, closesLoop, mergedAccount, survivorOf } from "./merge-accounts.js";

export interface LinkedAccounts {
  /** The merged account, as it is now. */
  readonly account: Account;
  /** The account that was absorbed (its id now leads to `account`). */
  readonly absorbedId: string;
}

type Outcome = Result<LinkedAccounts, DomainError>;

/** Refusals that mean "that was not a valid code": they count towards the limit on guesses. */
const GUESSES = new Set(["LINK_CODE_INVALID", "LINK_CODE_EXPIRED", "LINK_CODE_USED"]);

/**
 * Merges the account that issued `code` with `accountId` (the redeemer), by the rules above.
 * Errors: LINK_TOO_MANY_ATTEMPTS, LINK_CODE_INVALID, LINK_CODE_EXPIRED, LINK_CODE_USED,
 * LINK_SAME_ACCOUNT, ACCOUNT_NOT_FOUND, LINK_SAME_PLATFORM, LINK_PAYOUT_IN_FLIGHT,
 * LINK_REFERRAL_CYCLE.
 */
export async function redeemLinkCode(deps: CoreDeps, accountId: string, input: string): Promise<Outcome> {
  const since = new Date(deps.clock.now().getTime() - HOUR_MS);
  const failures = await deps.uow.read((r) => r.links.countFailuresSince(accountId, since));
  if (failures >= LINK_FAILURES_PER_HOUR) return fail("LINK_TOO_MANY_ATTEMPTS");
  const code = normalizeLinkCode(input);
  const outcome = code ? await deps.uow.run((r) => redeem(deps, r, accountId, code)) : fail("LINK_CODE_INVALID");
  if (!outcome.ok && GUESSES.has(outcome.error.code))
    await deps.uow.run(async (r) => ok(await r.links.recordFailure(accountId, deps.clock.now())));
  return outcome;
}

async function redeem(deps: CoreDeps, r: Repositories, redeemerId: string, code: string): Promise<Outcome> {
  const now = deps.clock.now();
  const issued = await r.links.lockCode(code);
  if (!issued) return fail("LINK_CODE_INVALID");
  if (issued.usedAt) return fail("LINK_CODE_USED");
  if (issued.expiresAt <= now) return fail("LINK_CODE_EXPIRED");
  if (issued.accountId === redeemerId) return fail("LINK_SAME_ACCOUNT");
  await r.lock([REFERRAL_LOCK]);
  await r.links.lockAccounts([issued.accountId, redeemerId]);
  const [issuer, redeemer] = [await r.accounts.findById(issued.accountId), await r.accounts.findById(redeemerId)];
  if (!issuer || !redeemer) return fail("ACCOUNT_NOT_FOUND");
  const refusal = await refusalOf(r, issuer, redeemer);
  if (refusal) return refusal;
  const { survivor, absorbed } = survivorOf(issuer, redeemer);
  const merged = mergedAccount(survivor, absorbed, now);
  if (await closesLoop(r.accounts, merged.referrerId, new Set([survivor.id, absorbed.id])))
    return fail("LINK_REFERRAL_CYCLE");
  const transfers = await balanceTransfers(r.ledger, absorbed.id, survivor.id);
  if (transfers.length) {
    const posted = await r.ledger.post({ key: `merge:${absorbed.id}`, kind: "account-merge", transfers });
    if (posted.status !== "posted") throw new Error(`merging ${absorbed.id}: the ledger said ${posted.status}`);
  }
  await r.links.markUsed(code, redeemerId, now);
  await r.links.absorb({ absorbed, survivor: merged, at: now });
  return ok({ account: { ...survivor, ...merged }, absorbedId: absorbed.id });
}

async function refusalOf(r: Repositories, a: Account, b: Account): Promise<ReturnType<typeof fail> | null> {
  const platforms = new Set((await r.accounts.listIdentities(a.id)).map((i) => i.platform));
  if ((await r.accounts.listIdentities(b.id)).some((i) => platforms.has(i.platform))) return fail("LINK_SAME_PLATFORM");
  if ((await r.links.countPayoutsInFlight([a.id, b.id])) > 0) return fail("LINK_PAYOUT_IN_FLIGHT");
  return null;
}
