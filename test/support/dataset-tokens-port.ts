// A dataset-tokens port in memory, for the bots' edge tests: tokens priced by the core's curve
// (spot price, market cap, buy quotes), asks and payments recorded, downloads by access. Answers
// and refuses as app/dataset-tokens.ts does (the core's error codes).
import type { DatasetTokensPort, TokenOverview } from "../../bots/flows/dataset-tokens-port.js";
import type { DatasetsPort } from "../../bots/flows/datasets-port.js";
import type { DatasetExport } from "../../core/datasets/dataset-export.js";
import { curveStart, DEFAULT_CURVE, marketCap, quoteBuy, spotPrice } from "../../core/datasets/curve.js";
import type { DatasetToken, DatasetTx, MetaMember } from "../../core/dataset-tokens/dataset-token.js";
import { thresholdUnits, TokenTerms } from "../../core/dataset-tokens/launch.js";
import { fail } from "../../core/shared/errors.js";
import { ok } from "../../core/shared/result.js";

export const SOL = 1_000_000_000n;
/** A PNG's signature: enough for the edges, which only attach the bytes. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function datasetToken(over: Partial<DatasetToken> & { id: string; symbol: string }): DatasetToken {
  const at = new Date("2026-11-01T00:00:00Z");
  return {
    kind: "dataset",
    factoryId: `f-${over.id}`,
    creatorId: "creator",
    creatorWallet: "Wallet1111111111111111111111111111111111111",
    name: `${over.symbol} data`,
    mint: `Mint${over.id}`,
    burnBps: 100,
    params: DEFAULT_CURVE,
    reserves: curveStart(DEFAULT_CURVE),
    supply: 0n,
    volume: 0n,
    fees: 0n,
    trades: 0,
    status: "live",
    createdAt: at,
    launchedAt: at,
    ...over,
  };
}

const overviewOf = (token: DatasetToken, members: readonly MetaMember[]): TokenOverview => {
  const price = spotPrice(token.reserves);
  return {
    token,
    priceLamports: (price.num * 10n ** 6n) / price.den,
    marketCapLamports: marketCap(token.reserves, token.supply),
    burnUnits: thresholdUnits(token.burnBps),
    members,
  };
};

export function datasetTokensOf(options: { owner?: (factoryId: string) => string | undefined } = {}) {
  const tokens = new Map<string, DatasetToken>();
  const members = new Map<string, MetaMember[]>();
  const access = new Set<string>();
  const claims: { accountId: string; metaId: string; symbol: string; tokenId: string; allocation: bigint }[] = [];
  const fees = new Map<string, { tokenId: string; symbol: string; fees: bigint }[]>();
  const readyExports = new Set<string>();
  const asks: { accountId: string; tokenId: string; ask: unknown }[] = [];
  const launches: { accountId: string; factoryId: string | null; terms: unknown; tokenIds?: readonly string[] }[] = [];
  const shown: DatasetTx[] = [];
  let n = 0;
  const txOf = (tokenId: string, accountId: string, kind: DatasetTx["kind"], more: Partial<DatasetTx> = {}) => {
    const now = new Date();
    const tx: DatasetTx = {
      id: `tx-${++n}`,
      tokenId,
      kind,
      accountId,
      status: "open",
      memberId: null,
      solIn: null,
      sellBps: null,
      slippageBps: 0,
      quotedFrom: null,
      built: null,
      signature: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 15 * 60_000),
      settledAt: null,
      ...more,
    };
    return tx;
  };
  const ov = (t: DatasetToken) => overviewOf(t, members.get(t.id) ?? []);

  const port: DatasetTokensPort = {
    launchFee: { sol: SOL / 10n, clones: 1_000_000_000n },
    list: async (limit = 20) =>
      [...tokens.values()]
        .filter((t) => t.status === "live")
        .sort((a, b) => (b.volume > a.volume ? 1 : b.volume < a.volume ? -1 : 0))
        .slice(0, limit)
        .map(ov),
    get: async (tokenId) => {
      const t = tokens.get(tokenId);
      return t ? ok(ov(t)) : fail("DATASET_TOKEN_NOT_FOUND", { tokenId });
    },
    ofFactory: async (factoryId) => {
      const t = [...tokens.values()].find((x) => x.factoryId === factoryId);
      return t ? ov(t) : null;
    },
    requestLaunch: async ({ actor, factoryId, terms }) => {
      const parsed = TokenTerms.safeParse(terms);
      if (!parsed.success) return fail("INVALID_INPUT", {});
      if (options.owner?.(factoryId) !== actor.accountId) return fail("FACTORY_NOT_OWNER", {});
      if (!readyExports.has(factoryId)) return fail("DATASET_NO_EXPORT", { factoryId });
      if ([...tokens.values()].some((t) => t.factoryId === factoryId)) return fail("DATASET_TOKEN_EXISTS", {});
      launches.push({ accountId: actor.accountId, factoryId, terms });
      const token = datasetToken({ id: `tok-${++n}`, ...parsed.data, factoryId, creatorId: actor.accountId });
      const launching = { ...token, status: "launching" as const, launchedAt: null };
      tokens.set(token.id, launching);
      return ok({ token: launching, tx: txOf(token.id, actor.accountId, "launch") });
    },
    requestMetaLaunch: async ({ actor, terms, tokenIds }) => {
      if (!actor.isAdmin) return fail("NOT_ALLOWED", {});
      const parsed = TokenTerms.safeParse(terms);
      if (!parsed.success || tokenIds.length < 2 || tokenIds.length > 8) return fail("INVALID_INPUT", {});
      launches.push({ accountId: actor.accountId, factoryId: null, terms, tokenIds });
      const token = datasetToken({
        id: `meta-${++n}`,
        ...parsed.data,
        kind: "meta",
        factoryId: null,
        status: "launching",
      });
      const share = thresholdUnits(parsed.data.burnBps) / BigInt(tokenIds.length);
      const list = tokenIds.map((tokenId) => ({ tokenId, recordings: 1, allocation: share, claimedAt: null }));
      return ok({ token, tx: txOf(token.id, actor.accountId, "launch"), members: list });
    },
    requestTrade: async ({ accountId, tokenId, ask }) => {
      const t = tokens.get(tokenId);
      if (!t) return fail("DATASET_TOKEN_NOT_FOUND", { tokenId });
      if (t.status !== "live") return fail("DATASET_TOKEN_NOT_LIVE", { tokenId });
      asks.push({ accountId, tokenId, ask });
      let expectedTokens: bigint | null = null;
      if (ask.kind === "buy") {
        const quote = quoteBuy(t.reserves, t.params, { solIn: ask.solIn });
        if (!quote.ok) return fail(quote.error.code as "CURVE_SOLD_OUT", {});
        expectedTokens = quote.value.tokens;
      }
      const more =
        ask.kind === "buy"
          ? { solIn: ask.solIn, slippageBps: ask.slippageBps }
          : ask.kind === "sell"
            ? { sellBps: ask.sellBps, slippageBps: ask.slippageBps }
            : {};
      return ok({ tx: txOf(tokenId, accountId, ask.kind, more), expectedTokens });
    },
    claimable: async (accountId) => claims.filter((c) => c.accountId === accountId).map(({ accountId: _, ...c }) => c),
    requestClaim: async ({ accountId, metaId, tokenId }) => {
      const c = claims.find((x) => x.accountId === accountId && x.metaId === metaId && x.tokenId === tokenId);
      if (!c) return fail("DATASET_TOKEN_NOT_FOUND", { tokenId });
      return ok({ tx: txOf(metaId, accountId, "claim", { memberId: tokenId }), allocation: c.allocation });
    },
    payment: async (tx) => {
      shown.push(tx);
      return {
        requestId: tx.id,
        url: `solana:https://forge.example/api/dataset-tx/${tx.id}`,
        qrPng: PNG,
        expiresAt: tx.expiresAt,
      };
    },
    downloads: async ({ accountId, tokenId }) => {
      const t = tokens.get(tokenId);
      if (!t) return fail("DATASET_TOKEN_NOT_FOUND", { tokenId });
      if (t.creatorId !== accountId && !access.has(`${tokenId}:${accountId}`))
        return fail("DATASET_NO_ACCESS", { symbol: t.symbol });
      const link = { sequence: 1, factoryId: t.factoryId ?? "", url: `https://forge.example/datasets/${t.id}-1?sig=x` };
      return ok({ symbol: t.symbol, links: [link] });
    },
    creatorFees: async (accountId) => fees.get(accountId) ?? [],
    explorer: (signature) => `https://explorer.solana.com/tx/${signature}`,
  };
  return {
    port,
    tokens,
    members,
    asks,
    launches,
    shown,
    readyExports,
    add: (token: DatasetToken) => void tokens.set(token.id, token),
    grant: (tokenId: string, accountId: string) => void access.add(`${tokenId}:${accountId}`),
    claim: (c: (typeof claims)[number]) => void claims.push(c),
    fees,
  };
}

/** Exports as the app answers them: the owner sees the last one, ready. */
export function readyExports(owner: () => string): DatasetsPort {
  const at = new Date();
  const latest = (factoryId: string): DatasetExport => ({
    id: "exp-1",
    factoryId,
    sequence: 1,
    requestedBy: owner(),
    status: "ready",
    progress: 100,
    after: null,
    upTo: { at, id: "r4" },
    recordings: 4,
    steps: 40,
    storageKey: "k",
    sizeBytes: 2_097_152,
    error: null,
    createdAt: at,
    finishedAt: at,
  });
  return {
    getDatasetOverview: async ({ actor, factoryId }) =>
      actor.accountId === owner() ? ok({ latest: latest(factoryId), newRecordings: 0 }) : fail("FACTORY_NOT_OWNER", {}),
    requestDatasetExport: async () => fail("DATASET_NOTHING_NEW", {}),
    link: (id) => `https://forge.example/datasets/${id}`,
  };
}
