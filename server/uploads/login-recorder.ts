// POST /api/recorder/login: a one-time code from the bot → a device token for this person.
import { z } from "zod";
import type { UploadRoutesDeps } from "./deps.js";
import { problem, type Reply } from "./http-io.js";
import { hashToken, newToken } from "../tokens.js";

export const LoginBody = z.strictObject({ code: z.string().trim().min(4).max(64) });

/** Pairs a recorder; UPLOAD_PAIRING_INVALID when the code is unknown, used or expired. */
export async function loginRecorder(deps: UploadRoutesDeps, body: z.output<typeof LoginBody>): Promise<Reply> {
  const paired = await deps.pairing.redeem(body.code);
  if (!paired)
    return problem(
      401,
      "UPLOAD_PAIRING_INVALID",
      "This code is unknown, already used or expired; ask the bot for a new one.",
    );
  const deviceToken = newToken("device");
  await deps.repo.createDevice({
    tokenHash: hashToken(deviceToken),
    accountId: paired.accountId,
    createdAt: deps.now(),
  });
  // The code was for a task the person just picked; if it closed meanwhile, pairing still stands.
  const task = await deps.catalog.task(paired.factoryId, paired.taskId);
  deps.logger.info({ accountId: paired.accountId }, "recorder paired");
  return {
    status: 200,
    body: {
      deviceToken,
      ...paired,
      factoryName: task?.factoryName ?? "",
      taskTitle: task?.taskTitle ?? "",
      taskPrompt: task?.taskPrompt ?? "",
    },
  };
}
