// Human time notations used by the flags: "10s", "30m", "1h30m", "1500ms" for durations and
// "mm:ss", "hh:mm:ss" or plain seconds (fractions allowed) for positions in a video.

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Parses "10s", "30m", "1h30m", "250ms" or a bare number of seconds; null when malformed. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1_000);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== trimmed) return null;
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT_MS[p[2] ?? "s"] ?? 0), 0));
}

/** Parses "00:10", "1:02:03.5" or "12.5" (seconds) into milliseconds; null when malformed. */
export function parseClock(text: string): number | null {
  const fields = text.trim().split(":");
  if (fields.length > 3 || fields.some((f) => !/^\d+(\.\d+)?$/.test(f))) return null;
  if (fields.slice(0, -1).some((f) => f.includes("."))) return null;
  const seconds = fields.reduce((total, f) => total * 60 + Number(f), 0);
  return Math.round(seconds * 1_000);
}

/** 75_500 → "01:15", 3_723_000 → "1:02:03". */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1_000));
  const h = Math.floor(total / 3_600);
  const m = Math.floor((total % 3_600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** A cut "00:10-00:25" as a half-open range of video milliseconds; null when malformed or empty. */
export function parseCut(text: string): { startMs: number; endMs: number } | null {
  const match = /^([^-]+)-([^-]+)$/.exec(text.trim());
  if (!match) return null;
  const startMs = parseClock(match[1] ?? "");
  const endMs = parseClock(match[2] ?? "");
  if (startMs === null || endMs === null || endMs <= startMs) return null;
  return { startMs, endMs };
}

/** 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}
