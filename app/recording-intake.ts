// Where an unpacked recording enters the domain: its files are copied to storage under the
// recording's id (the upload id, so a retried completion changes nothing), its submission is
// accepted (reward held) and grading is queued. A refusal (limits, empty pool...) keeps nothing.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { Core } from "../core/index.js";
import type { RecordingSource } from "../core/grading/recording.js";
import type { BlobStorage } from "../server/uploads/storage.js";
import type { UploadIntake } from "../server/uploads/deps.js";
import { createI18n } from "../bots/i18n.js";

/** The files of a recording in storage (its video, event log and meta as uploaded). */
export const recordingKeys = (recordingId: string) => {
  const prefix = `recordings/${recordingId.toLowerCase()}/`;
  return {
    prefix,
    video: `${prefix}recording.mp4`,
    inputLog: `${prefix}input_log.jsonl`,
    meta: `${prefix}meta.json`,
    /** The steps the server extracted itself (never the client's): the training data. */
    sft: `${prefix}sft.json`,
  };
};

/** sha256 over the video's bytes then the event log's: the same recording has the same hash. */
async function contentHash(paths: readonly string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const path of paths) for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

const english = createI18n().translator("en");

export function recordingIntake(deps: {
  core: Core;
  storage: BlobStorage;
  enqueueGrading: (recordingId: string) => Promise<void>;
  source?: RecordingSource;
}): UploadIntake & { acceptFrom(source: RecordingSource): UploadIntake } {
  const make = (source: RecordingSource): UploadIntake => ({
    async accept(input) {
      const recordingId = input.uploadId;
      const keys = recordingKeys(recordingId);
      const existing = await deps.core.getRecording(recordingId);
      if (existing) {
        // A retried completion: the first may have failed to queue grading (the job id dedupes).
        await deps.enqueueGrading(recordingId);
        return { ok: true, recordingId };
      }
      await deps.storage.put(keys.video, createReadStream(input.files.video));
      await deps.storage.put(keys.inputLog, createReadStream(input.files.inputLog));
      await deps.storage.put(keys.meta, createReadStream(input.files.meta));
      const submitted = await deps.core.submitRecording({
        recordingId,
        accountId: input.accountId,
        factoryId: input.factoryId,
        taskId: input.taskId,
        source,
        storageKey: keys.prefix,
        contentHash: await contentHash([input.files.video, input.files.inputLog]),
      });
      if (!submitted.ok) {
        await deps.storage.deletePrefix(keys.prefix);
        const code = submitted.error.code;
        return { ok: false, code, message: english(`error-${code}`) };
      }
      await deps.enqueueGrading(recordingId);
      return { ok: true, recordingId };
    },
  });
  return { ...make(deps.source ?? "recorder"), acceptFrom: make };
}
