import type { CoreDeps } from "../deps.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { HOUR_MS, LINK_CODE_LENGTH, LINK_CODE_TTL_MS, LINK_CODES_PER_HOUR } from "./link-code.js";

export interface IssuedLinkCode {
  /** The plain code: shown once to the person, never stored (the store keeps its hash). */
  readonly code: string;
  readonly expiresAt: Date;
}

/**
 * A one-time code, valid 10 minutes, that the person enters on the bot of their other platform to
 * merge that account with this one (see redeem-link-code.ts). A few per hour.
 * Errors: ACCOUNT_NOT_FOUND, LINK_ALREADY_LINKED (this account already has both platforms, so
 * nothing could merge with it), LINK_RATE_LIMITED (context: retryAt).
 */
export async function issueLinkCode(deps: CoreDeps, accountId: string): Promise<Result<IssuedLinkCode, DomainError>> {
  return deps.uow.run(async (r) => {
    await r.lock([`link:${accountId}`]);
    if (!(await r.accounts.findById(accountId))) return fail("ACCOUNT_NOT_FOUND", { accountId });
    const platforms = new Set((await r.accounts.listIdentities(accountId)).map((i) => i.platform));
    if (platforms.size >= 2) return fail("LINK_ALREADY_LINKED");
    const now = deps.clock.now();
    if ((await r.links.countCodesSince(accountId, new Date(now.getTime() - HOUR_MS))) >= LINK_CODES_PER_HOUR)
      return fail("LINK_RATE_LIMITED", { retryAt: new Date(now.getTime() + HOUR_MS) });
    const code = deps.ids.code(LINK_CODE_LENGTH);
    const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
    await r.links.saveCode({ code, accountId, issuedAt: now, expiresAt });
    return ok({ code, expiresAt });
  });
}
