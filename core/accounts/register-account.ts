import type { CoreDeps } from "../deps.js";
import { ok, type Result } from "../shared/result.js";
import type { DomainError } from "../shared/errors.js";
import type { Account, Platform } from "./account.js";

export const REFERRAL_CODE_LENGTH = 8;

export interface RegisterAccountInput {
  readonly platform: Platform;
  readonly externalId: string;
  readonly username?: string | null;
  readonly locale?: string | null;
}

/**
 * Finds the account behind a chat identity, creating account and identity on first contact.
 * Safe when two processes see the same new person at once (the identity key is locked).
 */
export async function registerAccount(
  deps: CoreDeps,
  input: RegisterAccountInput,
): Promise<Result<{ account: Account; created: boolean }, DomainError>> {
  // Almost every chat update comes from someone we know: a plain read, no lock.
  const known = await deps.uow.read((r) => r.accounts.findByIdentity(input.platform, input.externalId));
  if (known) return ok({ account: known, created: false });
  return deps.uow.run(async (r) => {
    await r.lock([`identity:${input.platform}:${input.externalId}`]);
    const existing = await r.accounts.findByIdentity(input.platform, input.externalId);
    if (existing) return ok({ account: existing, created: false });
    const now = deps.clock.now();
    let referralCode = deps.ids.code(REFERRAL_CODE_LENGTH);
    while (await r.accounts.findByReferralCode(referralCode)) referralCode = deps.ids.code(REFERRAL_CODE_LENGTH);
    const account: Account = {
      id: deps.ids.id(),
      referralCode,
      referrerId: null,
      referredAt: null,
      xp: 0n,
      boostBps: 10_000,
      boostUntil: null,
      locale: input.locale ?? null,
      createdAt: now,
    };
    await r.accounts.create(account);
    await r.accounts.addIdentity({
      platform: input.platform,
      externalId: input.externalId,
      accountId: account.id,
      username: input.username ?? null,
      createdAt: now,
    });
    return ok({ account, created: true });
  });
}
