import type { CoreDeps } from "../deps.js";
import type { DatasetExportRepository } from "../datasets/dataset-export.js";
import type { CurveParams } from "../datasets/curve.js";
import type { DatasetTokenStore, DatasetTx, DatasetTxKind } from "./dataset-token.js";

/** What launching a dataset token costs and how its curve starts (config: DATASET_LAUNCH_*). */
export interface LaunchTerms {
  /** SOL paid to the treasury, lamports. */
  readonly solFee: bigint;
  /** CLONES paid to the treasury, base units (0: none). */
  readonly clonesFee: bigint;
  readonly curve: CurveParams;
}

/** What the dataset-token use cases need: the core's reads, the tokens' own store, the exports'. */
export type DatasetTokenDeps = Pick<CoreDeps, "uow" | "clock" | "ids"> & {
  readonly store: DatasetTokenStore;
  readonly datasets: DatasetExportRepository;
  readonly terms: LaunchTerms;
  /** The treasury: a meta-dataset's volume fees go to the platform. */
  readonly treasury: string | null;
};

/** How long a transaction asked for in chat can be opened by a wallet. */
export const REQUEST_TTL_MS = 15 * 60_000;

/** A transaction asked for now, open for a wallet for REQUEST_TTL_MS; `asked` says what it is. */
export function openTx(
  deps: Pick<DatasetTokenDeps, "clock" | "ids">,
  asked: { tokenId: string; kind: DatasetTxKind; accountId: string } & Partial<
    Pick<DatasetTx, "memberId" | "solIn" | "sellBps" | "slippageBps" | "quotedFrom">
  >,
): DatasetTx {
  const now = deps.clock.now();
  return {
    id: deps.ids.id(),
    status: "open",
    memberId: null,
    solIn: null,
    sellBps: null,
    slippageBps: 0,
    quotedFrom: null,
    ...asked,
    built: null,
    signature: null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + REQUEST_TTL_MS),
    settledAt: null,
  };
}
