import type { Account } from "../accounts/account.js";
import type { CoreDeps } from "../deps.js";
import type { AccountRepository } from "../ports/repositories.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";

/** Attribution is rare; one lock for all of it makes the cycle check race-free. */
export const REFERRAL_LOCK = "referrals";
const MAX_CHAIN = 10_000;

/**
 * Attributes `accountId` to the owner of `code`: first touch, locked forever. Both accounts
 * are returned so the bots can tell both people. Re-using the same referrer's link is a no-op.
 * Errors: ACCOUNT_NOT_FOUND, REFERRAL_CODE_UNKNOWN, REFERRAL_SELF, REFERRAL_ALREADY_SET,
 * REFERRAL_CYCLE.
 */
export async function attributeReferral(
  deps: CoreDeps,
  input: { accountId: string; code: string },
): Promise<Result<{ referee: Account; referrer: Account; changed: boolean }, DomainError>> {
  const code = input.code.trim().toUpperCase();
  return deps.uow.run(async (r) => {
    await r.lock([REFERRAL_LOCK]);
    const referee = await r.accounts.findById(input.accountId);
    if (!referee) return fail("ACCOUNT_NOT_FOUND", { accountId: input.accountId });
    const referrer = await r.accounts.findByReferralCode(code);
    if (!referrer) return fail("REFERRAL_CODE_UNKNOWN", { code });
    if (referrer.id === referee.id) return fail("REFERRAL_SELF");
    if (referee.referrerId === referrer.id) return ok({ referee, referrer, changed: false });
    if (referee.referrerId) return fail("REFERRAL_ALREADY_SET", { referrerId: referee.referrerId });
    if (await leadsTo(r.accounts, referrer, referee.id)) return fail("REFERRAL_CYCLE");
    const now = deps.clock.now();
    await r.accounts.setReferrer(referee.id, referrer.id, now);
    return ok({ referee: { ...referee, referrerId: referrer.id, referredAt: now }, referrer, changed: true });
  });
}

/** Whether walking up the referrer chain from `start` reaches `target`. */
async function leadsTo(accounts: AccountRepository, start: Account, target: string): Promise<boolean> {
  let current: Account | null = start;
  for (let depth = 0; current?.referrerId && depth < MAX_CHAIN; depth++) {
    if (current.referrerId === target) return true;
    current = await accounts.findById(current.referrerId);
  }
  return false;
}
