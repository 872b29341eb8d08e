// Numbers and dates as the chart's locale writes them (Intl, dates in UTC). Intl formatters are
// slow to build, so each is built once per locale and kept.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => T): T {
  let formatter = cache.get(key);
  if (!formatter) cache.set(key, (formatter = build()));
  return formatter as T;
}

const numberFormat = (locale: string, kind: "compact" | "plain" | "small") =>
  cached(`n:${kind}:${locale}`, () =>
    kind === "compact"
      ? new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 })
      : kind === "plain"
        ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
        : new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 }),
  );

/** A value for an axis or a bar: 12.5K / 12,5 mil from ten thousand up, 0.0005 kept readable. */
export function formatNumber(value: number, locale: string): string {
  const size = Math.abs(value);
  const kind = size >= 10_000 ? "compact" : size >= 1 || size === 0 ? "plain" : "small";
  return numberFormat(locale, kind).format(value);
}

/** A day such as "Nov 5" (en) or "5 nov" (es) from "2026-11-05". */
export const formatDay = (day: string, locale: string): string =>
  cached(
    `d:${locale}`,
    () => new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }),
  ).format(Date.parse(`${day}T00:00:00Z`));

/** A moment on a time axis: its day, or its time of day when the axis spans less than two days. */
export const formatMoment = (ms: number, locale: string, shortSpan: boolean): string =>
  cached(`t:${shortSpan}:${locale}`, () =>
    shortSpan
      ? new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" })
      : new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }),
  ).format(ms);
