import type { CoreDeps } from "../deps.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import type { Identity, Platform } from "./account.js";

/**
 * Links another chat identity (e.g. Discord after Telegram) to an existing account.
 * Errors: ACCOUNT_NOT_FOUND, IDENTITY_TAKEN (it belongs to another account).
 */
export async function linkIdentity(
  deps: CoreDeps,
  input: { accountId: string; platform: Platform; externalId: string; username?: string | null },
): Promise<Result<Identity, DomainError>> {
  return deps.uow.run(async (r) => {
    await r.lock([`identity:${input.platform}:${input.externalId}`]);
    if (!(await r.accounts.findById(input.accountId))) return fail("ACCOUNT_NOT_FOUND", { accountId: input.accountId });
    const owner = await r.accounts.findByIdentity(input.platform, input.externalId);
    const identity: Identity = {
      platform: input.platform,
      externalId: input.externalId,
      accountId: input.accountId,
      username: input.username ?? null,
      createdAt: deps.clock.now(),
    };
    if (owner?.id === input.accountId) return ok(identity);
    if (owner) return fail("IDENTITY_TAKEN", { platform: input.platform });
    await r.accounts.addIdentity(identity);
    return ok(identity);
  });
}
