// The grading worker: fetches a recording's files from storage, runs the Quality Agent and
// settles through the core, asks for a payout round, then has the farmer told the score, the
// breakdown, the reasons and where the payout stands (with one Appeal button). A regrade (after
// an appeal) does the same and reports what changed.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { UnrecoverableError } from "bullmq";
import type { Core } from "../core/index.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import type { LlmJudge } from "../llm/judge.js";
import type { BlobStorage } from "../server/uploads/storage.js";
import { analyzeRecording, type Analysis } from "./analyze-recording.js";
import type { Logger } from "./logger.js";
import type { Media } from "./media.js";
import { recordingKeys } from "./recording-intake.js";

/** Tells the farmer a grade once (bots/notices/money-notices.ts), or defers until its payout has a link. */
export interface GradeTeller {
  grade(recordingId: string, options?: { topUpRefused?: string }): Promise<unknown>;
}

export interface GraderDeps {
  readonly core: Core;
  readonly tokens: TokenRegistry;
  readonly storage: BlobStorage;
  readonly media: Media;
  readonly judge: LlmJudge | null;
  readonly notices: GradeTeller | null;
  /** Called after a settlement made money owed: asks the payout worker for a round. */
  readonly owed?: () => Promise<void>;
  readonly logger: Logger;
  /** Scratch space for downloaded files; each job's folder is removed afterwards. */
  readonly workDir?: string;
}

export function createGrader(deps: GraderDeps) {
  async function download(recordingId: string, dir: string) {
    const keys = recordingKeys(recordingId);
    const files = {
      video: join(dir, "recording.mp4"),
      inputLog: join(dir, "input_log.jsonl"),
      meta: join(dir, "meta.json"),
    };
    for (const name of ["video", "inputLog", "meta"] as const) {
      const body = await deps.storage.get(keys[name]);
      if (!body) throw new UnrecoverableError(`recording ${recordingId}: ${name} missing from storage`);
      await pipeline(body, createWriteStream(files[name]));
    }
    return files;
  }

  return async function grade(job: { recordingId: string; regrade: boolean }): Promise<{ score: number }> {
    const recording = await deps.core.getRecording(job.recordingId);
    if (!recording) throw new UnrecoverableError(`recording ${job.recordingId} not found`);
    const overview = await deps.core.getFactoryOverview(recording.factoryId);
    if (!overview.ok) throw new UnrecoverableError(`factory ${recording.factoryId} not found`);
    const factory = overview.value.factory;
    const task = factory.tasks.find((t) => t.id === recording.taskId);
    if (!task) throw new UnrecoverableError(`task ${recording.taskId} not found`);
    if (!job.regrade && recording.status !== "processing") {
      // Graded already (a retried or duplicated job): make sure it settled and the farmer was told.
      const outcome = await deps.core.gradeRecording({
        recordingId: recording.id,
        grade: recording.grade!,
        fingerprint: { minhash: [], keyframes: [] },
      });
      if (!outcome.ok) throw new UnrecoverableError(outcome.error.code);
      await deps.owed?.();
      await deps.notices?.grade(recording.id);
      return { score: recording.grade!.score };
    }
    const scratch = deps.workDir ?? tmpdir();
    await mkdir(scratch, { recursive: true });
    const dir = await mkdtemp(join(scratch, "grade-"));
    try {
      const files = await download(recording.id, dir);
      await mkdir(join(dir, "frames"));
      const analysis = await analyzeRecording({
        core: deps.core,
        media: deps.media,
        judge: deps.judge,
        files,
        recording,
        task: { title: task.title, prompt: task.prompt, app: task.app },
        framesDir: join(dir, "frames"),
      });
      await storeSteps(recording.id, task.title, analysis);
      if (job.regrade) {
        const outcome = await deps.core.regradeRecording({ recordingId: recording.id, grade: analysis.grade });
        if (!outcome.ok) throw new UnrecoverableError(outcome.error.code);
        const { recording: after, topUp, topUpError } = outcome.value;
        if (topUp) await deps.owed?.();
        // Told once per grade: a retried job finds the farmer told after the regrade.
        await deps.notices?.grade(recording.id, { topUpRefused: topUpError?.code });
        return { score: after.grade!.score };
      }
      const outcome = await deps.core.gradeRecording({
        recordingId: recording.id,
        grade: analysis.grade,
        fingerprint: analysis.fingerprint,
      });
      if (!outcome.ok) throw new UnrecoverableError(outcome.error.code);
      const { recording: graded, settlement, replayed } = outcome.value;
      if (settlement?.payouts.length) await deps.owed?.();
      await deps.notices?.grade(graded.id);
      deps.logger.info({ recordingId: recording.id, score: graded.grade!.score, replayed }, "recording graded");
      return { score: graded.grade!.score };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  /** The training data: the server's own steps, each with the keyframe shown before it. */
  async function storeSteps(recordingId: string, taskTitle: string, analysis: Analysis) {
    const keys = recordingKeys(recordingId);
    const names = new Map<string, string>();
    for (const path of analysis.keyframes)
      if (path && !names.has(path)) {
        const name = `${keys.prefix}frames/${basename(path)}`;
        await deps.storage.put(name, createReadStream(path));
        names.set(path, name);
      }
    const steps = analysis.actions.map((action, i) => {
      const frame = analysis.keyframes[i];
      return { ...action, keyframe: frame ? names.get(frame) : null };
    });
    await deps.storage.put(
      keys.sft,
      Buffer.from(JSON.stringify({ recording_id: recordingId, task: taskTitle, steps }, null, 1)),
    );
  }
}
