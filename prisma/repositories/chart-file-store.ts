// Charts already uploaded to a chat platform (the chart_file table): a picture's content key →
// the id the platform gave the file (Telegram's file_id). The bots' photo cache (PhotoCache in
// bots/flows/deps.ts), shared by every bot process. One statement per call, on the driver.
import type { SqlQuery } from "../direct-sql.js";

export interface ChartFileStore {
  get(key: string): Promise<string | undefined>;
  /** Keeps the newest id of a key; two processes storing one key at once both succeed. */
  put(key: string, fileId: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Forgets ids stored before `before` (a chart asked for again is uploaded once more); returns how many. */
  purgeOlderThan(before: Date): Promise<number>;
}

/** How long an uploaded chart's id is kept: unchanged data older than this is uploaded again. */
export const CHART_FILE_TTL_MS = 30 * 24 * 3600_000;

export function chartFileStore(query: SqlQuery): ChartFileStore {
  return {
    async get(key) {
      const rows = await query<{ file_id: string }>(`SELECT file_id FROM chart_file WHERE key = $1`, [key]);
      return rows[0]?.file_id;
    },
    async put(key, fileId) {
      await query(
        `INSERT INTO chart_file (key, file_id, created_at) VALUES ($1, $2, now())
         ON CONFLICT (key) DO UPDATE SET file_id = EXCLUDED.file_id, created_at = now()`,
        [key, fileId],
      );
    },
    async delete(key) {
      await query(`DELETE FROM chart_file WHERE key = $1`, [key]);
    },
    async purgeOlderThan(before) {
      const rows = await query<{ key: string }>(`DELETE FROM chart_file WHERE created_at < $1 RETURNING key`, [before]);
      return rows.length;
    },
  };
}
