// The one path every recording archive takes into the system, whether it came through the upload
// API or was sent to a bot as a document: unpack safely, check meta, hand over to the intake.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { checkMeta } from "./check-meta.js";
import { limitsOf, type IntakeResult, type UploadRoutesDeps } from "./deps.js";
import { inspectArchive } from "./safe-unzip.js";

export type IngestDeps = Pick<UploadRoutesDeps, "intake" | "limits" | "metaSchema" | "workDir">;

/**
 * Unpacks `zipPath` into a fresh folder under `workDir`, validates it and calls the intake;
 * the folder is removed afterwards whatever happens. Fails with the ARCHIVE_* codes of
 * inspectArchive and checkMeta, or the intake's own codes.
 */
export async function ingestArchive(
  deps: IngestDeps,
  input: { accountId: string; factoryId: string; taskId: string; uploadId: string; zipPath: string },
): Promise<IntakeResult> {
  await mkdir(deps.workDir, { recursive: true });
  const dir = await mkdtemp(join(deps.workDir, "ingest-"));
  try {
    const unpacked = await inspectArchive(input.zipPath, join(dir, "files"), limitsOf(deps).archive);
    if (!unpacked.ok) return unpacked;
    const meta = await checkMeta(unpacked.value.files.meta, input.factoryId, deps.metaSchema);
    if (!meta.ok) return meta;
    const { zipPath: _zip, ...rest } = input;
    return await deps.intake.accept({ ...rest, files: unpacked.value.files, workDir: dir });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
