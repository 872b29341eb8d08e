const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Epoch milliseconds of an RFC 3339 date-time, or null. The offset is required (`Z` or
 * ±hh:mm: the original desktop app writes chrono's `to_rfc3339()` of local time, e.g.
 * `2025-08-18T13:51:37.719819+02:00`), fractional seconds may have 0 to 9 digits (kept to
 * the microsecond), and a leap second reads as :59. Date.parse is not used: its handling of
 * more than 3 fractional digits and of dates outside ISO's subset is implementation-defined.
 */
export function parseRfc3339(text: string): number | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
  if (new Date(utc).getUTCDate() !== day) return null;
  const fraction = m[7] ? Math.round(Number(`0.${m[7]}`) * 1e6) / 1e3 : 0;
  const offsetHours = Number(m[10] ?? 0);
  const offsetMinutes = Number(m[11] ?? 0);
  if (offsetHours > 23 || offsetMinutes > 59) return null;
  const offset = (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return utc + fraction - offset;
}
