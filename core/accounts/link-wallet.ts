import type { CoreDeps } from "../deps.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import type { Wallet } from "./account.js";

/** A Solana address: base58, 32 to 44 characters. */
export const WALLET_ADDRESS = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/;

/**
 * Records a wallet proven to belong to the account (the proof is the chain edge's job).
 * One wallet belongs to one account; an account may have several.
 * Errors: WALLET_INVALID, ACCOUNT_NOT_FOUND, WALLET_TAKEN.
 */
export async function linkWallet(
  deps: CoreDeps,
  input: { accountId: string; address: string },
): Promise<Result<{ wallet: Wallet; created: boolean }, DomainError>> {
  if (!WALLET_ADDRESS.test(input.address)) return fail("WALLET_INVALID", { address: input.address });
  return deps.uow.run(async (r) => {
    await r.lock([`wallet:${input.address}`]);
    if (!(await r.accounts.findById(input.accountId))) return fail("ACCOUNT_NOT_FOUND", { accountId: input.accountId });
    const existing = await r.accounts.findWallet(input.address);
    if (existing && existing.accountId !== input.accountId) return fail("WALLET_TAKEN", { address: input.address });
    if (existing) return ok({ wallet: existing, created: false });
    const wallet: Wallet = { address: input.address, accountId: input.accountId, verifiedAt: deps.clock.now() };
    await r.accounts.addWallet(wallet);
    return ok({ wallet, created: true });
  });
}
