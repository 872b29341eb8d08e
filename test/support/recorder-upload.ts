// A recording sent to a real server as the recorder sends it, through the recorder's own API
// client: `forge login <code>` pairs (the code comes from the bot), then the zip goes up in
// checksummed chunks and the upload is completed.
import { stat } from "node:fs/promises";
import { CompleteReply, ForgeApi, InitReply, LoginReply } from "../../recorder/upload/api-client.js";
import { readChunk, sha256File } from "../../recorder/upload/file-chunks.js";
import { sendChunk } from "../../recorder/upload/send-chunk.js";

/** Pairs with `code` and uploads `zip` for the task the code was given for. */
export async function uploadWithCode(
  server: string,
  input: { code: string; zip: string },
): Promise<{ recordingId: string; status: string }> {
  const api = new ForgeApi(server, fetch);
  const paired = await api.json(LoginReply, "POST", "api/recorder/login", { body: { code: input.code } });
  const size = (await stat(input.zip)).size;
  const opened = await api.json(InitReply, "POST", "api/uploads", {
    token: paired.deviceToken,
    body: { factoryId: paired.factoryId, taskId: paired.taskId, size, sha256: await sha256File(input.zip) },
  });
  const target = { uploadId: opened.uploadId, uploadToken: opened.uploadToken };
  for (let index = 0; index < opened.chunkCount; index++) {
    const bytes = await readChunk(input.zip, index, opened.chunkSize, size);
    await sendChunk(api, { ...target, index }, bytes, { attempts: 3, baseDelayMs: 200 });
  }
  return api.json(CompleteReply, "POST", `api/uploads/${opened.uploadId}/complete`, { token: opened.uploadToken });
}
