import { describe, expect, it } from "vitest";
import {
  datasetAction,
  datasetStep,
  exportNotice,
  datasetView,
  requestExport,
  type DatasetsPort,
} from "../../../bots/flows/datasets.js";
import type { Person } from "../../../bots/flows/deps.js";
import { createI18n } from "../../../bots/i18n.js";
import type { Account } from "../../../core/accounts/account.js";
import type { DatasetExport } from "../../../core/datasets/dataset-export.js";
import { fail } from "../../../core/shared/errors.js";
import { ok } from "../../../core/shared/result.js";

const i18n = createI18n();
const person = (locale: "en" | "es" = "en"): Person => ({
  account: { id: "carol" } as Account,
  locale,
  t: i18n.translator(locale),
  isAdmin: false,
});
const at = new Date("2026-12-01T00:00:00Z");
const exportOf = (overrides: Partial<DatasetExport>): DatasetExport => ({
  id: "exp-1",
  factoryId: "f1",
  sequence: 1,
  requestedBy: "carol",
  status: "ready",
  progress: 100,
  after: null,
  upTo: { at, id: "r9" },
  recordings: 12,
  steps: 340,
  storageKey: "datasets/f1/exp-1.zip",
  sizeBytes: 5 * 1_048_576,
  error: null,
  createdAt: at,
  finishedAt: at,
  ...overrides,
});

function port(latest: DatasetExport | null, newRecordings: number, publicUrl: string | null = "https://forge.example") {
  const asked: string[] = [];
  const p: DatasetsPort = {
    getDatasetOverview: async ({ actor }) =>
      actor.accountId === "carol" ? ok({ latest, newRecordings }) : fail("FACTORY_NOT_OWNER", {}),
    requestDatasetExport: async ({ factoryId }) => {
      asked.push(factoryId);
      if (newRecordings === 0) return fail("DATASET_NOTHING_NEW", {});
      const e = exportOf({ id: "exp-2", sequence: 2, status: "queued", progress: 0, recordings: newRecordings });
      latest = e;
      return ok({ export: e, created: true });
    },
    link: (id) => (publicUrl ? `${publicUrl}/datasets/${id}?exp=1&sig=x` : null),
  };
  return { port: p, asked };
}

describe("the factory card's Dataset view", () => {
  it("GIVEN a ready export and 3 new paid recordings THEN its download link and an Export 3 new button", async () => {
    const view = await datasetView(port(exportOf({}), 3).port, person(), "f1");
    expect(view.text).toContain("Export 1 is ready: 12 recordings, 340 steps, 5.0 MB");
    expect(view.text).toContain("3 paid recordings are not in an export yet.");
    expect(view.buttons).toEqual([
      [{ label: "⬇️ Download export 1", url: "https://forge.example/datasets/exp-1?exp=1&sig=x" }],
      [{ label: "📦 Export 3 new", action: datasetAction("f1", "export") }],
    ]);
  });

  it("GIVEN an export being built THEN its progress and a Refresh button, no Export button", async () => {
    const view = await datasetView(port(exportOf({ status: "building", progress: 40 }), 5).port, person("es"), "f1");
    expect(view.text).toContain("40%");
    expect(view.buttons).toEqual([[{ label: "🔄 Actualizar", action: "dataset:f1:view" }]]);
  });

  it("GIVEN no public URL THEN the ready export says why there is no link", async () => {
    const view = await datasetView(port(exportOf({}), 0, null).port, person(), "f1");
    expect(view.text).toContain("PUBLIC_URL");
    expect(view.text).toContain("No recordings were paid since the last export");
    expect(view.buttons).toEqual([]);
  });

  it("GIVEN someone else's factory THEN the error, and nothing is shown", async () => {
    const view = await datasetView(
      port(exportOf({}), 3).port,
      { ...person(), account: { id: "mallory" } as Account },
      "f1",
    );
    expect(view.text).toBe("⚠️ Only the factory's owner can do that.");
  });

  it("GIVEN the Export button THEN the export starts, the notice says so and the view shows its progress", async () => {
    const { port: p, asked } = port(exportOf({}), 4);
    const shown = await requestExport(p, person(), "f1");
    expect(asked).toEqual(["f1"]);
    expect(shown.notice).toBe("Export 2 started: 4 recordings.");
    expect(shown.show[0]!.view.text).toContain("Export 2 is being built: 0% (4 recordings).");
  });

  it("GIVEN nothing new THEN the Export button answers with the reason and changes nothing", async () => {
    const shown = await requestExport(port(exportOf({}), 0).port, person(), "f1");
    expect(shown.notice).toContain("No recordings were paid since your last export");
  });

  it("GIVEN exports off (no DATASETS_SECRET) WHEN an old Dataset button is pressed THEN it says which setting turns them on", async () => {
    const shown = await datasetStep(undefined, person(), "f1", "export");
    expect(shown.show).toEqual([]);
    expect(shown.notice).toContain("DATASETS_SECRET");
  });

  it("GIVEN an export given up THEN its DM says so and that its recordings go in the next one; a ready one without PUBLIC_URL says why there is no link", () => {
    const t = i18n.translator("en");
    expect(exportNotice(exportOf({ status: "failed", recordings: 7 }), null)(t)).toEqual({
      text: "Export 1 could not be built. Its 7 recordings go in the next export.",
    });
    const noLink = exportNotice(exportOf({}), null)(t);
    expect(noLink.buttons).toBeUndefined();
    expect(noLink.text).toContain("PUBLIC_URL");
  });
});
