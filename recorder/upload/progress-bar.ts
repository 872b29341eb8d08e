import { formatBytes } from "../cli/durations.js";

/** `[##########----------]  50%  1.0 MiB / 2.0 MiB` */
export function progressBar(done: number, total: number, width = 24): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * width);
  const percent = String(Math.floor(ratio * 100)).padStart(3, " ");
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${percent}%  ${formatBytes(done)} / ${formatBytes(total)}`;
}
