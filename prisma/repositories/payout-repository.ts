import type { TokenSymbol } from "../../core/money/tokens.js";
import { units } from "../../core/money/units.js";
import type { PayoutRepository } from "../../core/ports/repositories.js";
import type { Payout, PayoutRole, PayoutStatus } from "../../core/submissions/payout.js";
import type { Payout as PayoutRow } from "../generated/client.js";
import { toBigInt, type Tx } from "./tx.js";

const toPayout = (row: PayoutRow): Payout => ({
  ...row,
  role: row.role as PayoutRole,
  token: row.token as TokenSymbol,
  status: row.status as PayoutStatus,
  units: units(toBigInt(row.units)),
});

export const prismaPayoutRepository = (tx: Tx): PayoutRepository => ({
  async createMany(payouts) {
    if (payouts.length === 0) return;
    await tx.payout.createMany({
      data: payouts.map((p) => ({ ...p, units: p.units.toString() })),
      skipDuplicates: true,
    });
  },
  async listByRecipient(recipientId) {
    return (await tx.payout.findMany({ where: { recipientId }, orderBy: { createdAt: "desc" } })).map(toPayout);
  },
  async listBySubmission(submissionId) {
    return (await tx.payout.findMany({ where: { submissionId }, orderBy: { key: "asc" } })).map(toPayout);
  },
});
