// /tier as a person reads it: their tier, and where the CLONES supply it is measured against
// comes from; never a silent 0% when the server has no supply to measure against.
import { describe, expect, it } from "vitest";
import type { SupplySource } from "../../../core/ports/runtime.js";
import { TEST_MINTS, TEST_SUPPLY } from "../../support/core-deps.js";
import { must } from "../../support/scenario.js";
import { telegramHarness, texts } from "../../support/telegram-harness.js";

const ALICE = 111;
const READ_AT = new Date("2026-11-25T11:58:00.000Z");

async function tierOf(supply: SupplySource, lang = "en"): Promise<string> {
  const h = telegramHarness({ supply });
  await h.send(ALICE, "/start", { lang });
  const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
  await h.s.stake(alice, 2_000_000n * 10n ** 9n);
  return texts(await h.send(ALICE, "/tier", { lang }))[0]!;
}

describe("/tier", () => {
  it("GIVEN the supply read from the CLONES mint THEN it names the mint and when the figure was read", async () => {
    const tier = await tierOf({
      clonesSupply: async () => ({
        units: TEST_SUPPLY,
        origin: { kind: "chain", mint: TEST_MINTS.CLONES, readAt: READ_AT },
      }),
    });
    expect(tier).toContain("Staking tier 2");
    expect(tier).toContain(
      `Measured against the on-chain total supply of 1000000000 CLONES, read from mint ${TEST_MINTS.CLONES} at 2026-11-25 11:58 UTC.`,
    );
  });

  it("GIVEN the supply from CLONES_SUPPLY THEN it says the figure is the server's setting", async () => {
    const tier = await tierOf({ clonesSupply: async () => ({ units: TEST_SUPPLY, origin: { kind: "setting" } }) });
    expect(tier).toContain("Staking tier 2");
    expect(tier).toContain("Measured against a total supply of 1000000000 CLONES set by this server (CLONES_SUPPLY).");
  });

  it("GIVEN no supply on this server THEN it says tiers are off and what turns them on, in each language", async () => {
    const off: SupplySource = { clonesSupply: async () => ({ units: 0n, origin: { kind: "off" } }) };
    const tier = await tierOf(off);
    expect(tier).toContain("Staking tiers are off on this server");
    expect(tier).toContain("CLONES_MINT");
    expect(tier).not.toContain("Staking tier 0");
    const es = await tierOf(off, "es");
    expect(es).toContain("Los niveles de staking están desactivados en este servidor");
    expect(es).toContain("CLONES_SUPPLY");
  });
});
