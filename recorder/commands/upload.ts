import { rm, stat, writeFile } from "node:fs/promises";
import { CliError, environmentError, userError } from "../cli/cli-error.js";
import type { Context } from "../cli/context.js";
import type { Command } from "../cli/parse-command.js";
import { DEFAULT_SERVER, loadConfig } from "../home/forge-home.js";
import { loadRecording, type LoadedRecording } from "../home/recording-files.js";
import {
  ApiRejection,
  CompleteReply,
  describeRejection,
  ForgeApi,
  InitReply,
  StatusReply,
} from "../upload/api-client.js";
import { missingChunks, readChunk, sha256File } from "../upload/file-chunks.js";
import { progressBar } from "../upload/progress-bar.js";
import { DEFAULT_RETRY, sendChunk, type RetryPolicy } from "../upload/send-chunk.js";
import { clearUploadState, readUploadState, writeUploadState, type UploadState } from "../upload/upload-state.js";
import { zipRecording } from "../upload/zip-recording.js";

/**
 * `forge upload <id>`: zips the recording, opens an upload, sends the missing chunks with
 * checksums and completes it. The upload id and token are saved first, so after a dropped
 * connection the same command asks the server what it has and sends only the rest.
 */
export async function upload(
  command: Extract<Command, { command: "upload" }>,
  ctx: Context,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<void> {
  const recording = await loadRecording(ctx.home, command.id);
  const config = await loadConfig(ctx.home);
  if (!config?.deviceToken) throw userError("This recorder is not paired yet: run forge login <code> first");
  const api = new ForgeApi(config.server || DEFAULT_SERVER, ctx.fetch);
  try {
    const { state, received } =
      (await resumable(api, recording)) ?? (await openUpload(api, recording, config.deviceToken));
    const missing = missingChunks(state.chunkCount, received);
    if (received.length > 0)
      ctx.io.err(`Resuming: ${received.length}/${state.chunkCount} chunks already on the server`);
    let sent = state.size - missing.reduce((sum, i) => sum + chunkLength(state, i), 0);
    ctx.io.status(progressBar(sent, state.size));
    for (const index of missing) {
      const bytes = await readChunk(recording.paths.zip, index, state.chunkSize, state.size);
      await sendChunk(api, { uploadId: state.uploadId, uploadToken: state.uploadToken, index }, bytes, retry).catch(
        (error: unknown) => {
          throw error instanceof CliError
            ? environmentError(
                `Upload interrupted (${error.message}). Run forge upload ${recording.id} again to resume.`,
                error,
              )
            : error;
        },
      );
      sent += bytes.length;
      ctx.io.status(progressBar(sent, state.size));
    }
    ctx.io.status(progressBar(state.size, state.size), true);
    const done = await api.json(CompleteReply, "POST", `api/uploads/${encodeURIComponent(state.uploadId)}/complete`, {
      token: state.uploadToken,
    });
    await writeFile(recording.paths.uploaded, `${JSON.stringify({ ...done, uploadedAt: new Date().toISOString() })}\n`);
    await clearUploadState(recording.paths.uploadState);
    await rm(recording.paths.zip, { force: true });
    ctx.io.out(
      `Uploaded ${recording.id}: recording ${done.recordingId} ${done.status}. Your score arrives in the chat.`,
    );
  } catch (error) {
    if (!(error instanceof ApiRejection)) throw error;
    // A refusal ends this upload: the token is spent or invalid, so a re-run starts over.
    if (error.status !== 408 && error.status !== 429) await clearUploadState(recording.paths.uploadState);
    throw describeRejection(error);
  }
}

const chunkLength = (state: UploadState, index: number) =>
  Math.max(0, Math.min(state.chunkSize, state.size - index * state.chunkSize));

/** The saved upload, if its zip is intact and the server still has it open. */
async function resumable(
  api: ForgeApi,
  recording: LoadedRecording,
): Promise<{ state: UploadState; received: number[] } | null> {
  const state = await readUploadState(recording.paths.uploadState);
  if (!state) return null;
  const zip = await stat(recording.paths.zip).catch(() => null);
  if (!zip || zip.size !== state.size || (await sha256File(recording.paths.zip)) !== state.sha256) return null;
  try {
    const status = await api.json(StatusReply, "GET", `api/uploads/${encodeURIComponent(state.uploadId)}`, {
      token: state.uploadToken,
    });
    if (status.status !== "open") return null;
    return { state, received: status.received };
  } catch (error) {
    if (error instanceof ApiRejection) return null; // expired or unknown: start a new upload
    throw error;
  }
}

async function openUpload(
  api: ForgeApi,
  recording: LoadedRecording,
  deviceToken: string,
): Promise<{ state: UploadState; received: number[] }> {
  const stamp = new Date(recording.meta.timestamp);
  await zipRecording(recording.paths, Number.isNaN(stamp.getTime()) ? new Date(0) : stamp);
  const size = (await stat(recording.paths.zip)).size;
  const sha256 = await sha256File(recording.paths.zip);
  const init = await api.json(InitReply, "POST", "api/uploads", {
    token: deviceToken,
    body: {
      factoryId: recording.meta.quest.pool_id,
      taskId: recording.meta.quest.task_id,
      size,
      sha256,
      fileName: `${recording.id}.zip`,
    },
  });
  const state: UploadState = { ...init, size, sha256 };
  await writeUploadState(recording.paths.uploadState, state);
  return { state, received: [] };
}
