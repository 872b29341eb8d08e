import type { CoreDeps } from "../deps.js";
import { levelForXp, reputation, REPUTATION_WINDOW, xpForLevel } from "../economics/rules.js";
import { fail, type DomainError } from "../shared/errors.js";
import { read } from "../shared/read.js";
import { ok, type Result } from "../shared/result.js";
import { activeBoostBps, type Account, type Wallet } from "./account.js";

export interface Profile {
  readonly account: Account;
  readonly level: number;
  readonly nextLevelXp: bigint;
  readonly reputation: number;
  readonly boostBps: number;
  readonly wallets: readonly Wallet[];
}

/** XP, level, reputation, active boost and wallets. Errors: ACCOUNT_NOT_FOUND. */
export async function getProfile(deps: CoreDeps, accountId: string): Promise<Result<Profile, DomainError>> {
  return read(deps.uow, async (r) => {
    const account = await r.accounts.findById(accountId);
    if (!account) return fail("ACCOUNT_NOT_FOUND", { accountId });
    const level = levelForXp(account.xp);
    return ok({
      account,
      level,
      nextLevelXp: xpForLevel(level + 1),
      reputation: reputation(await r.submissions.recentScores(accountId, REPUTATION_WINDOW)),
      boostBps: activeBoostBps(account, deps.clock.now()),
      wallets: await r.accounts.listWallets(accountId),
    });
  });
}

/** The farmers with the most XP, with their levels. */
export const getLeaderboard = (deps: CoreDeps, limit = 10): Promise<Array<{ account: Account; level: number }>> =>
  read(deps.uow, async (r) =>
    (await r.accounts.topByXp(Math.min(50, Math.max(1, limit)))).map((account) => ({
      account,
      level: levelForXp(account.xp),
    })),
  );
