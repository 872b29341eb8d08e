// What the chain showed of a transaction the server built: it landed (the curve's reserves, the
// supply, the volume and the creator's fees move by exactly what was built; a launch goes live;
// a burn grants download access), it failed, or its blockhash passed without it (expired). Each
// is recorded once: the watcher and a wallet's next request may both report the same one.
import { ok, type Result } from "../shared/result.js";
import type { DomainError } from "../shared/errors.js";
import type { DatasetToken, DatasetTokenRepository, DatasetTx } from "./dataset-token.js";
import type { DatasetTokenDeps } from "./deps.js";

export interface SeenDatasetTx {
  readonly txId: string;
  readonly signature: string;
  /** The sha256 of the landed message: it must be the one the server built. */
  readonly messageHash: string;
  readonly succeeded: boolean;
}

export interface DatasetTxOutcome {
  readonly tx: DatasetTx;
  readonly token: DatasetToken;
  /** Tokens whose data the asker may now download (a landed burn; a meta-dataset's includes its members). */
  readonly unlocked: readonly string[];
  /** False when this was recorded before: nothing changed, nobody to tell. */
  readonly isNew: boolean;
}

function landed(token: DatasetToken, tx: DatasetTx, at: Date): DatasetToken {
  const b = tx.built!;
  switch (tx.kind) {
    case "launch":
      // The allocation was bought from the curve: net lamports in, its tokens out (minted now
      // for a dataset; a meta-dataset's as its creators claim them).
      return {
        ...token,
        status: "live",
        launchedAt: at,
        reserves: { sol: token.reserves.sol + b.net, tokens: token.reserves.tokens - b.tokens },
        supply: token.kind === "dataset" ? token.supply + b.tokens : token.supply,
      };
    case "buy":
      return {
        ...token,
        reserves: { sol: token.reserves.sol + b.net, tokens: token.reserves.tokens - b.tokens },
        supply: token.supply + b.tokens,
        volume: token.volume + b.net + b.fee,
        fees: token.fees + b.fee,
        trades: token.trades + 1,
      };
    case "sell":
      // net is the gross the curve paid out: the seller's solOut plus the creator's fee.
      return {
        ...token,
        reserves: { sol: token.reserves.sol - b.net, tokens: token.reserves.tokens + b.tokens },
        supply: token.supply - b.tokens,
        volume: token.volume + b.net,
        fees: token.fees + b.fee,
        trades: token.trades + 1,
      };
    case "unlock":
      return { ...token, supply: token.supply - b.tokens };
    case "claim":
      return { ...token, supply: token.supply + b.tokens };
  }
}

async function unlock(repo: DatasetTokenRepository, token: DatasetToken, tx: DatasetTx, signature: string, at: Date) {
  const ids = token.kind === "meta" ? [token.id, ...(await repo.members(token.id)).map((m) => m.tokenId)] : [token.id];
  for (const id of ids) await repo.grantAccess(id, tx.accountId, signature, at);
  return ids;
}

/** Records a landed or failed transaction; null when it is not one the server built (or not this message). */
export async function recordDatasetTx(
  deps: DatasetTokenDeps,
  seen: SeenDatasetTx,
): Promise<Result<DatasetTxOutcome | null, DomainError>> {
  return deps.store.run(async (repo) => {
    const found = await repo.findTx(seen.txId);
    if (!found?.built || found.built.messageHash !== seen.messageHash) return ok(null);
    const token = await repo.lockToken(found.tokenId);
    if (!token) return ok(null);
    const tx = (await repo.findTx(found.id))!;
    if (tx.status === "landed" || tx.status === "failed") return ok({ tx, token, unlocked: [], isNew: false });
    const at = deps.clock.now();
    const settled: DatasetTx = {
      ...tx,
      status: seen.succeeded ? "landed" : "failed",
      signature: seen.signature,
      settledAt: at,
    };
    await repo.saveTx(settled);
    if (!seen.succeeded) return ok({ tx: settled, token, unlocked: [], isNew: true });
    const after = landed(token, tx, at);
    await repo.saveToken(after);
    const unlocked = tx.kind === "unlock" ? await unlock(repo, after, tx, seen.signature, at) : [];
    if (tx.kind === "claim" && tx.memberId) await repo.markClaimed(token.id, tx.memberId, at);
    return ok({ tx: settled, token: after, unlocked, isNew: true });
  });
}

/**
 * A built transaction whose blockhash passed without it landing (the caller checked the chain
 * past its last valid block height): the curve is free for the next trade.
 */
export async function expireDatasetTx(deps: DatasetTokenDeps, txId: string): Promise<Result<boolean, DomainError>> {
  return deps.store.run(async (repo) => {
    const tx = await repo.findTx(txId);
    if (tx?.status !== "built") return ok(false);
    await repo.lockToken(tx.tokenId);
    const again = await repo.findTx(txId);
    if (again?.status !== "built") return ok(false);
    await repo.saveTx({ ...again, status: "expired", settledAt: deps.clock.now() });
    return ok(true);
  });
}
