import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** sha256 hex over the bytes of each file in order (recording.mp4 then input_log.jsonl). */
export async function hashFiles(paths: readonly string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const path of paths) {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  }
  return hash.digest("hex");
}
