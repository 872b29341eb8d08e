// How dataset tokens read in chat: amounts (SOL, token units), a token's lines, the buttons'
// data. Platform-neutral; the flows (bots/flows/dataset-tokens.ts) put them together.
import { TOKEN_DECIMALS } from "../../core/datasets/curve.js";
import { formatAmount } from "../../core/money/amount.js";
import type { TokenOverview } from "../flows/dataset-tokens-port.js";
import type { Translate } from "../i18n.js";
import { encodeAction, type Action } from "./actions.js";
import { plain } from "./view.js";

export type TokenOp = Extract<Action, { kind: "dtok" }>["op"];
export type Slippage = Extract<Action, { kind: "dtok" }>["slip"];
export const SLIPPAGES: readonly Slippage[] = [50, 100, 500];
export const DEFAULT_SLIPPAGE: Slippage = 100;

export const tokenAction = (tokenId: string, op: TokenOp, slip: Slippage = DEFAULT_SLIPPAGE) =>
  encodeAction({ kind: "dtok", tokenId, op, slip });
export const LIST_ACTION = encodeAction({ kind: "dtlist", op: "show" });

/** Lamports as SOL, every digit ("0.000000028"). */
export const sol = (lamports: bigint): string => formatAmount(lamports, 9);
/** Lamports as SOL to 4 places (market caps, volumes), floored. */
export const solShort = (lamports: bigint): string => formatAmount(lamports / 100_000n, 4);
/** Token base units as tokens to 2 places, floored ("12 345.67" reads as "12345.67"). */
export const tokens = (units: bigint): string => formatAmount(units / 10n ** BigInt(TOKEN_DECIMALS - 2), 2);
/** Basis points as a percentage ("0.5", "1", "5"). */
export const percent = (bps: number): string => String(bps / 100);

/** A token's one line in the list. */
export const tokenLine = (t: Translate, o: TokenOverview): string =>
  t("dtok-line", {
    name: plain(o.token.name),
    symbol: o.token.symbol,
    price: sol(o.priceLamports),
    supply: tokens(o.token.supply),
    cap: solShort(o.marketCapLamports),
    volume: solShort(o.token.volume),
  });

/** A token's figures, for its own view. */
export function tokenFigures(t: Translate, o: TokenOverview, memberSymbols: readonly string[]): string[] {
  const { token } = o;
  const symbol = token.symbol;
  return [
    t("dtok-title", { name: plain(token.name), symbol }),
    ...(token.kind === "meta" ? [t("dtok-meta", { symbols: memberSymbols.map((s) => `$${s}`).join(", ") })] : []),
    t("dtok-price", { price: sol(o.priceLamports) }),
    t("dtok-supply", { supply: tokens(token.supply), symbol }),
    t("dtok-cap", { cap: solShort(o.marketCapLamports) }),
    t("dtok-volume", { volume: solShort(token.volume), trades: token.trades }),
    t("dtok-burn", { amount: tokens(o.burnUnits), symbol, share: percent(token.burnBps) }),
  ];
}
