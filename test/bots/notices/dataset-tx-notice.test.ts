// The DM for a recorded dataset-token transaction: it says what the chain showed (bought, sold,
// burned with links, claimed, launched, or failed with nothing moved), with the explorer link,
// and nothing for an outcome recorded before.
import { describe, expect, it } from "vitest";
import { datasetTxNotice } from "../../../bots/notices/dataset-tx-notice.js";
import { createI18n } from "../../../bots/i18n.js";
import type { BuiltTx, DatasetTx } from "../../../core/dataset-tokens/dataset-token.js";
import type { DatasetTxOutcome } from "../../../core/dataset-tokens/record-dataset-tx.js";
import { datasetToken, SOL } from "../../support/dataset-tokens-port.js";

const i18n = createI18n();
const en = i18n.translator("en");
const EXPLORER = "https://explorer.solana.com/tx/sig1";

const built = (over: Partial<BuiltTx>): BuiltTx => ({
  wallet: "W",
  reference: "R",
  messageHash: "H",
  lastValidBlockHeight: 1n,
  transaction: "",
  net: 0n,
  fee: 0n,
  tokens: 0n,
  solOut: 0n,
  builtAt: new Date(),
  ...over,
});

function outcome(
  kind: DatasetTx["kind"],
  status: "landed" | "failed",
  b: Partial<BuiltTx>,
  isNew = true,
): DatasetTxOutcome {
  const token = datasetToken({ id: "t1", symbol: "CLEO", name: "Cleo clicks" });
  const at = new Date();
  const tx: DatasetTx = {
    id: "tx1",
    tokenId: "t1",
    kind,
    accountId: "a1",
    status,
    memberId: null,
    solIn: null,
    sellBps: null,
    slippageBps: 100,
    quotedFrom: null,
    built: built(b),
    signature: "sig1",
    createdAt: at,
    expiresAt: at,
    settledAt: at,
  };
  return { tx, token, unlocked: kind === "unlock" && status === "landed" ? ["t1"] : [], isNew };
}

const buttons = (view: ReturnType<typeof datasetTxNotice>) =>
  (view?.buttons ?? []).flat().map((b) => ("url" in b ? [b.label, b.url] : [b.label]));

describe("datasetTxNotice", () => {
  it("GIVEN a landed buy THEN it says the tokens bought for the SOL paid (fee included), with the explorer link", () => {
    const view = datasetTxNotice(
      en,
      outcome("buy", "landed", { net: SOL / 10n - 250_000n, fee: 250_000n, tokens: 3_500_000_123_456n }),
      [],
      EXPLORER,
    );
    expect(view?.text).toBe("✅ You bought 3500000.12 $CLEO for 0.1 SOL.");
    expect(buttons(view)).toEqual([["🔎 View on the explorer", EXPLORER]]);
  });

  it("GIVEN a landed sell THEN it says what the seller got", () => {
    const view = datasetTxNotice(
      en,
      outcome("sell", "landed", { net: 50_000_000n, fee: 125_000n, solOut: 49_875_000n, tokens: 10n ** 12n }),
      [],
      EXPLORER,
    );
    expect(view?.text).toBe("✅ You sold 1000000 $CLEO for 0.049875 SOL.");
  });

  it("GIVEN a landed burn THEN it gives the download links; without an export ready, it says so", () => {
    const links = [{ sequence: 2, url: "https://forge.example/datasets/e2" }];
    const view = datasetTxNotice(en, outcome("unlock", "landed", { tokens: 10n ** 13n }), links, EXPLORER);
    expect(view?.text).toBe("🔓 You burned 10000000 $CLEO: the dataset is yours to download.");
    expect(buttons(view)).toEqual([
      ["⬇️ Export 2", "https://forge.example/datasets/e2"],
      ["🔎 View on the explorer", EXPLORER],
    ]);
    expect(datasetTxNotice(en, outcome("unlock", "landed", { tokens: 10n ** 13n }), [], EXPLORER)?.text).toContain(
      "No export is ready yet",
    );
  });

  it("GIVEN a launch or a claim landed THEN it says the token is live, or the tokens claimed", () => {
    expect(datasetTxNotice(en, outcome("launch", "landed", {}), [], EXPLORER)?.text).toBe(
      "🚀 **Cleo clicks** ($CLEO) is live: anyone can trade it from /datasets.",
    );
    expect(datasetTxNotice(en, outcome("claim", "landed", { tokens: 5n * 10n ** 12n }), [], EXPLORER)?.text).toBe(
      "🎁 You claimed 5000000 $CLEO: they are in your wallet.",
    );
  });

  it("GIVEN a failed transaction THEN nothing moved but the network fee, in the person's language", () => {
    const failed = outcome("buy", "failed", { net: SOL, tokens: 10n ** 12n });
    expect(datasetTxNotice(en, failed, [], EXPLORER)?.text).toBe(
      "❌ Your $CLEO buy failed on chain: nothing moved, only the network fee was paid. You can ask again from /datasets.",
    );
    expect(datasetTxNotice(i18n.translator("es"), failed, [], EXPLORER)?.text).toContain(
      "Tu compra de $CLEO falló en la cadena",
    );
  });

  it("GIVEN an outcome recorded before THEN there is nothing to tell", () => {
    expect(datasetTxNotice(en, outcome("buy", "landed", { tokens: 1n }, false), [], EXPLORER)).toBeNull();
  });
});
