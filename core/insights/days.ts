// Days for charts: UTC calendar days as "YYYY-MM-DD", the same in every process and language.

export const DAY_MS = 24 * 3600_000;

export const dayOf = (date: Date): string => date.toISOString().slice(0, 10);

/** The last `count` UTC days up to and including `now`'s, oldest first. */
export function lastDays(now: Date, count: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, i) => dayOf(new Date(today - (count - 1 - i) * DAY_MS)));
}

/** The first instant of the oldest of `days`. */
export const startOf = (days: readonly string[]): Date => new Date(`${days[0]}T00:00:00.000Z`);

/** One value per day of `days` from sparse (day, value) pairs; days without one get `zero`. */
export function perDay<T>(
  days: readonly string[],
  pairs: Iterable<readonly [string, T]>,
  zero: T,
  add: (a: T, b: T) => T,
): T[] {
  const at = new Map(days.map((d, i) => [d, i]));
  const out = days.map(() => zero);
  for (const [day, value] of pairs) {
    const i = at.get(day);
    if (i !== undefined) out[i] = add(out[i]!, value);
  }
  return out;
}
