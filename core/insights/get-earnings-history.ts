import type { CoreDeps } from "../deps.js";
import type { TokenSymbol } from "../money/tokens.js";
import type { PayoutRole } from "../payouts/payout.js";
import { read } from "../shared/read.js";
import { lastDays, perDay, startOf } from "./days.js";

/** One token's earnings per day: what was paid out, and what is still waiting (owed or in flight). */
export interface TokenHistory {
  readonly token: TokenSymbol;
  readonly paid: readonly bigint[];
  readonly waiting: readonly bigint[];
}

export interface EarningsHistory {
  /** UTC days, "YYYY-MM-DD", oldest first; every series has one value per day. */
  readonly days: readonly string[];
  /** Tokens with anything in the window, in the order they were first earned in it. */
  readonly tokens: readonly TokenHistory[];
}

export const HISTORY_DAYS = 30;

/**
 * What an account earned per day over the last `days` days in the given roles (farmer rewards,
 * ambassador commissions…), by token, split into paid and waiting. Net of the platform fee, as
 * /earnings counts it.
 */
export const getEarningsHistory = (
  deps: CoreDeps,
  input: { accountId: string; roles: readonly PayoutRole[]; days?: number },
): Promise<EarningsHistory> =>
  read(deps.uow, async (r) => {
    const days = lastDays(deps.clock.now(), input.days ?? HISTORY_DAYS);
    const rows = (await r.insights.payoutsByDay(input.accountId, startOf(days))).filter((row) =>
      input.roles.includes(row.role),
    );
    const tokens = [...new Set(rows.map((row) => row.token))];
    const sum = (a: bigint, b: bigint) => a + b;
    return {
      days,
      tokens: tokens.map((token) => {
        const mine = rows.filter((row) => row.token === token);
        const series = (paid: boolean) =>
          perDay(
            days,
            mine.filter((row) => row.paid === paid).map((row) => [row.day, row.units] as const),
            0n,
            sum,
          );
        return { token, paid: series(true), waiting: series(false) };
      }),
    };
  });
