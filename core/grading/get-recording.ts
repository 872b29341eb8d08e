import type { CoreDeps } from "../deps.js";
import { read } from "../shared/read.js";
import type { Page } from "../ports/repositories.js";
import type { Recording } from "./recording.js";

/** One recording, or null. */
export const getRecording = (deps: CoreDeps, recordingId: string): Promise<Recording | null> =>
  read(deps.uow, (r) => r.recordings.findById(recordingId));

/** A farmer's recordings, newest first. */
export const listRecordings = (deps: CoreDeps, accountId: string, page: Page): Promise<Recording[]> =>
  read(deps.uow, (r) =>
    r.recordings.listByAccount(accountId, { offset: Math.max(0, page.offset), limit: Math.min(50, page.limit) }),
  );

/** Recordings whose grading has not finished for `olderThanMs` (a stalled or failed job). */
export const listStaleRecordings = (deps: CoreDeps, olderThanMs: number, limit = 100): Promise<Recording[]> =>
  read(deps.uow, (r) => r.recordings.listStale(new Date(deps.clock.now().getTime() - olderThanMs), limit));

/** Graded recordings whose farmer was not told the grade for `olderThanMs` (a message lost to a crash). */
export const listUntoldGrades = (deps: CoreDeps, olderThanMs: number, limit = 100): Promise<Recording[]> =>
  read(deps.uow, (r) => r.recordings.listUntold(new Date(deps.clock.now().getTime() - olderThanMs), limit));
