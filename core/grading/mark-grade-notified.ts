import type { CoreDeps } from "../deps.js";
import { ok } from "../shared/result.js";

/**
 * Records that the farmer was told the latest grade. Until then a replayed grading job tells
 * them (again): at least once, never lost.
 */
export async function markGradeNotified(deps: CoreDeps, recordingId: string): Promise<void> {
  await deps.uow.run(async (r) => {
    const recording = await r.recordings.findById(recordingId);
    if (recording) await r.recordings.update({ ...recording, notifiedAt: deps.clock.now() });
    return ok(null);
  });
}
