// The Quality Agent as the app composes it, for tests on real files: the intake a completed
// upload calls, and the grader with the farmer's notices going to a notifier the test reads.
import { expect } from "vitest";
import { createGrader } from "../../app/grading.js";
import { ffmpegMedia } from "../../app/media.js";
import { recordingIntake } from "../../app/recording-intake.js";
import { moneyNotices } from "../../bots/notices/money-notices.js";
import type { Notifier } from "../../bots/notices/notifier.js";
import type { Factory } from "../../core/factories/factory.js";
import type { LlmJudge } from "../../llm/judge.js";
import type { BlobStorage } from "../../server/uploads/storage.js";
import type { RecordingFiles } from "./recording-fixtures.js";
import type { scenario } from "./scenario.js";

type Scenario = ReturnType<typeof scenario>;

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

export function testGrader(
  s: Scenario,
  options: { storage: BlobStorage; notifier: Notifier; workDir: string; judge?: LlmJudge | null },
) {
  return createGrader({
    core: s.core,
    tokens: s.deps.tokens,
    storage: options.storage,
    media: ffmpegMedia,
    judge: options.judge ?? null,
    notices: moneyNotices({
      core: s.core,
      tokens: s.deps.tokens,
      notifier: options.notifier,
      explorer: (sig) => `https://explorer.solana.com/tx/${sig}`,
    }),
    logger: silent as never,
    workDir: options.workDir,
  });
}

/** The intake, as a completed upload calls it for the factory's first task: files to storage, submission accepted. */
export async function takeIn(
  s: Scenario,
  options: { storage: BlobStorage; workDir: string },
  input: { accountId: string; factory: Factory; uploadId: string; files: RecordingFiles },
): Promise<string> {
  const intake = recordingIntake({ core: s.core, storage: options.storage, enqueueGrading: async () => undefined });
  const accepted = await intake.accept({
    accountId: input.accountId,
    factoryId: input.factory.id,
    taskId: input.factory.tasks[0]!.id,
    uploadId: input.uploadId,
    files: input.files,
    workDir: options.workDir,
  });
  expect(accepted).toEqual({ ok: true, recordingId: input.uploadId });
  return input.uploadId;
}
