import type { CoreDeps } from "../deps.js";
import type { Page } from "../ports/repositories.js";
import { read } from "../shared/read.js";
import type { Submission } from "./submission.js";

/** A farmer's submissions, newest first. */
export const listSubmissions = (deps: CoreDeps, farmerId: string, page: Page): Promise<Submission[]> =>
  read(deps.uow, (r) =>
    r.submissions.listByFarmer(farmerId, {
      offset: Math.max(0, page.offset),
      limit: Math.min(50, Math.max(1, page.limit)),
    }),
  );

/** One submission, or null. */
export const getSubmission = (deps: CoreDeps, submissionId: string): Promise<Submission | null> =>
  read(deps.uow, (r) => r.submissions.findById(submissionId));
