// A factory's ready dataset export, stored as a finished build leaves it (id `export-<factory>`,
// archive at `datasets/<factory>/1.zip`): for tests that need data to launch or download.
import type { Factory } from "../../core/factories/factory.js";
import type { Database } from "../../prisma/database.js";

export async function insertReadyExport(
  db: Database,
  f: Pick<Factory, "id" | "ownerId">,
): Promise<{ id: string; storageKey: string }> {
  const at = new Date("2026-12-01T00:00:00Z");
  const exported = { id: `export-${f.id}`, storageKey: `datasets/${f.id}/1.zip` };
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO dataset_export (id, factory_id, sequence, requested_by, status, progress, up_to_at, up_to_id,
       recordings, steps, storage_key, size_bytes, created_at, finished_at)
     VALUES ($1, $2, 1, $3, 'ready', 100, $4, 'rec-x', 3, 30, $5, 1000, $4, $4)`,
    exported.id,
    f.id,
    f.ownerId,
    at,
    exported.storageKey,
  );
  return exported;
}
