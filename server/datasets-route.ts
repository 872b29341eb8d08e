// `GET /datasets/<exportId>?exp=&sig=`: streams a ready export's zip from blob storage to
// whoever holds an unexpired signed link (server/datasets-link.ts). Anything else is refused
// with the same 403, so a guessed id learns nothing.
import { z } from "zod";
import type { DatasetExport } from "../core/datasets/dataset-export.js";
import { DATASET_LINK_PATH, verifyDatasetLink } from "./datasets-link.js";
import type { HttpRoutes } from "./http-server.js";
import type { ZodTypeProvider } from "./http/zod-schemas.js";
import type { BlobStorage } from "./uploads/storage.js";

const params = z.object({ exportId: z.string().min(1).max(128) });
const query = z.object({
  exp: z.coerce.number().int().min(0).max(1e11),
  sig: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
});

export interface DatasetDownloadOptions {
  readonly secret: string;
  readonly storage: BlobStorage;
  readonly findExport: (exportId: string) => Promise<DatasetExport | null>;
  readonly now?: () => Date;
}

export function datasetDownloadRoutes(options: DatasetDownloadOptions): HttpRoutes {
  const now = options.now ?? (() => new Date());
  return async (app) => {
    app.setErrorHandler((error, _request, reply) => {
      if ((error as { statusCode?: number }).statusCode === 400)
        return reply.code(403).send({ error: "this download link is invalid or has expired" });
      throw error;
    });
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(`${DATASET_LINK_PATH}/:exportId`, { schema: { params, querystring: query } }, async (request, reply) => {
        const { exportId } = request.params;
        const { exp, sig } = request.query;
        if (!verifyDatasetLink(options.secret, { exportId, exp, sig }, now()))
          return reply.code(403).send({ error: "this download link is invalid or has expired" });
        const found = await options.findExport(exportId);
        const key = found?.status === "ready" ? found.storageKey : null;
        const size = key ? await options.storage.stat(key) : null;
        const body = key && size ? await options.storage.get(key) : null;
        if (!found || !body || !size) return reply.code(404).send({ error: "this export is not available" });
        const name = `dataset-${found.factoryId}-export-${found.sequence}.zip`.replace(/[^A-Za-z0-9._-]/g, "_");
        return reply
          .headers({
            "content-type": "application/zip",
            "content-length": size.size,
            "content-disposition": `attachment; filename="${name}"`,
            "cache-control": "private, no-store",
          })
          .send(body);
      });
  };
}
