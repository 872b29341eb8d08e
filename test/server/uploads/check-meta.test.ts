// The upload's first look at meta.json: the original Forge app's meta passes (its pool_id names
// its own platform's pool, not ours), ours must name the factory it is uploaded to.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkMeta } from "../../../server/uploads/check-meta.js";

describe("checkMeta", () => {
  const work = mkdtempSync(join(tmpdir(), "forge-check-meta-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const write = (name: string, meta: unknown) => {
    const path = join(work, name);
    writeFileSync(path, typeof meta === "string" ? meta : JSON.stringify(meta));
    return path;
  };
  const desktop = readFileSync(new URL("../../fixtures/forge-app/meta.json", import.meta.url), "utf8");
  const ours = {
    id: "r1",
    timestamp: 1_764_000_000_000,
    duration: 12,
    primary_monitor: { width: 1280, height: 720 },
    quest: { title: "Sum a column", pool_id: "factory-1", task_id: "task-1" },
  };

  it("GIVEN the original app's meta.json (duration_seconds, its own pool id) THEN it passes for any factory", async () => {
    expect(JSON.parse(desktop)).toHaveProperty("duration_seconds");
    expect(await checkMeta(write("desktop.json", desktop), "factory-1")).toEqual({ ok: true });
  });

  it("GIVEN the original app's meta.json with a null quest THEN it passes", async () => {
    const meta = { ...JSON.parse(desktop), quest: null };
    expect(await checkMeta(write("desktop-null.json", meta), "factory-1")).toEqual({ ok: true });
  });

  it("GIVEN our recorder's meta.json for this factory THEN it passes; for another factory THEN a mismatch", async () => {
    expect(await checkMeta(write("ours.json", ours), "factory-1")).toEqual({ ok: true });
    expect(await checkMeta(write("ours.json", ours), "factory-2")).toMatchObject({
      ok: false,
      code: "ARCHIVE_META_MISMATCH",
    });
  });

  it("GIVEN a meta.json with neither duration nor duration_seconds, or with both THEN it is invalid, saying which", async () => {
    const { duration: _, ...none } = ours;
    const neither = await checkMeta(write("neither.json", none), "factory-1");
    expect(neither).toMatchObject({ ok: false, code: "ARCHIVE_META_INVALID" });
    expect(!neither.ok && neither.message).toContain("duration");
    const both = await checkMeta(write("both.json", { ...ours, duration_seconds: 12 }), "factory-1");
    expect(both).toMatchObject({ ok: false, code: "ARCHIVE_META_INVALID" });
  });
});
