// Recordings in: the upload API's dependencies, and the same intake for archives sent to a bot.
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { isLive } from "../core/factories/factory.js";
import type { Core } from "../core/index.js";
import type { RecorderDevices } from "../core/ports/devices.js";
import { recordingMetaSchema } from "../core/recordings/meta.js";
import { prismaUploadRepository } from "../prisma/repositories/uploads.js";
import type { Database } from "../prisma/database.js";
import { deviceExpired } from "../server/uploads/authorize.js";
import { ingestArchive } from "../server/uploads/ingest-archive.js";
import { uploadRoutes } from "../server/uploads/routes.js";
import type { BlobStorage } from "../server/uploads/storage.js";
import type { RateLimiter } from "../server/rate-limit.js";
import type { UploadIntake } from "../server/uploads/deps.js";
import type { TelegramBotDeps } from "../bots/telegram/context.js";
import type { Logger } from "./logger.js";
import { postgresPairingCodes } from "./pairing.js";
import { cryptoIds } from "./runtime.js";

const MiB = 1024 * 1024;

export const taskCatalog = (core: Core) => ({
  async task(factoryId: string, taskId: string) {
    const overview = await core.getFactoryOverview(factoryId);
    if (!overview.ok) return null;
    const f = overview.value.factory;
    const task = f.tasks.find((t) => t.id === taskId);
    return task ? { factoryName: f.name, taskTitle: task.title, taskPrompt: task.prompt, open: isLive(f) } : null;
  },
});

export async function recordingUploadRoutes(options: {
  core: Core;
  rateLimit?: RateLimiter;
  db: Database;
  storage: BlobStorage;
  intake: UploadIntake;
  maxUploadMb: number;
  workDir: string;
  logger: Logger;
}) {
  await mkdir(options.workDir, { recursive: true });
  return uploadRoutes({
    repo: prismaUploadRepository(options.db.prisma),
    storage: options.storage,
    pairing: postgresPairingCodes(options.db),
    catalog: taskCatalog(options.core),
    intake: options.intake,
    rateLimit: options.rateLimit,
    limits: { maxUploadBytes: options.maxUploadMb * MiB },
    metaSchema: recordingMetaSchema,
    now: () => new Date(),
    workDir: options.workDir,
    logger: options.logger.child({ component: "uploads" }),
  });
}

/**
 * Archives sent to the Telegram bot: downloaded from the Bot API (size-capped while streaming,
 * whatever the message claimed), then the very path uploads take.
 */
export function telegramRecordings(options: {
  core: Core;
  token: string;
  apiRoot?: string;
  intake: UploadIntake;
  appeal: (recordingId: string) => Promise<void>;
  workDir: string;
  maxBytes: number;
}): NonNullable<TelegramBotDeps["recordings"]> {
  const apiRoot = options.apiRoot ?? "https://api.telegram.org";
  return {
    async fromChat(input) {
      await mkdir(options.workDir, { recursive: true });
      const dir = await mkdtemp(join(options.workDir, "chat-"));
      try {
        const file = await fetch(`${apiRoot}/bot${options.token}/getFile?file_id=${encodeURIComponent(input.fileId)}`, {
          signal: AbortSignal.timeout(30_000),
        });
        const info = (await file.json()) as { ok: boolean; result?: { file_path?: string } };
        if (!info.ok || !info.result?.file_path)
          return { ok: false, code: "UPLOAD_NOT_FOUND", message: "Telegram would not hand over that file." };
        const body = await fetch(`${apiRoot}/file/bot${options.token}/${info.result.file_path}`, {
          signal: AbortSignal.timeout(120_000),
        });
        if (!body.ok || !body.body)
          return { ok: false, code: "UPLOAD_NOT_FOUND", message: "Telegram would not hand over that file." };
        const zipPath = join(dir, "recording.zip");
        let seen = 0;
        const cap = new Transform({
          transform(chunk: Buffer, _enc, done) {
            seen += chunk.length;
            done(seen > options.maxBytes ? new Error("too large") : null, chunk);
          },
        });
        try {
          await pipeline(Readable.fromWeb(body.body as never), cap, createWriteStream(zipPath));
        } catch {
          return { ok: false, code: "UPLOAD_TOO_LARGE", message: "The file is larger than allowed." };
        }
        return await ingestArchive(
          { intake: options.intake, metaSchema: recordingMetaSchema, workDir: dir },
          {
            accountId: input.accountId,
            factoryId: input.factoryId,
            taskId: input.taskId,
            uploadId: cryptoIds.id(),
            zipPath,
          },
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async appeal(accountId, recordingId) {
      // Queued first (delayed, deduplicated by recording): a regrade job without an appeal is
      // refused by the core, whereas an appeal without its job would be used up for nothing.
      const recording = await options.core.getRecording(recordingId);
      if (!recording || recording.accountId !== accountId) return { ok: false, code: "RECORDING_NOT_FOUND" };
      if (recording.status !== "processing" && !recording.appealedAt) await options.appeal(recordingId);
      const appealed = await options.core.appealGrade({ recordingId, accountId });
      return appealed.ok ? { ok: true } : { ok: false, code: appealed.error.code };
    },
  };
}

/** The person's recorders for the bots' Devices list, on the upload API's device table. */
export function recorderDevices(db: Database, now: () => Date = () => new Date()): RecorderDevices {
  const repo = prismaUploadRepository(db.prisma);
  return {
    async list(accountId) {
      const at = now();
      return (await repo.listDevices(accountId)).map((d) => ({
        id: d.id,
        label: d.label,
        pairedAt: d.createdAt,
        lastUsedAt: d.lastUsedAt,
        expired: deviceExpired(d, at),
      }));
    },
    revoke: (accountId, deviceId) => repo.revokeDeviceById(accountId, deviceId, now()),
    revokeAll: (accountId) => repo.revokeAllDevices(accountId, now()),
  };
}
