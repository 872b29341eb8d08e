// Launching a dataset token: the factory's creator names it and picks the share of the supply a
// holder burns to download (the creator's allocation is that same amount). Asking creates the
// token (launching) and its launch transaction (open); the token goes live when the chain shows
// the launch landed (record-dataset-tx.ts). A meta-dataset is an admin's bundle of live dataset
// tokens; its allocation goes to their creators in proportion to the paid recordings each brought.
import { z } from "zod";
import { TOTAL_SUPPLY } from "../datasets/curve.js";
import type { Actor } from "../factories/actor.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { ownedFactory } from "../datasets/owned-factory.js";
import type { DatasetToken, DatasetTx, MetaMember } from "./dataset-token.js";
import { openTx, type DatasetTokenDeps } from "./deps.js";
import { splitByWeight } from "./split.js";

/** Bounds of the burn-to-download threshold: 0.1% to 5% of the supply. */
export const BURN_BPS_MIN = 10;
export const BURN_BPS_MAX = 500;
/** Most datasets one meta-dataset bundles. */
export const META_MAX_MEMBERS = 8;

export const TokenTerms = z.object({
  name: z
    .string()
    .trim()
    .min(3)
    .max(32)
    .regex(/^[\p{L}\p{N} ._-]+$/u, "letters, digits, spaces, dots, dashes"),
  symbol: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{2,10}$/, "2 to 10 letters or digits")),
  burnBps: z.number().int().min(BURN_BPS_MIN).max(BURN_BPS_MAX),
});
export type TokenTerms = z.input<typeof TokenTerms>;

/** The tokens a holder burns to download, and the allocation a launch mints. */
export const thresholdUnits = (burnBps: number): bigint => (TOTAL_SUPPLY * BigInt(burnBps)) / 10_000n;

export interface LaunchAsked {
  readonly token: DatasetToken;
  readonly tx: DatasetTx;
}

function newToken(
  deps: DatasetTokenDeps,
  input: { id: string; mint: string | null; kind: DatasetToken["kind"]; factoryId: string | null; creatorId: string },
  terms: z.output<typeof TokenTerms>,
  creatorWallet: string | null,
): DatasetToken {
  const curve = deps.terms.curve;
  return {
    ...input,
    creatorWallet,
    name: terms.name,
    symbol: terms.symbol,
    burnBps: terms.burnBps,
    params: curve,
    reserves: { sol: curve.virtualSol, tokens: curve.virtualTokens },
    supply: 0n,
    volume: 0n,
    fees: 0n,
    trades: 0,
    status: "launching",
    createdAt: deps.clock.now(),
    launchedAt: null,
  };
}

const launchTx = (deps: DatasetTokenDeps, token: DatasetToken, accountId: string): DatasetTx =>
  openTx(deps, { tokenId: token.id, kind: "launch", accountId });

/**
 * Asks to launch the factory's dataset token. Asked again before the launch landed, it gives a
 * new launch transaction for the same token (the terms asked first stand).
 * Errors: INVALID_INPUT, FACTORY_NOT_FOUND, FACTORY_NOT_OWNER, DATASET_NO_EXPORT,
 * DATASET_TOKEN_EXISTS.
 */
export async function requestLaunch(
  deps: DatasetTokenDeps,
  input: { actor: Actor; factoryId: string; terms: TokenTerms },
): Promise<Result<LaunchAsked, DomainError>> {
  const terms = TokenTerms.safeParse(input.terms);
  if (!terms.success) return fail("INVALID_INPUT", { issues: terms.error.issues.map((i) => i.path.join(".")) });
  const factory = await ownedFactory(deps, input);
  if (!factory.ok) return factory;
  const [latest] = (await deps.datasets.listByFactory(input.factoryId, 20)).filter((e) => e.status === "ready");
  if (!latest) return fail("DATASET_NO_EXPORT", { factoryId: input.factoryId });
  const id = deps.ids.id();
  const token = newToken(
    deps,
    { id, mint: null, kind: "dataset", factoryId: input.factoryId, creatorId: factory.value.ownerId },
    terms.data,
    null,
  );
  return deps.store.run(async (repo) => {
    const created = await repo.createTokenUnlessExists(token);
    const standing = created ? token : await repo.findTokenByFactory(input.factoryId);
    if (!standing || standing.status === "live")
      return fail("DATASET_TOKEN_EXISTS", { factoryId: input.factoryId, symbol: standing?.symbol });
    const tx = launchTx(deps, standing, input.actor.accountId);
    await repo.createTx(tx);
    return ok({ token: standing, tx });
  });
}

/**
 * An admin bundles live dataset tokens into a meta-dataset. Its allocation (the threshold
 * amount) is split among the included tokens' creators in proportion to the paid recordings of
 * each token's factory, by largest remainder (splitByWeight): whole base units, summing exactly.
 * The admin's launch buys the whole allocation from the curve; each creator then claims theirs
 * (requestClaim: one launch transaction cannot mint to several wallets and stay under Solana's
 * size limit). Its volume fees go to the treasury. Errors: NOT_ALLOWED, INVALID_INPUT, DATASET_TOKEN_NOT_FOUND,
 * DATASET_TOKEN_NOT_LIVE, PAYMENTS_NOT_CONFIGURED.
 */
export async function requestMetaLaunch(
  deps: DatasetTokenDeps,
  input: { actor: Actor; terms: TokenTerms; tokenIds: readonly string[] },
): Promise<Result<LaunchAsked & { members: MetaMember[] }, DomainError>> {
  if (!input.actor.isAdmin) return fail("NOT_ALLOWED", { action: "launch a meta-dataset" });
  const terms = TokenTerms.safeParse(input.terms);
  const ids = [...new Set(input.tokenIds)];
  if (!terms.success || ids.length < 2 || ids.length > META_MAX_MEMBERS)
    return fail("INVALID_INPUT", { members: ids.length, max: META_MAX_MEMBERS });
  if (!deps.treasury) return fail("PAYMENTS_NOT_CONFIGURED", { purpose: "meta-dataset" });
  const included = await deps.store.read((repo) => Promise.all(ids.map((id) => repo.findToken(id))));
  const recordings: number[] = [];
  for (const [i, token] of included.entries()) {
    if (!token) return fail("DATASET_TOKEN_NOT_FOUND", { tokenId: ids[i] });
    if (token.kind !== "dataset" || token.status !== "live" || !token.creatorWallet || !token.factoryId)
      return fail("DATASET_TOKEN_NOT_LIVE", { tokenId: token.id });
    const paid = await deps.datasets.summarizeExportable({
      factoryId: token.factoryId,
      after: null,
      paidBefore: deps.clock.now(),
    });
    recordings.push(Math.max(1, paid.count));
  }
  const allocations = splitByWeight(thresholdUnits(terms.data.burnBps), recordings.map(BigInt));
  const members = ids.map((tokenId, i): MetaMember => ({
    tokenId,
    recordings: recordings[i]!,
    allocation: allocations[i]!,
    claimedAt: null,
  }));
  const id = deps.ids.id();
  const token = newToken(
    deps,
    { id, mint: null, kind: "meta", factoryId: null, creatorId: input.actor.accountId },
    terms.data,
    deps.treasury,
  );
  return deps.store.run(async (repo) => {
    await repo.createToken(token);
    await repo.addMembers(token.id, members);
    const tx = launchTx(deps, token, input.actor.accountId);
    await repo.createTx(tx);
    return ok({ token, tx, members });
  });
}
