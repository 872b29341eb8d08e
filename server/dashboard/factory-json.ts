// What the dashboard shows of a factory: the numbers of the bot's factory card, as JSON (money
// as decimal strings in the factory's token, and in base units for the page's own checks).
import type { FactoryOverview } from "../../core/factories/get-factory-overview.js";
import { formatAmount } from "../../core/money/amount.js";
import type { TokenRegistry } from "../../core/money/tokens.js";

export interface FactoryJson {
  readonly id: string;
  readonly name: string;
  readonly status: "active" | "paused" | "closed";
  readonly token: string;
  readonly decimals: number;
  readonly reward: string;
  readonly threshold: number;
  readonly available: string;
  readonly availableUnits: string;
  readonly spent: string;
  readonly submissions: number;
  readonly settled: number;
  readonly paid: number;
  readonly averageScore: number | null;
  /** The card's 💸 Withdraw button: paused or closed, with something left in the pool. */
  readonly canWithdraw: boolean;
}

export function factoryJson(tokens: TokenRegistry, { factory: f, stats, available }: FactoryOverview): FactoryJson {
  const decimals = tokens.get(f.token).decimals;
  const money = (units: bigint) => formatAmount(units, decimals);
  return {
    id: f.id,
    name: f.name,
    status: f.status,
    token: f.token,
    decimals,
    reward: money(f.rewardPerDemo),
    threshold: f.threshold,
    available: money(available),
    availableUnits: available.toString(),
    spent: money(stats.spent),
    submissions: stats.submissions,
    settled: stats.settled,
    paid: stats.paid,
    averageScore: stats.averageScore === null ? null : Math.round(stats.averageScore),
    canWithdraw: f.status !== "active" && available > 0n,
  };
}
