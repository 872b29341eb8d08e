import type { CoreDeps } from "../deps.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";

const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/** Remembers the language a person chose. Errors: INVALID_INPUT, ACCOUNT_NOT_FOUND. */
export async function setLocale(
  deps: CoreDeps,
  input: { accountId: string; locale: string },
): Promise<Result<string, DomainError>> {
  if (!LOCALE.test(input.locale)) return fail("INVALID_INPUT", { locale: input.locale });
  return deps.uow.run(async (r) => {
    if (!(await r.accounts.findById(input.accountId))) return fail("ACCOUNT_NOT_FOUND", { accountId: input.accountId });
    await r.accounts.setLocale(input.accountId, input.locale);
    return ok(input.locale);
  });
}
