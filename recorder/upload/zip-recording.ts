import { createWriteStream } from "node:fs";
import { chmod, stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import { PRIVATE_FILE_MODE } from "../home/forge-home.js";
import { FILES, type RecordingPaths } from "../home/recording-files.js";

/** The archive's members, in order; sft.json is optional (the server re-processes anyway). */
const MEMBERS = [FILES.video, FILES.events, FILES.meta, FILES.sft] as const;

/**
 * Zips a recording folder into `paths.zip`. A fixed mtime keeps the bytes identical when the
 * same folder is zipped again, so a resumed upload still matches its checksum. The video is
 * stored (h264 does not compress further); the text files are deflated.
 */
export async function zipRecording(paths: RecordingPaths, mtime: Date): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const name of MEMBERS) {
    const path = `${paths.dir}/${name}`;
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) continue;
    zip.addFile(path, name, { mtime, mode: 0o100644, compress: name !== FILES.video });
  }
  zip.end();
  // Private like the recording it holds, also when an earlier zip was left with another mode.
  await pipeline(zip.outputStream, createWriteStream(paths.zip, { mode: PRIVATE_FILE_MODE }));
  await chmod(paths.zip, PRIVATE_FILE_MODE);
}
