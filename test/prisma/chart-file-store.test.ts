// The bots' photo cache in Postgres (chart_file): what was put is got, a refused id is deleted,
// and processes storing one chart at once all succeed and leave one row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PhotoCache } from "../../bots/flows/deps.js";
import { chartFileStore, type ChartFileStore } from "../../prisma/repositories/chart-file-store.js";
import { openStore, postgresUrl, type StoreUnderTest } from "../support/databases.js";

describe.each(postgresUrl() ? (["pglite", "postgres"] as const) : (["pglite"] as const))(
  "chart file store on %s",
  (kind) => {
    let store: StoreUnderTest;
    let charts: PhotoCache & ChartFileStore;
    beforeAll(async () => {
      store = await openStore(kind);
      charts = chartFileStore(store.db!.query);
    });
    afterAll(() => store.close());

    it("GIVEN a chart's file id put under its key THEN it is got back, other keys are not, and a deleted key is gone", async () => {
      expect(await charts.get("telegram:1:aaa")).toBeUndefined();
      await charts.put("telegram:1:aaa", "file-1");
      expect(await charts.get("telegram:1:aaa")).toBe("file-1");
      expect(await charts.get("telegram:2:aaa")).toBeUndefined();
      await charts.delete("telegram:1:aaa");
      await charts.delete("telegram:1:aaa");
      expect(await charts.get("telegram:1:aaa")).toBeUndefined();
    });

    it("GIVEN ids stored before a time WHEN purged THEN only those are forgotten, and counted", async () => {
      await charts.put("telegram:1:old", "file-old");
      await store.db!.query(`UPDATE chart_file SET created_at = now() - interval '31 days' WHERE key = $1`, [
        "telegram:1:old",
      ]);
      await charts.put("telegram:1:fresh", "file-fresh");
      expect(await charts.purgeOlderThan(new Date(Date.now() - 30 * 24 * 3600_000))).toBe(1);
      expect(await charts.get("telegram:1:old")).toBeUndefined();
      expect(await charts.get("telegram:1:fresh")).toBe("file-fresh");
    });

    it("GIVEN a key put again THEN the newest file id is kept", async () => {
      await charts.put("telegram:1:bbb", "old");
      await charts.put("telegram:1:bbb", "new");
      expect(await charts.get("telegram:1:bbb")).toBe("new");
    });

    it("GIVEN eight processes storing one chart at once THEN none fails and one row holds one of their ids", async () => {
      const ids = Array.from({ length: 8 }, (_, i) => `upload-${i}`);
      const results = await Promise.allSettled(ids.map((id) => charts.put("telegram:1:ccc", id)));
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      const rows = await store.db!.query<{ file_id: string }>(`SELECT file_id FROM chart_file WHERE key = $1`, [
        "telegram:1:ccc",
      ]);
      expect(rows).toHaveLength(1);
      expect(ids).toContain(rows[0]!.file_id);
      expect(await charts.get("telegram:1:ccc")).toBe(rows[0]!.file_id);
    });
  },
);
