import { describe, it } from "vitest";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { verifyLedger } from "../../prisma/verify-ledger.js";
import { openDatabase } from "../../prisma/database.js";
import { ledgerProperty } from "../support/ledger-property.js";
import { createTestDatabase, postgresUrl } from "../support/databases.js";

// Fewer runs than on the in-memory fake: each run opens a fresh database.
describe("ledger invariants through the real repositories", () => {
  it("hold on PGlite for random sequences", async () => {
    await ledgerProperty(8, async () => {
      const db = await openDatabase({ kind: "pglite" });
      return { uow: prismaUnitOfWork(db.prisma), audit: () => verifyLedger(db.prisma), close: () => db.close() };
    });
  }, 300_000);

  it.skipIf(!postgresUrl())(
    "hold on Postgres for random sequences",
    async () => {
      await ledgerProperty(12, async () => {
        const db = await openDatabase({ kind: "postgres", url: await createTestDatabase(postgresUrl()), poolSize: 4 });
        return { uow: prismaUnitOfWork(db.prisma), audit: () => verifyLedger(db.prisma), close: () => db.close() };
      });
    },
    300_000,
  );
});
