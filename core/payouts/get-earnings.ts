import type { CoreDeps } from "../deps.js";
import type { TokenSymbol } from "../money/tokens.js";
import { read } from "../shared/read.js";
import type { Payout, PayoutRole } from "./payout.js";

/** One role's money in one token, by where it stands (base units, net of the platform fee). */
export interface EarningsLine {
  readonly owed: bigint;
  readonly inFlight: bigint;
  readonly paid: bigint;
}

export interface Earnings {
  /** Per role, per token: owed, in flight and paid out. */
  readonly byRole: Readonly<Partial<Record<PayoutRole, Partial<Record<TokenSymbol, EarningsLine>>>>>;
  /** Per role, per token: everything earned in the last 30 days, whatever its state. */
  readonly lastThirtyDays: Readonly<Partial<Record<PayoutRole, Record<string, bigint>>>>;
  readonly recent: readonly Payout[];
}

const THIRTY_DAYS_MS = 30 * 24 * 3600_000;
const ZERO: EarningsLine = { owed: 0n, inFlight: 0n, paid: 0n };

function add(line: EarningsLine, p: Payout): EarningsLine {
  if (p.status === "paid") return { ...line, paid: line.paid + p.units };
  if (p.status === "in_flight") return { ...line, inFlight: line.inFlight + p.units };
  return { ...line, owed: line.owed + p.units };
}

/** What an account has earned as farmer, ambassador, creator (withdrawals) and staker. */
export const getEarnings = (deps: CoreDeps, accountId: string): Promise<Earnings> =>
  read(deps.uow, async (r) => {
    const payouts = await r.payouts.listByRecipient(accountId);
    const since = deps.clock.now().getTime() - THIRTY_DAYS_MS;
    const byRole: Partial<Record<PayoutRole, Partial<Record<TokenSymbol, EarningsLine>>>> = {};
    const lastThirtyDays: Partial<Record<PayoutRole, Record<string, bigint>>> = {};
    for (const p of payouts) {
      const lines = (byRole[p.role] ??= {});
      lines[p.token] = add(lines[p.token] ?? ZERO, p);
      if (p.createdAt.getTime() >= since) {
        const recent = (lastThirtyDays[p.role] ??= {});
        recent[p.token] = (recent[p.token] ?? 0n) + p.units;
      }
    }
    return { byRole, lastThirtyDays, recent: payouts.slice(0, 10) };
  });
