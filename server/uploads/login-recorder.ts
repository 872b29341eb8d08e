// POST /api/recorder/login: a one-time code from the bot → a device token for this person.
import { z } from "zod";
import type { UploadRoutesDeps } from "./deps.js";
import { problem, type Reply } from "./http-io.js";
import { hashToken, newToken } from "../tokens.js";

/** A device label as people will read it in the bot: no control or format characters, one line, short. */
export const DEVICE_LABEL_MAX = 48;
const DeviceLabel = z
  .string()
  .max(256)
  .transform((text) => {
    const clean = text
      .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, " ")
      .replace(/\s+/g, " ")
      .trim();
    return clean ? Array.from(clean).slice(0, DEVICE_LABEL_MAX).join("") : null;
  });

export const LoginBody = z.strictObject({
  code: z.string().trim().min(4).max(64),
  /** What the recorder runs on ("hostname (linux)"), shown in the bot's list of devices. */
  label: DeviceLabel.optional(),
});

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
    label: body.label ?? null,
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
