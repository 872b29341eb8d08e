/**
 * The bonding curve of a dataset token (issue 15, "Tokenization"): constant product over
 * virtual reserves, pump.fun style, in exact integers. Pure: no chain, no store. The on-chain
 * program and every off-chain quote must compute the same numbers, so every division says
 * which way it rounds, and it always rounds in the curve's favour (sol × tokens never falls).
 */
import { applyBps } from "../money/bps.js";
import { U64_MAX, units, type Units } from "../money/units.js";
import { err, ok, type Result } from "../shared/result.js";

export const TOKEN_DECIMALS = 6;
const WHOLE = 10n ** BigInt(TOKEN_DECIMALS);
/** Fixed supply of every dataset token: 1 000 000 000 tokens, in base units. */
export const TOTAL_SUPPLY = 1_000_000_000n * WHOLE;
/** 0.25% of the SOL side of every trade, to the dataset's creator. */
export const VOLUME_FEE_BPS = 25n;
export const MAX_U64 = U64_MAX;
/**
 * More lamports than exist (10^9 SOL; about 6 × 10^8 SOL exist in 2026): no trader pays more,
 * and no vault holds more. The overflow argument below rests on it.
 */
export const SOL_SUPPLY_BOUND = 10n ** 18n;

/**
 * A curve's constants. Bounds (checked by `validateCurveParams`):
 * - virtualSol: 10^6 ..= 10^13 lamports (0.001 to 10 000 SOL);
 * - virtualTokens: 10^9 ..= 10^17 base units (1 000 to 10^11 tokens);
 * - curveTokens: 1 ..= min(TOTAL_SUPPLY, virtualTokens − 1): the most the curve ever sells,
 *   the launch's allocation included (quoteAllocation); the rest of the supply is never minted.
 * Why they rule out overflow: the reserves stay within sol <= virtualSol + SOL_SUPPLY_BOUND
 * < 1.01 × 10^18 and tokens <= virtualTokens <= 10^17, both below 2^64 ≈ 1.8 × 10^19, so every
 * amount fits a u64 and sol × tokens < 2^128 fits a u128.
 */
export interface CurveParams {
  readonly virtualSol: bigint;
  readonly virtualTokens: bigint;
  readonly curveTokens: bigint;
}

export const CURVE_BOUNDS = {
  virtualSol: { min: 10n ** 6n, max: 10n ** 13n },
  virtualTokens: { min: 10n ** 9n, max: 10n ** 17n },
} as const;

/** 30 SOL and 1 073 000 000 tokens of virtual reserves; 800 000 000 tokens for sale. */
export const DEFAULT_CURVE: CurveParams = {
  virtualSol: 30n * 10n ** 9n,
  virtualTokens: 1_073_000_000n * WHOLE,
  curveTokens: 800_000_000n * WHOLE,
};

/**
 * Virtual reserves. sol = virtualSol + the real lamports the curve's vault holds;
 * tokens = virtualTokens − the tokens the curve has sold.
 */
export interface CurveState {
  readonly sol: bigint;
  readonly tokens: bigint;
}

/** Append-only, like ERROR_CODES; AMOUNT_OUT_OF_RANGE is the existing domain code. */
export const CURVE_ERROR_CODES = [
  "CURVE_PARAMS_INVALID",
  "CURVE_AMOUNT_TOO_SMALL",
  "CURVE_SOLD_OUT",
  "CURVE_SLIPPAGE",
  "CURVE_SELL_EXCEEDS_SOLD",
  "AMOUNT_OUT_OF_RANGE",
] as const;
export type CurveErrorCode = (typeof CURVE_ERROR_CODES)[number];

/** Shaped like DomainError (code + context) so it can become one once the codes are shared. */
export class CurveError extends Error {
  constructor(
    readonly code: CurveErrorCode,
    readonly context: Readonly<Record<string, unknown>> = {},
  ) {
    super(code);
    this.name = "CurveError";
  }
}

const refuse = (code: CurveErrorCode, context: Record<string, unknown> = {}) => err(new CurveError(code, context));

/** Checks the bounds above. Errors: CURVE_PARAMS_INVALID (context names the field and its bounds). */
export function validateCurveParams(params: CurveParams): Result<CurveParams, CurveError> {
  const { virtualSol, virtualTokens, curveTokens } = params;
  const outside = (field: string, value: bigint, min: bigint, max: bigint) =>
    value < min || value > max ? refuse("CURVE_PARAMS_INVALID", { field, value, min, max }) : null;
  const maxCurve = virtualTokens - 1n < TOTAL_SUPPLY ? virtualTokens - 1n : TOTAL_SUPPLY;
  return (
    outside("virtualSol", virtualSol, CURVE_BOUNDS.virtualSol.min, CURVE_BOUNDS.virtualSol.max) ??
    outside("virtualTokens", virtualTokens, CURVE_BOUNDS.virtualTokens.min, CURVE_BOUNDS.virtualTokens.max) ??
    outside("curveTokens", curveTokens, 1n, maxCurve) ??
    ok(params)
  );
}

export const curveStart = (params: CurveParams): CurveState => ({
  sol: params.virtualSol,
  tokens: params.virtualTokens,
});
/** Lamports in the curve's vault. */
export const realSol = (state: CurveState, params: CurveParams): bigint => state.sol - params.virtualSol;
/** Tokens the curve has sold and not bought back. */
export const soldTokens = (state: CurveState, params: CurveParams): bigint => params.virtualTokens - state.tokens;

/** A price as an exact fraction: lamports per token base unit (SOL per whole token = num / (den × 1000)). */
export interface Price {
  readonly num: bigint;
  readonly den: bigint;
}

/** The marginal price sol / tokens, without the fee. Compare prices with `comparePrice`. */
export const spotPrice = (state: CurveState): Price => ({ num: state.sol, den: state.tokens });

/** −1, 0 or 1 as a is below, equal to or above b (cross-multiplied, exact). */
export function comparePrice(a: Price, b: Price): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** supply × spot price, in lamports, floored. `supply` in base units (default: the whole supply). */
export const marketCap = (state: CurveState, supply: bigint = TOTAL_SUPPLY): bigint =>
  (supply * state.sol) / state.tokens;

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;
const inU64 = (value: bigint): boolean => value >= 0n && value <= MAX_U64;

/**
 * Gross lamports that selling every token the curve has sold back to it would pay, before the
 * fee. Never more than the vault holds: sol × tokens never falls below virtualSol × virtualTokens.
 */
export function sellAllValue(state: CurveState, params: CurveParams): bigint {
  return state.sol - ceilDiv(state.sol * state.tokens, params.virtualTokens);
}

export interface BuyQuote {
  readonly side: "buy";
  /** Lamports the trader pays in total: solNet + fee. */
  readonly solIn: Units;
  /** floor(solIn × 25 / 10 000), to the creator; the floored-off fraction stays in solNet. */
  readonly fee: Units;
  /** Lamports into the curve's vault. */
  readonly solNet: Units;
  /** Base units the trader receives. */
  readonly tokens: Units;
  readonly before: CurveState;
  readonly after: CurveState;
}

export interface SellQuote {
  readonly side: "sell";
  /** Base units the trader gives back to the curve. */
  readonly tokens: Units;
  /** Lamports out of the curve's vault: solOut + fee. */
  readonly solGross: Units;
  /** floor(solGross × 25 / 10 000), to the creator; the floored-off fraction stays in solOut. */
  readonly fee: Units;
  /** Lamports the trader receives. */
  readonly solOut: Units;
  readonly before: CurveState;
  readonly after: CurveState;
}

export type CurveQuote = BuyQuote | SellQuote;

/** True when every amount the quote puts on chain, and both states' reserves, fit a u64. */
export function quoteFitsU64(quote: CurveQuote): boolean {
  const amounts =
    quote.side === "buy" ? [quote.solIn, quote.fee, quote.solNet] : [quote.solGross, quote.fee, quote.solOut];
  const { before, after } = quote;
  return [...amounts, quote.tokens, before.sol, before.tokens, after.sol, after.tokens].every(inU64);
}

/**
 * What `solIn` lamports buy: fee = floor(solIn × 0.25%), net = solIn − fee goes into the curve,
 * tokens = tokens − ceil(k / (sol + net)) with k = sol × tokens now (rounded in the curve's favour).
 * Errors: AMOUNT_OUT_OF_RANGE (solIn outside u64), CURVE_AMOUNT_TOO_SMALL (buys no token),
 * CURVE_SOLD_OUT (would sell past curveTokens; context remainingTokens), CURVE_SLIPPAGE
 * (fewer than minTokensOut; context tokens, minTokensOut).
 */
export function quoteBuy(
  state: CurveState,
  params: CurveParams,
  order: { solIn: bigint; minTokensOut?: bigint },
): Result<BuyQuote, CurveError> {
  const { solIn, minTokensOut = 0n } = order;
  if (!inU64(solIn)) return refuse("AMOUNT_OUT_OF_RANGE", { solIn });
  const fee = applyBps(units(solIn), VOLUME_FEE_BPS);
  const solNet = solIn - fee;
  const sol = state.sol + solNet;
  const tokens = ceilDiv(state.sol * state.tokens, sol);
  const out = state.tokens - tokens;
  if (out <= 0n) return refuse("CURVE_AMOUNT_TOO_SMALL", { solIn });
  const remainingTokens = params.curveTokens - soldTokens(state, params);
  if (out > remainingTokens) return refuse("CURVE_SOLD_OUT", { remainingTokens, tokens: out });
  if (out < minTokensOut) return refuse("CURVE_SLIPPAGE", { tokens: out, minTokensOut });
  if (!inU64(sol)) return refuse("AMOUNT_OUT_OF_RANGE", { sol });
  const after = { sol, tokens };
  return ok({ side: "buy", solIn: units(solIn), fee, solNet: units(solNet), tokens: units(out), before: state, after });
}

/**
 * What selling `tokensIn` back pays: gross = sol − ceil(k / (tokens + tokensIn)) (rounded in the
 * curve's favour), fee = floor(gross × 0.25%), solOut = gross − fee.
 * Errors: AMOUNT_OUT_OF_RANGE (tokensIn outside u64), CURVE_AMOUNT_TOO_SMALL (nothing to sell,
 * or it pays 0 lamports), CURVE_SELL_EXCEEDS_SOLD (more than the curve has sold; context
 * soldTokens), CURVE_SLIPPAGE (less than minSolOut; context solOut, minSolOut).
 */
export function quoteSell(
  state: CurveState,
  params: CurveParams,
  order: { tokensIn: bigint; minSolOut?: bigint },
): Result<SellQuote, CurveError> {
  const { tokensIn, minSolOut = 0n } = order;
  if (!inU64(tokensIn)) return refuse("AMOUNT_OUT_OF_RANGE", { tokensIn });
  if (tokensIn === 0n) return refuse("CURVE_AMOUNT_TOO_SMALL", { tokensIn });
  const sold = soldTokens(state, params);
  if (tokensIn > sold) return refuse("CURVE_SELL_EXCEEDS_SOLD", { tokensIn, soldTokens: sold });
  const tokens = state.tokens + tokensIn;
  const sol = ceilDiv(state.sol * state.tokens, tokens);
  const solGross = units(state.sol - sol);
  const fee = applyBps(solGross, VOLUME_FEE_BPS);
  const solOut = units(solGross - fee);
  if (solOut === 0n) return refuse("CURVE_AMOUNT_TOO_SMALL", { tokensIn });
  if (solOut < minSolOut) return refuse("CURVE_SLIPPAGE", { solOut, minSolOut });
  const after = { sol, tokens };
  return ok({ side: "sell", tokens: units(tokensIn), solGross, fee, solOut, before: state, after });
}

/**
 * What backing a launch's allocation of exactly `tokens` costs: the launch buys them from the
 * curve (without the volume fee: the creator would pay it to themselves) for
 * net = ceil(k / (tokens_now − tokens)) − sol lamports into the vault, so that every token in
 * circulation, the allocation included, was bought from the curve and the vault can buy each
 * back. Errors: CURVE_AMOUNT_TOO_SMALL (no tokens), CURVE_SOLD_OUT (more than the curve sells),
 * AMOUNT_OUT_OF_RANGE (it would cost more SOL than exists).
 */
export function quoteAllocation(
  state: CurveState,
  params: CurveParams,
  tokens: bigint,
): Result<{ solNet: Units; tokens: Units; before: CurveState; after: CurveState }, CurveError> {
  if (tokens <= 0n) return refuse("CURVE_AMOUNT_TOO_SMALL", { tokens });
  const remainingTokens = params.curveTokens - soldTokens(state, params);
  if (tokens > remainingTokens) return refuse("CURVE_SOLD_OUT", { remainingTokens, tokens });
  const after = { sol: ceilDiv(state.sol * state.tokens, state.tokens - tokens), tokens: state.tokens - tokens };
  if (after.sol - state.sol > SOL_SUPPLY_BOUND) return refuse("AMOUNT_OUT_OF_RANGE", { solNet: after.sol - state.sol });
  return ok({ solNet: units(after.sol - state.sol), tokens: units(tokens), before: state, after });
}

/**
 * The state after a quote. A quote holds only for the state it was made on: applying it to
 * another one is a bug (quote again under the same lock instead), and throws.
 */
export function applyQuote(state: CurveState, quote: CurveQuote): CurveState {
  if (state.sol !== quote.before.sol || state.tokens !== quote.before.tokens) {
    throw new RangeError("the quote was made for another curve state");
  }
  return quote.after;
}
