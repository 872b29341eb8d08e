// POST /api/uploads: opens an upload for one person, factory and task, with its own token.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { authorizeDevice } from "./authorize.js";
import { limitsOf, type UploadRoutesDeps } from "./deps.js";
import { problem, type Reply } from "./http-io.js";
import { hashToken, newToken } from "../tokens.js";

const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.:-]+$/, "letters, digits and _.:- only");
export const InitBody = z.strictObject({
  factoryId: Id,
  taskId: Id,
  size: z.number().int().positive(),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "a sha256 in hex")
    .transform((s) => s.toLowerCase()),
  fileName: z.string().max(255).optional(),
});

/**
 * Fails with UPLOAD_UNAUTHORIZED, UPLOAD_TOO_LARGE, UPLOAD_TASK_NOT_FOUND, UPLOAD_TASK_CLOSED or
 * UPLOAD_TOO_MANY_OPEN (a person cannot park unbounded storage in half-finished uploads).
 */
export async function initUpload(
  deps: UploadRoutesDeps,
  request: { authorization?: string; body: z.output<typeof InitBody> },
): Promise<Reply> {
  const device = await authorizeDevice(deps, request.authorization);
  if (!device.ok) return device.reply;
  const limits = limitsOf(deps);
  const { factoryId, taskId, size, sha256 } = request.body;
  if (size > limits.maxUploadBytes)
    return problem(413, "UPLOAD_TOO_LARGE", `The recording is ${size} bytes; at most ${limits.maxUploadBytes}.`);
  const task = await deps.catalog.task(factoryId, taskId);
  if (!task) return problem(404, "UPLOAD_TASK_NOT_FOUND", "There is no such task in this factory.");
  if (!task.open) return problem(409, "UPLOAD_TASK_CLOSED", "This task no longer accepts recordings.");
  if ((await deps.repo.countOpen(device.value.accountId, deps.now())) >= limits.maxOpenPerAccount)
    return problem(
      409,
      "UPLOAD_TOO_MANY_OPEN",
      `You already have ${limits.maxOpenPerAccount} uploads in progress: finish or cancel one first (forge upload resumes them).`,
    );
  const uploadToken = newToken("upload");
  const now = deps.now();
  const upload = {
    id: randomUUID(),
    accountId: device.value.accountId,
    factoryId,
    taskId,
    tokenHash: hashToken(uploadToken),
    size,
    sha256,
    chunkSize: limits.chunkSize,
    chunkCount: Math.ceil(size / limits.chunkSize),
    expiresAt: new Date(now.getTime() + limits.uploadTtlMs),
    createdAt: now,
  };
  await deps.repo.createUpload(upload);
  deps.logger.info({ uploadId: upload.id, accountId: upload.accountId, size }, "upload opened");
  const { id: uploadId, chunkSize, chunkCount, expiresAt } = upload;
  return { status: 201, body: { uploadId, uploadToken, chunkSize, chunkCount, expiresAt: expiresAt.toISOString() } };
}
