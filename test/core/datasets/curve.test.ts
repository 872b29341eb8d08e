import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyQuote,
  comparePrice,
  quoteAllocation,
  CURVE_BOUNDS,
  curveStart,
  DEFAULT_CURVE,
  marketCap,
  MAX_U64,
  quoteBuy,
  quoteFitsU64,
  quoteSell,
  realSol,
  sellAllValue,
  SOL_SUPPLY_BOUND,
  soldTokens,
  spotPrice,
  TOTAL_SUPPLY,
  validateCurveParams,
  type CurveParams,
  type CurveQuote,
  type CurveState,
} from "../../../core/datasets/curve.js";

const SOL = 10n ** 9n;
const TOKEN = 10n ** 6n;
const start = curveStart(DEFAULT_CURVE);

const value = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${String(r.error)}`);
  return r.value;
};
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? "ok" : r.error!.code);

describe("the default curve, by hand", () => {
  it("GIVEN the defaults THEN they are valid and 800M tokens are for sale", () => {
    expect(validateCurveParams(DEFAULT_CURVE).ok).toBe(true);
    expect(TOTAL_SUPPLY).toBe(1_000_000_000_000_000n);
    expect(DEFAULT_CURVE.curveTokens).toBe(800_000_000n * TOKEN);
    expect(start).toEqual({ sol: 30n * SOL, tokens: 1_073_000_000n * TOKEN });
  });

  it("GIVEN a fresh curve WHEN someone buys for 1 SOL THEN they get 34 529 155.577062 tokens", () => {
    // fee = floor(1e9 × 25 / 10 000) = 2 500 000; net = 997 500 000
    // k = 30e9 × 1.073e15 = 32 190 000 000 000 000 000 000 000; new sol = 30 997 500 000
    // k / new sol = 1 038 470 844 422 937 rest 10 342 500 000 → ceil 1 038 470 844 422 938
    // tokens out = 1 073 000 000 000 000 − 1 038 470 844 422 938 = 34 529 155 577 062
    const q = value(quoteBuy(start, DEFAULT_CURVE, { solIn: SOL }));
    expect(q).toEqual({
      side: "buy",
      solIn: SOL,
      fee: 2_500_000n,
      solNet: 997_500_000n,
      tokens: 34_529_155_577_062n,
      before: start,
      after: { sol: 30_997_500_000n, tokens: 1_038_470_844_422_938n },
    });
  });

  it("WHEN the buyer sells those tokens straight back THEN they get 995 006 250 lamports and 1 lamport stays in the vault", () => {
    // k' = 30 997 500 000 × 1 038 470 844 422 938 = 32 190 000 000 000 020 655 000 000
    // new sol = ceil(k' / 1.073e15) = 30 000 000 001; gross = 997 499 999
    // fee = floor(997 499 999 × 25 / 10 000) = 2 493 749; out = 995 006 250
    const bought = applyQuote(start, value(quoteBuy(start, DEFAULT_CURVE, { solIn: SOL })));
    const q = value(quoteSell(bought, DEFAULT_CURVE, { tokensIn: 34_529_155_577_062n }));
    expect([q.solGross, q.fee, q.solOut]).toEqual([997_499_999n, 2_493_749n, 995_006_250n]);
    expect(q.after).toEqual({ sol: 30_000_000_001n, tokens: 1_073_000_000n * TOKEN });
    expect(realSol(q.after, DEFAULT_CURVE)).toBe(1n);
  });

  it("GIVEN a fresh curve THEN its price is 30e9 / 1.073e15 lamports per base unit and its market cap 27 958 993 476 lamports", () => {
    expect(spotPrice(start)).toEqual({ num: 30n * SOL, den: 1_073_000_000n * TOKEN });
    // floor(1e15 × 30e9 / 1.073e15) = floor(27 958 993 476.23)
    expect(marketCap(start)).toBe(27_958_993_476n);
    expect(marketCap(start, 500_000_000n * TOKEN)).toBe(13_979_496_738n);
    expect(sellAllValue(start, DEFAULT_CURVE)).toBe(0n);
  });
});

describe("refusals", () => {
  it("WHEN the buyer asks for one base unit more than 1 SOL buys THEN it is refused as slippage", () => {
    const r = quoteBuy(start, DEFAULT_CURVE, { solIn: SOL, minTokensOut: 34_529_155_577_063n });
    expect(r).toMatchObject({ ok: false, error: { code: "CURVE_SLIPPAGE", context: { tokens: 34_529_155_577_062n } } });
    expect(code(quoteBuy(start, DEFAULT_CURVE, { solIn: SOL, minTokensOut: 34_529_155_577_062n }))).toBe("ok");
  });

  it("WHEN a buy would take more than the 800M tokens for sale THEN it is refused with what is left", () => {
    // Buying all 800M costs ceil(k / 2.73e14) − 30e9 = 87 912 087 913 lamports net: 100 SOL is too much.
    const r = quoteBuy(start, DEFAULT_CURVE, { solIn: 100n * SOL });
    expect(r).toMatchObject({
      ok: false,
      error: { code: "CURVE_SOLD_OUT", context: { remainingTokens: 8n * 10n ** 14n } },
    });
    const after = applyQuote(start, value(quoteBuy(start, DEFAULT_CURVE, { solIn: 80n * SOL })));
    const left = DEFAULT_CURVE.curveTokens - soldTokens(after, DEFAULT_CURVE);
    expect(quoteBuy(after, DEFAULT_CURVE, { solIn: 10n * SOL })).toMatchObject({
      ok: false,
      error: { code: "CURVE_SOLD_OUT", context: { remainingTokens: left } },
    });
  });

  it("WHEN the biggest buy a fresh curve accepts THEN it leaves 204 base units that no buy can take", () => {
    // Net 87 912 087 912 (fee floor(88 132 418 959 × 25 / 10 000) = 220 331 047): new sol
    // 117 912 087 912, tokens left ceil(k / that) = 273 000 000 000 204, sold 799 999 999 999 796.
    // One lamport more nets 87 912 087 913 and would sell 800 000 000 002 111 > 800M tokens.
    const last = value(quoteBuy(start, DEFAULT_CURVE, { solIn: 88_132_418_959n }));
    expect([last.fee, last.solNet, last.tokens]).toEqual([220_331_047n, 87_912_087_912n, 799_999_999_999_796n]);
    expect(quoteBuy(start, DEFAULT_CURVE, { solIn: 88_132_418_960n })).toMatchObject({
      ok: false,
      error: { code: "CURVE_SOLD_OUT", context: { remainingTokens: 8n * 10n ** 14n, tokens: 800_000_000_002_111n } },
    });
    expect(code(quoteBuy(last.after, DEFAULT_CURVE, { solIn: 1n }))).toBe("CURVE_SOLD_OUT");
  });

  it("WHEN someone sells more than the curve has sold THEN it is refused with what it has sold", () => {
    expect(quoteSell(start, DEFAULT_CURVE, { tokensIn: 1n })).toMatchObject({
      ok: false,
      error: { code: "CURVE_SELL_EXCEEDS_SOLD", context: { soldTokens: 0n } },
    });
    const bought = applyQuote(start, value(quoteBuy(start, DEFAULT_CURVE, { solIn: SOL })));
    expect(code(quoteSell(bought, DEFAULT_CURVE, { tokensIn: 34_529_155_577_063n }))).toBe("CURVE_SELL_EXCEEDS_SOLD");
  });

  it("WHEN a sell pays less than the seller's minimum THEN it is refused as slippage", () => {
    const bought = applyQuote(start, value(quoteBuy(start, DEFAULT_CURVE, { solIn: SOL })));
    const order = { tokensIn: 34_529_155_577_062n, minSolOut: 995_006_251n };
    expect(code(quoteSell(bought, DEFAULT_CURVE, order))).toBe("CURVE_SLIPPAGE");
    expect(code(quoteSell(bought, DEFAULT_CURVE, { ...order, minSolOut: 995_006_250n }))).toBe("ok");
  });

  it("WHEN a trade moves nothing THEN it is refused as too small", () => {
    expect(code(quoteBuy(start, DEFAULT_CURVE, { solIn: 0n }))).toBe("CURVE_AMOUNT_TOO_SMALL");
    expect(code(quoteSell(start, DEFAULT_CURVE, { tokensIn: 0n }))).toBe("CURVE_AMOUNT_TOO_SMALL");
    // 1e4 lamports per base unit: 1 lamport buys nothing.
    const dear = { virtualSol: 10n ** 13n, virtualTokens: 10n ** 9n, curveTokens: 10n ** 8n };
    expect(code(quoteBuy(curveStart(dear), dear, { solIn: 1n }))).toBe("CURVE_AMOUNT_TOO_SMALL");
    // ~2.98e-5 lamports per base unit: selling 1 base unit pays 0.
    const bought = applyQuote(start, value(quoteBuy(start, DEFAULT_CURVE, { solIn: SOL })));
    expect(code(quoteSell(bought, DEFAULT_CURVE, { tokensIn: 1n }))).toBe("CURVE_AMOUNT_TOO_SMALL");
  });

  it("WHEN an amount is negative or above u64 THEN it is refused as out of range", () => {
    expect(code(quoteBuy(start, DEFAULT_CURVE, { solIn: -1n }))).toBe("AMOUNT_OUT_OF_RANGE");
    expect(code(quoteBuy(start, DEFAULT_CURVE, { solIn: MAX_U64 + 1n }))).toBe("AMOUNT_OUT_OF_RANGE");
    expect(code(quoteSell(start, DEFAULT_CURVE, { tokensIn: MAX_U64 + 1n }))).toBe("AMOUNT_OUT_OF_RANGE");
  });

  it.each<[string, Partial<CurveParams>]>([
    ["virtualSol", { virtualSol: 10n ** 6n - 1n }],
    ["virtualSol", { virtualSol: 10n ** 13n + 1n }],
    ["virtualTokens", { virtualTokens: 10n ** 9n - 1n, curveTokens: 1n }],
    ["virtualTokens", { virtualTokens: 10n ** 17n + 1n }],
    ["curveTokens", { curveTokens: 0n }],
    ["curveTokens", { curveTokens: TOTAL_SUPPLY + 1n, virtualTokens: 10n ** 17n }],
    ["curveTokens", { virtualTokens: 10n ** 9n, curveTokens: 10n ** 9n }],
  ])("GIVEN params outside the bounds THEN %s is named", (field, change) => {
    const r = validateCurveParams({ ...DEFAULT_CURVE, ...change });
    expect(r).toMatchObject({ ok: false, error: { code: "CURVE_PARAMS_INVALID", context: { field } } });
  });

  it("WHEN a quote is applied to another state THEN it throws", () => {
    const q = value(quoteBuy(start, DEFAULT_CURVE, { solIn: SOL }));
    expect(() => applyQuote(q.after, q)).toThrow(RangeError);
  });
});

// ---- properties ----

const digits = (n: bigint) => n.toString().length;
/** A bigint in [min, max] spread over its orders of magnitude, with the bounds themselves often. */
const logBig = (min: bigint, max: bigint): fc.Arbitrary<bigint> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
    {
      weight: 6,
      arbitrary: fc.integer({ min: digits(min), max: digits(max) }).chain((d) => {
        const lo = 10n ** BigInt(d - 1);
        return fc.bigInt({ min: lo > min ? lo : min, max: lo * 10n - 1n < max ? lo * 10n - 1n : max });
      }),
    },
  );

const paramsArb: fc.Arbitrary<CurveParams> = fc
  .tuple(
    logBig(CURVE_BOUNDS.virtualSol.min, CURVE_BOUNDS.virtualSol.max),
    logBig(CURVE_BOUNDS.virtualTokens.min, CURVE_BOUNDS.virtualTokens.max),
  )
  .chain(([virtualSol, virtualTokens]) =>
    logBig(1n, virtualTokens - 1n < TOTAL_SUPPLY ? virtualTokens - 1n : TOTAL_SUPPLY).map((curveTokens) => ({
      virtualSol,
      virtualTokens,
      curveTokens,
    })),
  );

type Step = { kind: "buy"; ppm: bigint; dust: bigint } | { kind: "sell"; perMille: bigint };
/** Buys are sized relative to virtualSol (1 ppm to 100×) plus 0..999 lamports; sells as a share of what was bought. */
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("buy" as const), ppm: logBig(0n, 10n ** 8n), dust: fc.bigInt(0n, 999n) }),
  fc.record({ kind: fc.constant("sell" as const), perMille: logBig(1n, 1000n) }),
);

/** Runs the steps, quoting each against the current state; refused steps leave the state alone. */
function* run(
  params: CurveParams,
  steps: readonly Step[],
  from: CurveState = curveStart(params),
): Generator<{ quote: CurveQuote; state: CurveState }> {
  let state = from;
  for (const step of steps) {
    const sold = soldTokens(state, params);
    const r =
      step.kind === "buy"
        ? quoteBuy(state, params, { solIn: (params.virtualSol * step.ppm) / 10n ** 6n + step.dust })
        : quoteSell(state, params, { tokensIn: sold === 0n ? 1n : (sold * step.perMille + 999n) / 1000n });
    if (!r.ok) {
      expect(["CURVE_AMOUNT_TOO_SMALL", "CURVE_SOLD_OUT", "CURVE_SELL_EXCEEDS_SOLD"]).toContain(r.error.code);
      continue;
    }
    state = applyQuote(state, r.value);
    yield { quote: r.value, state };
  }
}

const k = (s: CurveState) => s.sol * s.tokens;
const walk = fc.tuple(paramsArb, fc.array(stepArb, { maxLength: 40 }));
const RUNS = { numRuns: 1000 };

describe("properties over random curves and trades", () => {
  it("the vault always holds at least what buying back every sold token would pay", () => {
    fc.assert(
      fc.property(walk, ([params, steps]) => {
        for (const { state } of run(params, steps)) {
          expect(realSol(state, params)).toBeGreaterThanOrEqual(sellAllValue(state, params));
          expect(sellAllValue(state, params)).toBeGreaterThanOrEqual(0n);
          expect(soldTokens(state, params)).toBeLessThanOrEqual(params.curveTokens);
        }
      }),
      RUNS,
    );
  });

  it("a buy sold straight back never returns more than was paid", () => {
    fc.assert(
      fc.property(walk, stepArb, ([params, steps], extra) => {
        let state = curveStart(params);
        for (const step of run(params, steps)) state = step.state;
        const solIn = extra.kind === "buy" ? (params.virtualSol * extra.ppm) / 10n ** 6n + extra.dust : extra.perMille;
        const buy = quoteBuy(state, params, { solIn });
        if (!buy.ok) return;
        const sell = quoteSell(buy.value.after, params, { tokensIn: buy.value.tokens });
        if (!sell.ok) {
          expect(sell.error.code).toBe("CURVE_AMOUNT_TOO_SMALL"); // pays 0 lamports: less than paid too
          return;
        }
        expect(sell.value.solGross).toBeLessThanOrEqual(buy.value.solNet);
        expect(sell.value.solOut).toBeLessThanOrEqual(buy.value.solIn);
      }),
      RUNS,
    );
  });

  it("the price rises with every buy and falls with every sell", () => {
    fc.assert(
      fc.property(walk, ([params, steps]) => {
        for (const { quote } of run(params, steps)) {
          const move = comparePrice(spotPrice(quote.after), spotPrice(quote.before));
          expect(move).toBe(quote.side === "buy" ? 1 : -1);
        }
      }),
      RUNS,
    );
  });

  it("fees are exactly 0.25% floored and no lamport is created or lost", () => {
    fc.assert(
      fc.property(walk, ([params, steps]) => {
        let inflow = 0n;
        for (const { quote, state } of run(params, steps)) {
          const volume = quote.side === "buy" ? quote.solIn : quote.solGross;
          expect(quote.fee).toBe((volume * 25n) / 10_000n);
          if (quote.side === "buy") expect(quote.fee + quote.solNet).toBe(quote.solIn);
          else expect(quote.solOut + quote.fee).toBe(quote.solGross);
          inflow += quote.side === "buy" ? quote.solNet : -quote.solGross;
          expect(quote.after.sol - quote.before.sol).toBe(quote.side === "buy" ? quote.solNet : -quote.solGross);
          expect(quote.before.tokens - quote.after.tokens).toBe(quote.side === "buy" ? quote.tokens : -quote.tokens);
          expect(realSol(state, params)).toBe(inflow);
        }
      }),
      RUNS,
    );
  });

  it("sol × tokens never decreases", () => {
    fc.assert(
      fc.property(walk, ([params, steps]) => {
        let last = k(curveStart(params));
        for (const { quote } of run(params, steps)) {
          expect(k(quote.before)).toBe(last);
          expect(k(quote.after)).toBeGreaterThanOrEqual(last);
          last = k(quote.after);
        }
      }),
      RUNS,
    );
  });
});

describe("a launch's allocation, bought from the curve", () => {
  it("GIVEN the default curve WHEN a launch backs 1% of the supply THEN it pays what the curve asks and the price is the one after that buy", () => {
    // 10M tokens: after = (ceil(30e9 × 1.073e15 / 1.063e15), 1.063e15) = (30 282 220 132, 1.063e15).
    const q = value(quoteAllocation(start, DEFAULT_CURVE, 10_000_000n * TOKEN));
    expect(q.after).toEqual({ sol: 30_282_220_132n, tokens: 1_063_000_000n * TOKEN });
    expect(q.solNet).toBe(282_220_132n);
    expect(code(quoteAllocation(start, DEFAULT_CURVE, 0n))).toBe("CURVE_AMOUNT_TOO_SMALL");
    expect(code(quoteAllocation(start, DEFAULT_CURVE, DEFAULT_CURVE.curveTokens + 1n))).toBe("CURVE_SOLD_OUT");
  });

  it("GIVEN any allocation then any trades THEN the vault can buy back every token in circulation, the allocation included", () => {
    fc.assert(
      fc.property(walk, fc.integer({ min: 1, max: 500 }), ([params, steps], bps) => {
        const wanted = (TOTAL_SUPPLY * BigInt(bps)) / 10_000n;
        const allocation = wanted < params.curveTokens ? wanted : params.curveTokens;
        if (allocation === 0n) return;
        const launched = quoteAllocation(curveStart(params), params, allocation);
        if (!launched.ok) {
          // Only a curve whose few tokens cost more SOL than exists refuses an allocation it sells.
          expect(launched.error.code).toBe("AMOUNT_OUT_OF_RANGE");
          return;
        }
        const launch = launched.value;
        expect(realSol(launch.after, params)).toBe(launch.solNet);
        expect(k(launch.after)).toBeGreaterThanOrEqual(k(curveStart(params)));
        expect(realSol(launch.after, params)).toBeGreaterThanOrEqual(sellAllValue(launch.after, params));
        for (const { state } of run(params, steps, launch.after)) {
          expect(realSol(state, params)).toBeGreaterThanOrEqual(sellAllValue(state, params));
          expect(soldTokens(state, params)).toBeLessThanOrEqual(params.curveTokens);
        }
      }),
      RUNS,
    );
  });
});

describe("no amount can overflow a u64 within the documented bounds", () => {
  /** The largest buy of at most SOL_SUPPLY_BOUND lamports the curve accepts (binary search). */
  function biggestBuy(state: CurveState, params: CurveParams) {
    const whole = quoteBuy(state, params, { solIn: SOL_SUPPLY_BOUND });
    if (whole.ok || whole.error.code !== "CURVE_SOLD_OUT") return whole;
    let [lo, hi] = [0n, SOL_SUPPLY_BOUND];
    while (hi - lo > 1n) {
      const mid = (lo + hi) / 2n;
      if (code(quoteBuy(state, params, { solIn: mid })) === "CURVE_SOLD_OUT") hi = mid;
      else lo = mid;
    }
    return quoteBuy(state, params, { solIn: lo });
  }

  const { virtualSol: vs, virtualTokens: vt } = CURVE_BOUNDS;
  const corners: CurveParams[] = [];
  for (const virtualSol of [vs.min, vs.max])
    for (const virtualTokens of [vt.min, vt.max])
      for (const curveTokens of [1n, virtualTokens - 1n < TOTAL_SUPPLY ? virtualTokens - 1n : TOTAL_SUPPLY])
        corners.push({ virtualSol, virtualTokens, curveTokens });

  it.each(corners)("GIVEN corner %o WHEN the biggest buy and then a sell of everything THEN all fits", (params) => {
    expect(validateCurveParams(params).ok).toBe(true);
    const buy = biggestBuy(curveStart(params), params);
    if (!buy.ok) {
      // curveTokens = 1 with a cheap token: the smallest buy already takes more than 1 base unit.
      expect(params.curveTokens).toBe(1n);
      expect(["CURVE_SOLD_OUT", "CURVE_AMOUNT_TOO_SMALL"]).toContain(buy.error.code);
      return;
    }
    expect(quoteFitsU64(buy.value)).toBe(true);
    expect(k(buy.value.after)).toBeLessThan(2n ** 128n);
    const sell = value(quoteSell(buy.value.after, params, { tokensIn: buy.value.tokens }));
    expect(quoteFitsU64(sell)).toBe(true);
    // Buying again with all the SOL there is, from the bought-out state, is refused, never overflowed.
    expect(code(quoteBuy(buy.value.after, params, { solIn: SOL_SUPPLY_BOUND }))).not.toBe("AMOUNT_OUT_OF_RANGE");
  });

  it("GIVEN the corner whose reserve grows most WHEN one buyer pays all the SOL there is THEN it fits", () => {
    // 10 000 SOL virtual, 1 000 tokens virtual, all but one base unit for sale: selling out would
    // need 10^22 lamports, so the whole SOL supply is accepted and the reserve reaches ~10^18.
    const params = { virtualSol: 10n ** 13n, virtualTokens: 10n ** 9n, curveTokens: 10n ** 9n - 1n };
    const buy = value(quoteBuy(curveStart(params), params, { solIn: SOL_SUPPLY_BOUND }));
    expect(buy.after.sol).toBe(10n ** 13n + SOL_SUPPLY_BOUND - (SOL_SUPPLY_BOUND * 25n) / 10_000n);
    expect(quoteFitsU64(buy)).toBe(true);
    expect(k(buy.after)).toBeLessThan(2n ** 128n);
    const sell = value(quoteSell(buy.after, params, { tokensIn: soldTokens(buy.after, params) }));
    expect(quoteFitsU64(sell)).toBe(true);
  });

  it("GIVEN any params in bounds WHEN buying with up to all the SOL there is THEN no quote leaves u64", () => {
    fc.assert(
      fc.property(paramsArb, logBig(1n, SOL_SUPPLY_BOUND), (params, solIn) => {
        const r = quoteBuy(curveStart(params), params, { solIn });
        if (r.ok) expect(quoteFitsU64(r.value)).toBe(true);
        else expect(r.error.code).not.toBe("AMOUNT_OUT_OF_RANGE");
      }),
      { numRuns: 2000 },
    );
  });

  it("a quote with an amount above u64 is caught by the check", () => {
    const q = value(quoteBuy(start, DEFAULT_CURVE, { solIn: SOL }));
    expect(quoteFitsU64(q)).toBe(true);
    expect(quoteFitsU64({ ...q, after: { ...q.after, sol: MAX_U64 + 1n } })).toBe(false);
  });
});
