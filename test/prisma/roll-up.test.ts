import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rollUpLedger } from "../../prisma/roll-up-ledger.js";
import { verifyLedger } from "../../prisma/verify-ledger.js";
import { openStore, postgresUrl, type StoreUnderTest } from "../support/databases.js";
import { USDC, must, scenario } from "../support/scenario.js";

const kinds = postgresUrl() ? (["pglite", "postgres"] as const) : (["pglite"] as const);

describe.each(kinds)("deferred credits on %s", (kind) => {
  let store: StoreUnderTest;
  beforeAll(async () => {
    store = await openStore(kind);
  });
  afterAll(() => store.close());

  const pending = async (account: string) =>
    (await store.db!.prisma.ledgerEntry.count({ where: { account, pending: true } })) as number;

  it("GIVEN many credits to a pool THEN its balance counts them before and after a roll-up, which leaves none pending", async () => {
    const s = scenario(store.uow);
    const f = await s.factory(await s.person());
    for (let i = 0; i < 12; i++) await s.fund(f, USDC(1));
    expect(await pending(`pool:${f.id}`)).toBe(12);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(12));
    expect(await rollUpLedger(store.db!.prisma, { minPending: 10 })).toBeGreaterThanOrEqual(1);
    expect(await pending(`pool:${f.id}`)).toBe(0);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(12));
    const audit = await verifyLedger(store.db!.prisma);
    expect(audit).toMatchObject({ negative: [], mismatched: [] });
    expect(Object.values(audit.sums).every((v) => v === "0")).toBe(true);
  });

  it("GIVEN pending credits WHEN a debit comes THEN it rolls them up first and spends them", async () => {
    const s = scenario(store.uow);
    const f = await s.factory(await s.person(), { rewardPerDemo: USDC(3) });
    await s.fund(f, USDC(1));
    await s.fund(f, USDC(2));
    must(await s.submit(await s.person(), f));
    expect(await pending(`pool:${f.id}`)).toBe(0);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(0n);
  });

  it("GIVEN accounts below the threshold THEN the roll-up leaves them alone", async () => {
    const s = scenario(store.uow);
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(1));
    await rollUpLedger(store.db!.prisma, { minPending: 2 });
    expect(await pending(`pool:${f.id}`)).toBe(1);
  });
});
