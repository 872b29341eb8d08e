// Signed, expiring download links for dataset exports, through the real HTTP server.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatasetExport } from "../../core/datasets/dataset-export.js";
import { datasetLink } from "../../server/datasets-link.js";
import { datasetDownloadRoutes } from "../../server/datasets-route.js";
import { startHttpServer } from "../../server/http-server.js";
import { localDiskStorage } from "../../server/uploads/storage.js";

const SECRET = "route-test-secret-0123456789abcdef";
const NOW = new Date("2026-12-01T12:00:00.000Z");
const HOUR = 3_600_000;

const exportOf = (id: string, overrides: Partial<DatasetExport> = {}): DatasetExport => ({
  id,
  factoryId: "factory-1",
  sequence: 1,
  requestedBy: "carol",
  status: "ready",
  progress: 100,
  after: null,
  upTo: { at: NOW, id: "rec-1" },
  recordings: 1,
  steps: 3,
  storageKey: `datasets/factory-1/${id}.zip`,
  sizeBytes: 9,
  error: null,
  createdAt: NOW,
  finishedAt: NOW,
  ...overrides,
});

describe("GET /datasets/<exportId> with a signed link", () => {
  const work = mkdtempSync(join(tmpdir(), "forge-dataset-route-"));
  const storage = localDiskStorage(work);
  const exports = new Map([
    ["exp-a", exportOf("exp-a")],
    ["exp-b", exportOf("exp-b")],
    ["exp-building", exportOf("exp-building", { status: "building", storageKey: null })],
  ]);
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  const link = (exportId: string, expiresAt = new Date(NOW.getTime() + HOUR)) =>
    datasetLink({ publicUrl: server.url, secret: SECRET, exportId, expiresAt });

  beforeAll(async () => {
    await storage.put("datasets/factory-1/exp-a.zip", Buffer.from("zip-of-a!"));
    await storage.put("datasets/factory-1/exp-b.zip", Buffer.from("zip-of-b!"));
    server = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      checks: {},
      metrics: async () => ({ contentType: "text/plain", body: "" }),
      onError: () => undefined,
      routes: [
        datasetDownloadRoutes({
          secret: SECRET,
          storage,
          findExport: async (id) => exports.get(id) ?? null,
          now: () => NOW,
        }),
      ],
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("GIVEN a valid link THEN the export's zip is streamed as an attachment", async () => {
    const res = await fetch(link("exp-a"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="dataset-factory-1-export-1.zip"');
    expect(await res.text()).toBe("zip-of-a!");
  });

  it("GIVEN a tampered signature or expiry, or an expired link THEN 403 and nothing is sent", async () => {
    const good = new URL(link("exp-a"));
    const sig = good.searchParams.get("sig")!;
    const tamperedSig = new URL(good);
    tamperedSig.searchParams.set("sig", `${sig[0] === "A" ? "B" : "A"}${sig.slice(1)}`);
    const longer = new URL(good);
    longer.searchParams.set("exp", String(Number(good.searchParams.get("exp")) + 3600));
    const expired = link("exp-a", new Date(NOW.getTime() - 1000));
    const missing = new URL(good);
    missing.searchParams.delete("sig");
    for (const url of [tamperedSig, longer, expired, missing]) {
      const res = await fetch(url);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: "this download link is invalid or has expired" });
    }
  });

  it("GIVEN another export's signature THEN 403: a link opens only its own export", async () => {
    const forB = new URL(link("exp-b"));
    const onA = new URL(link("exp-a"));
    onA.searchParams.set("sig", forB.searchParams.get("sig")!);
    expect((await fetch(onA)).status).toBe(403);
    expect((await fetch(forB)).status).toBe(200);
  });

  it("GIVEN a valid link to an export not built yet THEN 404", async () => {
    const res = await fetch(link("exp-building"));
    expect(res.status).toBe(404);
  });
});
