// The pictures beside /earnings, /commissions and a factory's Stats: chart specs (media/charts)
// built from the core's sums, in the person's language. Platform-neutral: both bots send the same
// picture; the text beside it always carries the numbers too, so the picture is never the only
// place a figure is said.
import type { EarningsHistory } from "../../core/insights/get-earnings-history.js";
import type { FactoryInsights } from "../../core/insights/get-factory-insights.js";
import { formatAmount } from "../../core/money/amount.js";
import type { TokenRegistry, TokenSymbol } from "../../core/money/tokens.js";
import {
  chartKey,
  chartPng,
  drawableText,
  type ChartSpec,
  type ChartTheme,
  type Panel,
} from "../../media/charts/index.js";
import type { Locale, Translate } from "../i18n.js";
import type { ViewImage } from "./view.js";

export interface ChartContext {
  readonly t: Translate;
  readonly locale: Locale;
  readonly tokens: TokenRegistry;
}

/** Rows in a per-referral panel: the top ones; the text lists everyone. */
const MAX_BARS = 8;

/** Base units as a number of whole tokens, for drawing (the text shows the exact amount). */
const toNumber = (tokens: TokenRegistry, token: TokenSymbol, units: bigint): number =>
  Number(formatAmount(units, tokens.get(token).decimals));

/**
 * A person's text (a name) for a chart: the charts' fonts draw Latin scripts only, and what they
 * cannot draw is left out; a name with no letter or digit left becomes `fallback`.
 */
export function chartText(text: string, fallback: string): string {
  const kept = drawableText(text);
  return /[\p{L}\p{N}]/u.test(kept) ? kept : fallback;
}

const base = (c: ChartContext, title: string, days: readonly string[], panels: Panel[]): ChartSpec => ({
  locale: c.locale,
  title,
  subtitle: c.t("chart-subtitle", { days: days.length }),
  days,
  panels,
  emptyText: c.t("chart-empty"),
});

/** Earned per day, one panel per token: what was paid out and what is still waiting. */
export function earningsChart(c: ChartContext, history: EarningsHistory): ChartSpec {
  const { t, tokens } = c;
  return base(
    c,
    t("chart-earnings-title"),
    history.days,
    history.tokens.map((h) => ({
      kind: "daily",
      title: t("chart-earnings-panel"),
      unit: h.token,
      series: [
        { name: t("chart-paid"), values: h.paid.map((u) => toNumber(tokens, h.token, u)) },
        { name: t("chart-waiting"), values: h.waiting.map((u) => toNumber(tokens, h.token, u)) },
      ],
    })),
  );
}

/** Commissions per day by token, and all-time per referral (the top ones) for each token. */
export function commissionsChart(
  c: ChartContext,
  history: EarningsHistory,
  byReferral: readonly { name: string; earned: Readonly<Record<string, bigint>> }[],
): ChartSpec {
  const { t, tokens } = c;
  const daily = history.tokens.map((h): Panel => ({
    kind: "daily",
    title: t("chart-commissions-daily"),
    unit: h.token,
    series: [
      { name: t("chart-paid"), values: h.paid.map((u) => toNumber(tokens, h.token, u)) },
      { name: t("chart-waiting"), values: h.waiting.map((u) => toNumber(tokens, h.token, u)) },
    ],
  }));
  const referralTokens = [...new Set(byReferral.flatMap((r) => Object.keys(r.earned)))] as TokenSymbol[];
  const perReferral = referralTokens.slice(0, 4 - Math.min(daily.length, 2)).map((token): Panel => ({
    kind: "bars",
    title: t("chart-commissions-referrals"),
    unit: token,
    rows: byReferral
      .filter((r) => (r.earned[token] ?? 0n) > 0n)
      .sort((a, b) => (b.earned[token]! > a.earned[token]! ? 1 : b.earned[token]! < a.earned[token]! ? -1 : 0))
      .slice(0, MAX_BARS)
      .map((r, i) => ({
        label: chartText(r.name, t("chart-person", { n: i + 1 })),
        value: toNumber(tokens, token, r.earned[token]!),
      })),
  }));
  return base(c, t("chart-commissions-title"), history.days, [...daily.slice(0, 2), ...perReferral]);
}

/** A factory's Stats: submissions per day, the score distribution and threshold, the pool's balance. */
export function factoryChart(c: ChartContext, insights: FactoryInsights): ChartSpec {
  const { t, tokens } = c;
  const f = insights.overview.factory;
  const s = insights.submissions;
  return base(c, chartText(f.name, t("chart-factory-untitled")), insights.days, [
    {
      kind: "daily",
      title: t("chart-submissions"),
      unit: "",
      series: [
        { name: t("chart-passed"), values: s.passed },
        { name: t("chart-failed"), values: s.failed },
        { name: t("chart-pending"), values: s.pending },
        { name: t("chart-released"), values: s.released },
      ],
    },
    {
      kind: "histogram",
      title: t("chart-scores"),
      bins: insights.scoreBins,
      threshold: insights.threshold,
      thresholdLabel: t("chart-threshold"),
    },
    {
      kind: "line",
      title: t("chart-pool"),
      unit: f.token,
      points: insights.pool.map((p) => ({ at: p.at.toISOString(), value: toNumber(tokens, f.token, p.units) })),
    },
  ]);
}

/** Charts in chat are drawn on their own opaque card, readable in a light or a dark chat. */
export const CHAT_CHART_THEME: ChartTheme = "light";

/**
 * A chart as a view's picture. Its key is the content's, so a chart already sent is sent again by
 * the platform's file id; the PNG is drawn only when it is needed (the first time).
 */
export function chartImage(spec: ChartSpec, name: string, alt: string): ViewImage {
  const key = chartKey(spec, CHAT_CHART_THEME);
  let png: Buffer | undefined;
  return {
    key,
    name,
    alt,
    get png() {
      return (png ??= chartPng(spec, CHAT_CHART_THEME).png);
    },
  };
}
