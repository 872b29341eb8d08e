// The grading worker: fetches a recording's files from storage, runs the Quality Agent and
// settles through the core, asks for a payout round, then has the farmer told the score, the
// breakdown, the reasons and where the payout stands (with one Appeal button). A regrade (after
// an appeal) does the same and reports what changed. Without ffmpeg/ffprobe nothing is graded
// or scored: the job fails at once, the farmer hears grading is delayed, and the recording waits
// for the maintenance sweep (requeueGrading) to queue it again once the tools run.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { UnrecoverableError } from "bullmq";
import type { Recording } from "../core/grading/recording.js";
import type { Core } from "../core/index.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import { GradingWaitsForTools } from "../jobs/grade-recordings.js";
import type { LlmJudge } from "../llm/judge.js";
import { MediaToolError } from "../media/index.js";
import type { BlobStorage } from "../server/uploads/storage.js";
import { analyzeRecording, type Analysis } from "./analyze-recording.js";
import type { Logger } from "./logger.js";
import { INSTALL_FFMPEG, toolList, type Media, type MediaTools } from "./media.js";
import { recordingKeys } from "./recording-intake.js";

/** Tells the farmer a grade once (bots/notices/money-notices.ts), or defers until its payout has a link. */
export interface GradeTeller {
  grade(recordingId: string, options?: { topUpRefused?: string }): Promise<unknown>;
  /** Grading cannot run yet (no video tools): the farmer hears it is delayed, once per grade. */
  gradingDelayed(recordingId: string, options: { regrade: boolean }): Promise<unknown>;
}

/** How a grading job ended: the label of forge_grading_duration_seconds. */
export type GradingOutcome = "graded" | "rejected" | "regraded" | "replayed" | "waiting_for_tools" | "failed";

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
  /** The video tools' (cached) check: no job downloads anything while they are missing. */
  readonly tools?: Pick<MediaTools, "check" | "forget">;
  /** Called once per job with how it ended and how long it took, in seconds (the duration metric). */
  readonly onGraded?: (outcome: GradingOutcome, seconds: number) => void;
}

type Loaded = { recording: Recording; task: { title: string; prompt: string; app: string | null } };
type Done = { score: number; outcome: GradingOutcome };

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

  async function load(recordingId: string): Promise<Loaded> {
    const recording = await deps.core.getRecording(recordingId);
    if (!recording) throw new UnrecoverableError(`recording ${recordingId} not found`);
    const overview = await deps.core.getFactoryOverview(recording.factoryId);
    if (!overview.ok) throw new UnrecoverableError(`factory ${recording.factoryId} not found`);
    const task = overview.value.factory.tasks.find((t) => t.id === recording.taskId);
    if (!task) throw new UnrecoverableError(`task ${recording.taskId} not found`);
    return { recording, task: { title: task.title, prompt: task.prompt, app: task.app } };
  }

  /** Graded already (a retried or duplicated job): makes sure it settled and the farmer was told. */
  async function replay(recording: Recording): Promise<Done> {
    const outcome = await deps.core.gradeRecording({
      recordingId: recording.id,
      grade: recording.grade!,
      fingerprint: { minhash: [], keyframes: [] },
    });
    if (!outcome.ok) throw new UnrecoverableError(outcome.error.code);
    await deps.owed?.();
    await deps.notices?.grade(recording.id);
    return { score: recording.grade!.score, outcome: "replayed" };
  }

  /**
   * The tools a failure shows missing, or null when it is another failure. A tool that would not
   * start is checked again at once: gone (uninstalled, PATH changed) or a passing hiccup.
   */
  async function missingTools(error: unknown): Promise<readonly string[] | null> {
    if (!(error instanceof MediaToolError) || (error.code !== "FFMPEG_MISSING" && error.code !== "FFMPEG_FAILED"))
      return null;
    deps.tools?.forget();
    const report = await deps.tools?.check();
    if (report && !report.ok) return report.missing;
    return error.code === "FFMPEG_MISSING" ? [error.tool ?? "ffmpeg"] : null;
  }

  /** Tells the farmer (once) that grading is delayed, then fails the job without retries. */
  async function waitForTools(recording: Recording, regrade: boolean, missing: readonly string[]): Promise<never> {
    await deps.notices?.gradingDelayed(recording.id, { regrade });
    throw new GradingWaitsForTools(recording.id, toolList(missing), INSTALL_FFMPEG);
  }

  /** Downloads the files into a scratch folder, analyses them and stores the steps; the folder goes. */
  async function analyze({ recording, task }: Loaded, regrade: boolean): Promise<Analysis> {
    const before = await deps.tools?.check();
    if (before && !before.ok) await waitForTools(recording, regrade, before.missing);
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
        task,
        framesDir: join(dir, "frames"),
      });
      await storeSteps(recording.id, task.title, analysis);
      return analysis;
    } catch (error) {
      const missing = await missingTools(error);
      if (missing) await waitForTools(recording, regrade, missing);
      throw error;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async function settleRegrade(recording: Recording, analysis: Analysis): Promise<Done> {
    const outcome = await deps.core.regradeRecording({ recordingId: recording.id, grade: analysis.grade });
    if (!outcome.ok) throw new UnrecoverableError(outcome.error.code);
    const { recording: after, topUp, topUpError } = outcome.value;
    if (topUp) await deps.owed?.();
    // Told once per grade: a retried job finds the farmer told after the regrade.
    await deps.notices?.grade(recording.id, { topUpRefused: topUpError?.code });
    return { score: after.grade!.score, outcome: "regraded" };
  }

  async function settleGrade(recording: Recording, analysis: Analysis): Promise<Done> {
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
    return { score: graded.grade!.score, outcome: graded.status === "rejected" ? "rejected" : "graded" };
  }

  async function run(job: { recordingId: string; regrade: boolean }): Promise<Done> {
    const loaded = await load(job.recordingId);
    if (!job.regrade && loaded.recording.status !== "processing") return replay(loaded.recording);
    const analysis = await analyze(loaded, job.regrade);
    return job.regrade ? settleRegrade(loaded.recording, analysis) : settleGrade(loaded.recording, analysis);
  }

  return async function grade(job: { recordingId: string; regrade: boolean }): Promise<{ score: number }> {
    const started = performance.now();
    let outcome: GradingOutcome = "failed";
    try {
      const done = await run(job);
      outcome = done.outcome;
      return { score: done.score };
    } catch (error) {
      if (error instanceof GradingWaitsForTools) outcome = "waiting_for_tools";
      throw error;
    } finally {
      deps.onGraded?.(outcome, (performance.now() - started) / 1000);
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

/**
 * Grading's part of the maintenance sweep: jobs that failed for want of the video tools are
 * queued again once this worker can run them, and recordings still ungraded after `staleMs`
 * (retries exhausted, or Redis lost the job) get their job back. Returns how many were queued.
 */
export async function requeueGrading(deps: {
  core: Pick<Core, "listStaleRecordings">;
  queue: { requeue(recordingId: string): Promise<void>; retryWaitingForTools(): Promise<number> };
  tools: Pick<MediaTools, "check">;
  staleMs: number;
}): Promise<number> {
  const back = (await deps.tools.check()).ok ? await deps.queue.retryWaitingForTools() : 0;
  const stale = await deps.core.listStaleRecordings(deps.staleMs);
  for (const recording of stale) await deps.queue.requeue(recording.id);
  return back + stale.length;
}
