// Everything a grade's message says, loaded from the core: the factory and task, the terms the
// submission was accepted under, what the grade earned and where that money stands now. The
// DM after grading and /history's "open grade" both render it, so they always agree.
import type { Core } from "../../core/index.js";
import type { Recording } from "../../core/grading/recording.js";
import type { Payout } from "../../core/payouts/payout.js";
import { TOP_UP_SUFFIX } from "../../core/submissions/submission.js";
import type { GradeNoticeInput } from "../views/grade.js";

export type GradeCore = Pick<
  Core,
  "getRecording" | "getFactoryOverview" | "getSubmission" | "listSubmissionPayouts" | "getPayoutOutlook"
>;

export interface LoadedGrade {
  readonly recording: Recording;
  readonly input: GradeNoticeInput;
  /** The farmer payout the message speaks about (the top-up after a higher regrade). */
  readonly payout: Payout | null;
}

const farmerPayout = async (core: GradeCore, submissionId: string) =>
  (await core.listSubmissionPayouts(submissionId)).find((p) => p.role === "farmer") ?? null;

export async function loadGradeNotice(
  core: GradeCore,
  explorer: (signature: string) => string,
  recordingId: string,
  extra: { topUpRefused?: string } = {},
): Promise<LoadedGrade | null> {
  const recording = await core.getRecording(recordingId);
  if (!recording?.grade) return null;
  const overview = await core.getFactoryOverview(recording.factoryId);
  if (!overview.ok) return null;
  const factory = overview.value.factory;
  const submission = await core.getSubmission(recording.submissionId);
  const original = await farmerPayout(core, recording.submissionId);
  const topUp = recording.firstGrade ? await farmerPayout(core, `${recording.submissionId}${TOP_UP_SUFFIX}`) : null;
  const payout = recording.firstGrade ? (topUp ?? (extra.topUpRefused ? null : original)) : original;
  return {
    recording,
    payout,
    input: {
      factoryName: factory.name,
      taskTitle: factory.tasks.find((t) => t.id === recording.taskId)?.title ?? "?",
      token: submission?.token ?? factory.token,
      threshold: submission?.threshold ?? factory.threshold,
      grade: recording.grade,
      earned: payout?.units ?? 0n,
      payout: payout ? await core.getPayoutOutlook(payout.id) : null,
      explorer,
      before: recording.firstGrade ?? undefined,
      topUpRefused: extra.topUpRefused,
    },
  };
}

/** The recording a (possibly top-up) submission belongs to: the same id without the suffix. */
export const recordingOfSubmission = (submissionId: string): string =>
  submissionId.endsWith(TOP_UP_SUFFIX) ? submissionId.slice(0, -TOP_UP_SUFFIX.length) : submissionId;
