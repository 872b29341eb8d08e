// What people look at: the launched tokens with their price, supply, market cap and volume; what
// an account may download; the volume fees a creator's tokens earned.
import { marketCap, spotPrice } from "../datasets/curve.js";
import type { DatasetExport } from "../datasets/dataset-export.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import type { DatasetToken, MetaMember } from "./dataset-token.js";
import type { DatasetTokenDeps } from "./deps.js";
import { thresholdUnits } from "./launch.js";

export interface TokenOverview {
  readonly token: DatasetToken;
  /** Lamports per whole token (10^6 base units), floored. */
  readonly priceLamports: bigint;
  /** Price × supply, lamports. */
  readonly marketCapLamports: bigint;
  /** What a holder burns to download, base units. */
  readonly burnUnits: bigint;
  /** A meta-dataset's members. */
  readonly members: readonly MetaMember[];
}

const WHOLE = 10n ** 6n;

export async function overview(deps: DatasetTokenDeps, token: DatasetToken): Promise<TokenOverview> {
  const price = spotPrice(token.reserves);
  return {
    token,
    priceLamports: (price.num * WHOLE) / price.den,
    marketCapLamports: marketCap(token.reserves, token.supply),
    burnUnits: thresholdUnits(token.burnBps),
    members: token.kind === "meta" ? await deps.store.read((repo) => repo.members(token.id)) : [],
  };
}

/** The factory's token (launching or live), if any. */
export async function tokenOfFactory(deps: DatasetTokenDeps, factoryId: string): Promise<TokenOverview | null> {
  const token = await deps.store.read((repo) => repo.findTokenByFactory(factoryId));
  return token ? overview(deps, token) : null;
}

/** Live tokens, most traded first. */
export async function listDatasetTokens(deps: DatasetTokenDeps, limit = 20): Promise<TokenOverview[]> {
  const tokens = await deps.store.read((repo) => repo.listLive(limit));
  return Promise.all(tokens.map((t) => overview(deps, t)));
}

export async function getDatasetToken(
  deps: DatasetTokenDeps,
  tokenId: string,
): Promise<Result<TokenOverview, DomainError>> {
  const token = await deps.store.read((repo) => repo.findToken(tokenId));
  if (!token) return fail("DATASET_TOKEN_NOT_FOUND", { tokenId });
  return ok(await overview(deps, token));
}

/**
 * The ready exports `accountId` may download through `tokenId`: all of its dataset's (every
 * included dataset's, for a meta-dataset), once their burn landed; the factory's creator always.
 * Errors: DATASET_TOKEN_NOT_FOUND, DATASET_NO_ACCESS.
 */
export async function downloadableExports(
  deps: DatasetTokenDeps,
  input: { accountId: string; tokenId: string },
): Promise<Result<{ token: DatasetToken; exports: DatasetExport[] }, DomainError>> {
  const found = await deps.store.read(async (repo) => {
    const token = await repo.findToken(input.tokenId);
    if (!token) return null;
    const access = token.creatorId === input.accountId || (await repo.hasAccess(token.id, input.accountId));
    const members = token.kind === "meta" ? await repo.members(token.id) : [];
    const factories = token.factoryId
      ? [token.factoryId]
      : (await Promise.all(members.map((m) => repo.findToken(m.tokenId)))).flatMap((t) =>
          t?.factoryId ? [t.factoryId] : [],
        );
    return { token, access, factories };
  });
  if (!found) return fail("DATASET_TOKEN_NOT_FOUND", { tokenId: input.tokenId });
  if (!found.access) return fail("DATASET_NO_ACCESS", { symbol: found.token.symbol });
  const exports = (await Promise.all(found.factories.map((f) => deps.datasets.listByFactory(f, 100))))
    .flat()
    .filter((e) => e.status === "ready")
    .sort((a, b) => (a.factoryId === b.factoryId ? a.sequence - b.sequence : a.factoryId < b.factoryId ? -1 : 1));
  return ok({ token: found.token, exports });
}

/** The volume fees each live token the account created has earned it, lamports. */
export const creatorFees = (deps: DatasetTokenDeps, accountId: string) =>
  deps.store.read((repo) => repo.feesOf(accountId));
