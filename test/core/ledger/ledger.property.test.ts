import { it } from "vitest";
import { ledgerProperty } from "../../support/ledger-property.js";
import { MemoryStore, verifyMemoryLedger } from "../../support/memory-store.js";

it("GIVEN any sequence of deposits, submissions, scores, releases, withdrawals, stakes and payout rounds (confirmed, failed, expired) THEN entries sum to zero, no pool is negative, paid <= funded, fee = commissions + platform share, each key applies once, and every owed and in-flight account holds exactly its payouts", async () => {
  await ledgerProperty(300, async () => {
    const store = new MemoryStore();
    return { uow: store, audit: async () => verifyMemoryLedger(store), close: async () => undefined };
  });
}, 120_000);
