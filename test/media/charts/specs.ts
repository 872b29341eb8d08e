// Chart specs as the bots would build them (earnings, commissions, a factory's stats, nothing
// yet), in English and Spanish, with deterministic data: the golden tests and bench/charts.ts
// draw these.
import type { ChartSpec } from "../../../media/charts/index.js";

export type Locale = "en" | "es";

/** 30 days ending 2026-11-30. */
export const DAYS: readonly string[] = Array.from({ length: 30 }, (_, i) =>
  new Date(Date.UTC(2026, 10, 1 + i)).toISOString().slice(0, 10),
);

/** A small deterministic generator (mulberry32), so every run draws the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const series = (seed: number, scale: number, digits: number): number[] => {
  const next = random(seed);
  return DAYS.map((_, i) => (next() < 0.2 ? 0 : Number((next() * scale * (0.4 + i / 30)).toFixed(digits))));
};

const T = {
  en: {
    earnings: "Your earnings, last 30 days",
    perDay: "Earnings per day",
    paid: "Paid",
    waiting: "Waiting",
    subtitle: "Year 2026 · 30 days",
    commissions: "Commissions",
    commissionsPerDay: "Commissions per day",
    perReferral: "Per referral",
    factory: "Factory: Spreadsheet skills",
    submissions: "Submissions per day",
    accepted: "Accepted",
    rejected: "Rejected",
    pending: "Pending",
    scores: "Score distribution",
    threshold: "Threshold",
    pool: "Pool balance",
    empty: "Nothing yet",
  },
  es: {
    earnings: "Tus ganancias, últimos 30 días",
    perDay: "Ganancias por día",
    paid: "Pagado",
    waiting: "En espera",
    subtitle: "Año 2026 · 30 días",
    commissions: "Comisiones",
    commissionsPerDay: "Comisiones por día",
    perReferral: "Por referido",
    factory: "Fábrica: Habilidades en hojas de cálculo",
    submissions: "Envíos por día",
    accepted: "Aceptados",
    rejected: "Rechazados",
    pending: "Pendientes",
    scores: "Distribución de puntuaciones",
    threshold: "Umbral",
    pool: "Saldo del fondo",
    empty: "Nada todavía",
  },
} as const;

/** /earnings: two tokens, paid and waiting stacked per day. */
export function earningsSpec(locale: Locale): ChartSpec {
  const t = T[locale];
  return {
    locale,
    title: t.earnings,
    subtitle: t.subtitle,
    days: DAYS,
    emptyText: t.empty,
    panels: [
      {
        kind: "daily",
        title: t.perDay,
        unit: "USDC",
        series: [
          { name: t.paid, values: series(1, 40, 2) },
          { name: t.waiting, values: series(2, 12, 2) },
        ],
      },
      {
        kind: "daily",
        title: t.perDay,
        unit: "SOL",
        series: [
          { name: t.paid, values: series(3, 0.4, 4) },
          { name: t.waiting, values: series(4, 0.1, 4) },
        ],
      },
    ],
  };
}

/** /commissions: per day, and per referral. */
export function commissionsSpec(locale: Locale): ChartSpec {
  const t = T[locale];
  const names = [
    "@maría_datos",
    "@farmer_joe",
    "@ñandú",
    "@quality-queen",
    "@bot_builder_with_a_very_long_name",
    "@ana",
    "@lu",
  ];
  const next = random(7);
  return {
    locale,
    title: t.commissions,
    days: DAYS,
    emptyText: t.empty,
    panels: [
      { kind: "daily", title: t.commissionsPerDay, unit: "USDC", series: [{ name: t.paid, values: series(5, 6, 2) }] },
      {
        kind: "bars",
        title: t.perReferral,
        unit: "USDC",
        rows: names.map((label) => ({ label, value: Number((next() * 180).toFixed(2)) })),
      },
    ],
  };
}

/** A factory's Stats: submissions per day stacked, the score histogram, the pool's balance. */
export function factorySpec(locale: Locale): ChartSpec {
  const t = T[locale];
  const accepted = series(8, 30, 0);
  const next = random(9);
  let balance = 5_000;
  const points = DAYS.flatMap((day, i) => {
    balance = i === 12 ? balance + 3_000 : Math.max(0, balance - Math.round(next() * 300));
    return i % 2 === 0 ? [{ at: `${day}T12:00:00Z`, value: balance }] : [];
  });
  return {
    locale,
    title: t.factory,
    days: DAYS,
    emptyText: t.empty,
    panels: [
      {
        kind: "daily",
        title: t.submissions,
        unit: "",
        series: [
          { name: t.accepted, values: accepted },
          { name: t.rejected, values: series(10, 10, 0) },
          { name: t.pending, values: DAYS.map((_, i) => (i >= 27 ? 4 + i - 27 : 0)) },
        ],
      },
      {
        kind: "histogram",
        title: t.scores,
        bins: [2, 4, 9, 15, 22, 31, 48, 64, 41, 17],
        // Inside the 70-79 bin, which is drawn as neither passed nor below.
        threshold: 75,
        thresholdLabel: t.threshold,
      },
      { kind: "line", title: t.pool, unit: "USDC", points },
    ],
  };
}

/** Every kind of panel with no data at all. */
export function emptySpec(locale: Locale): ChartSpec {
  const t = T[locale];
  const zeros = DAYS.map(() => 0);
  return {
    locale,
    title: t.factory,
    days: DAYS,
    emptyText: t.empty,
    panels: [
      {
        kind: "daily",
        title: t.submissions,
        unit: "",
        series: [
          { name: t.accepted, values: zeros },
          { name: t.rejected, values: zeros },
        ],
      },
      { kind: "histogram", title: t.scores, bins: Array(10).fill(0), threshold: 70, thresholdLabel: t.threshold },
      { kind: "bars", title: t.perReferral, unit: "USDC", rows: [] },
      { kind: "line", title: t.pool, unit: "USDC", points: [] },
    ],
  };
}

export const GOLDEN_SPECS = {
  earnings: earningsSpec,
  commissions: commissionsSpec,
  factory: factorySpec,
  empty: emptySpec,
} as const;
