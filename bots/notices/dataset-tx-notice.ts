// The DM once the chain showed a dataset-token transaction the server built: a launch went live,
// a buy or a sell landed (by exactly what was built), a burn unlocked the download (its links
// passed in), a claim was minted, or it failed on chain (nothing moved but the network fee). Each
// says only what the recorded outcome shows, with the transaction's explorer link.
import type { DatasetTxOutcome } from "../../core/dataset-tokens/record-dataset-tx.js";
import type { Translate } from "../i18n.js";
import { sol, tokens } from "../views/dataset-tokens.js";
import { link, plain, type Button, type View } from "../views/view.js";

export interface DownloadLink {
  readonly sequence: number;
  readonly url: string;
}

/**
 * Renders the DM for a recorded outcome (null when there is nothing to tell: recorded before, or
 * not landed nor failed). `links` are the download links a landed burn unlocked; `explorer` is the
 * transaction's explorer page.
 */
export function datasetTxNotice(
  t: Translate,
  outcome: DatasetTxOutcome,
  links: readonly DownloadLink[],
  explorer: string,
): View | null {
  const { tx, token, isNew } = outcome;
  if (!isNew || (tx.status !== "landed" && tx.status !== "failed")) return null;
  const explorerButton = link(t("dtx-explorer"), explorer);
  const symbol = token.symbol;
  if (tx.status === "failed")
    return { text: t("dtx-failed", { kind: t(`dtx-kind-${tx.kind}`), symbol }), buttons: [[explorerButton]] };
  const built = tx.built;
  const args = {
    symbol,
    name: plain(token.name),
    tokens: tokens(built?.tokens ?? 0n),
    sol: sol(tx.kind === "sell" ? (built?.solOut ?? 0n) : (built?.net ?? 0n) + (built?.fee ?? 0n)),
  };
  const downloads: Button[][] =
    tx.kind === "unlock" ? links.map((l) => [link(t("dtok-download-link", { sequence: l.sequence }), l.url)]) : [];
  const text = tx.kind === "unlock" && !links.length ? t("dtx-unlock-no-links", args) : t(`dtx-${tx.kind}`, args);
  return { text, buttons: [...downloads, [explorerButton]] };
}
