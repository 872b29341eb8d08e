// A dataset exports port as the app's answers (app/datasets.ts), for the bots' edge tests: the
// owner sees the factory's exports; asking for one starts it (4 recordings, 25% built).
import type { DatasetsPort } from "../../bots/flows/datasets.js";
import type { DatasetExport } from "../../core/datasets/dataset-export.js";
import { fail } from "../../core/shared/errors.js";
import { ok } from "../../core/shared/result.js";

/** Exports as the app's port answers them: the owner sees them, one new export can be asked for. */
export function exportsOf(owner: () => string) {
  const asked: string[] = [];
  let latest: DatasetExport | null = null;
  const port: DatasetsPort = {
    getDatasetOverview: async ({ actor }) =>
      actor.accountId === owner() ? ok({ latest, newRecordings: latest ? 0 : 4 }) : fail("FACTORY_NOT_OWNER", {}),
    requestDatasetExport: async ({ actor, factoryId }) => {
      if (actor.accountId !== owner()) return fail("FACTORY_NOT_OWNER", {});
      asked.push(factoryId);
      const at = new Date();
      latest = {
        id: "exp-1",
        factoryId,
        sequence: 1,
        requestedBy: actor.accountId,
        status: "building",
        progress: 25,
        after: null,
        upTo: { at, id: "r4" },
        recordings: 4,
        steps: 0,
        storageKey: null,
        sizeBytes: null,
        error: null,
        createdAt: at,
        finishedAt: null,
      };
      return ok({ export: latest, created: true });
    },
    link: (id) => `https://forge.example/datasets/${id}?exp=1&sig=x`,
  };
  return { port, asked };
}
