/**
 * Dataset tokens: launching a factory's dataset (or a bundle of several) as a token on a bonding
 * curve, trading it, burning it to download. Bound like the core's use cases, on their own deps.
 */
import { buildDatasetTx, requestClaim, requestTrade } from "./build-tx.js";
import type { DatasetTokenDeps } from "./deps.js";
import { requestLaunch, requestMetaLaunch } from "./launch.js";
import { creatorFees, downloadableExports, getDatasetToken, listDatasetTokens, tokenOfFactory } from "./queries.js";
import { expireDatasetTx, recordDatasetTx } from "./record-dataset-tx.js";

type Rest<F> = F extends (deps: DatasetTokenDeps, ...rest: infer R) => infer T ? (...rest: R) => T : never;
const bind = <F extends (deps: DatasetTokenDeps, ...rest: never[]) => unknown>(deps: DatasetTokenDeps, f: F): Rest<F> =>
  ((...rest: never[]) => f(deps, ...rest)) as Rest<F>;

export function createDatasetTokens(deps: DatasetTokenDeps) {
  return {
    requestLaunch: bind(deps, requestLaunch),
    requestMetaLaunch: bind(deps, requestMetaLaunch),
    requestTrade: bind(deps, requestTrade),
    requestClaim: bind(deps, requestClaim),
    claimable: (accountId: string) => deps.store.read((repo) => repo.claimable(accountId)),
    buildDatasetTx: bind(deps, buildDatasetTx),
    recordDatasetTx: bind(deps, recordDatasetTx),
    expireDatasetTx: bind(deps, expireDatasetTx),
    listDatasetTokens: bind(deps, listDatasetTokens),
    getDatasetToken: bind(deps, getDatasetToken),
    tokenOfFactory: bind(deps, tokenOfFactory),
    downloadableExports: bind(deps, downloadableExports),
    creatorFees: bind(deps, creatorFees),
    findTx: (id: string) => deps.store.read((repo) => repo.findTx(id)),
    listBuilt: (limit: number) => deps.store.read((repo) => repo.listBuilt(limit)),
  };
}
export type DatasetTokens = ReturnType<typeof createDatasetTokens>;
export type { DatasetTokenDeps, LaunchTerms } from "./deps.js";
