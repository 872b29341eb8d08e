// Whether dataset tokens are on, and what the start-up line tells the operator when they are not.
import { describe, expect, it } from "vitest";
import { datasetTokenSetup } from "../../app/dataset-tokens.js";
import { createTokenRegistry } from "../../core/money/tokens.js";

const ready = {
  DATASET_TOKENS: "on" as const,
  DATASET_LAUNCH_FEE_SOL: "0.25",
  DATASET_LAUNCH_FEE_CLONES: "100",
  SOLANA_RPC_URL: "http://127.0.0.1:8899",
  TREASURY_ADDRESS: "Treasury11111111111111111111111111111111111",
  PUBLIC_URL: "https://forge.example.com",
};
const withClones = createTokenRegistry({ CLONES: "C1oNes1111111111111111111111111111111111111" });

describe("dataset token setup", () => {
  it("GIVEN everything set THEN it is on with the launch fee in base units, and says so", () => {
    const setup = datasetTokenSetup(ready, withClones, true);
    expect(setup).toMatchObject({ ok: true, terms: { solFee: 250_000_000n, clonesFee: 100n * 10n ** 9n } });
    expect(setup.line).toBe(
      "  Dataset tokens: on (launch fee 0.25 SOL + 100 CLONES; trades co-signed by the server role)",
    );
  });

  it("GIVEN no CLONES mint THEN the launch fee is SOL only", () => {
    const setup = datasetTokenSetup(ready, createTokenRegistry({}), true);
    expect(setup).toMatchObject({ ok: true, terms: { clonesFee: 0n } });
    expect(setup.line).toContain("launch fee 0.25 SOL;");
  });

  it("GIVEN DATASET_TOKENS=on without what it needs THEN it is off and names each missing setting", () => {
    const setup = datasetTokenSetup(
      { ...ready, PUBLIC_URL: undefined, TREASURY_ADDRESS: undefined },
      withClones,
      false,
    );
    expect(setup).toEqual({
      ok: false,
      line: "  Dataset tokens: off, DATASET_TOKENS=on also needs DATASETS_SECRET, TREASURY_ADDRESS, PUBLIC_URL",
    });
  });

  it("GIVEN a fee with more decimals than the token has THEN it is off and says which setting", () => {
    const setup = datasetTokenSetup({ ...ready, DATASET_LAUNCH_FEE_SOL: "0.0000000001" }, withClones, true);
    expect(setup.ok).toBe(false);
    expect(setup.line).toContain("DATASET_LAUNCH_FEE_SOL");
  });
});
