import { spawnSync } from "node:child_process";
import { chmod, lstat, mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { list } from "../../../recorder/commands/list.js";
import { saveConfig } from "../../../recorder/home/forge-home.js";
import {
  createRecordingFolder,
  finishRecordingFolder,
  loadRecording,
  saveMeta,
} from "../../../recorder/home/recording-files.js";
import { writeUploadState } from "../../../recorder/upload/upload-state.js";
import { zipRecording } from "../../../recorder/upload/zip-recording.js";
import { buildRecording, tempHome, testContext } from "../recording-builder.js";

/** Every folder and file under `root` (itself included) with its permission bits. */
async function modes(root: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  const walk = async (path: string, name: string) => {
    const info = await lstat(path);
    found[name] = (info.mode & 0o777).toString(8);
    if (info.isDirectory()) for (const child of await readdir(path)) await walk(join(path, child), `${name}/${child}`);
  };
  await walk(root, ".");
  return found;
}

const loose = (found: Record<string, string>) =>
  Object.entries(found).filter(([, mode]) => mode !== "700" && mode !== "600");

let previousUmask = 0;
beforeEach(() => {
  // A permissive shell: without the fix, folders come out 755 and files 644.
  previousUmask = process.umask(0o022);
});
afterEach(() => {
  process.umask(previousUmask);
});

describe("recording folders are private to the user", () => {
  it("GIVEN a home created by forge record under umask 022 THEN every folder is 0700 and every file 0600, ffmpeg's included", async () => {
    const home = join(await tempHome(), "fresh-home");
    const paths = await createRecordingFolder(home, "20250102-093000-ab12", Date.now());
    // A child process (as ffmpeg is) writing into the folder, and the event log.
    spawnSync("sh", ["-c", 'echo frames > "$0"', join(paths.dir, "segment-000.mp4")]);
    await writeFile(paths.events, "{}\n");
    expect(loose(await modes(home))).toEqual([]);

    spawnSync("sh", ["-c", 'echo video > "$0"', paths.video]);
    const built = await buildRecording(home, { id: "20250102-093000-ab12", seconds: 1, events: [] });
    await saveMeta(paths, built.meta);
    await finishRecordingFolder(paths);
    await writeFile(paths.sft, "{}\n");
    await writeUploadState(paths.uploadState, {
      uploadId: "u",
      uploadToken: "t",
      chunkSize: 1,
      chunkCount: 1,
      size: 1,
      sha256: "s",
      expiresAt: 1,
    });
    await zipRecording(paths, new Date(0));

    const found = await modes(home);
    expect(Object.keys(found)).toEqual(
      expect.arrayContaining([
        "./recordings/20250102-093000-ab12/meta.json",
        "./recordings/20250102-093000-ab12/upload.zip",
        "./recordings/20250102-093000-ab12/upload.json",
        "./recordings/20250102-093000-ab12/sft.json",
      ]),
    );
    expect(found["."]).toBe("700");
    expect(loose(found)).toEqual([]);
  });

  it("GIVEN a home and recordings left readable by others THEN forge list and loading a recording tighten them", async () => {
    const home = await tempHome();
    await saveConfig(home, { server: "http://127.0.0.1:3000" });
    const { paths } = await buildRecording(home, { seconds: 1, events: [] });
    const leftover = join(home, "recordings", "20250103-100000-cdef");
    await mkdir(join(leftover, "raw"), { recursive: true });
    await writeFile(join(leftover, "raw", "segment-000.mp4"), "x");
    for (const path of [home, join(home, "recordings"), paths.dir, leftover, join(leftover, "raw")])
      await chmod(path, 0o755);
    for (const path of [paths.video, paths.meta, paths.events, join(leftover, "raw", "segment-000.mp4")])
      await chmod(path, 0o644);
    expect(loose(await modes(home)).length).toBeGreaterThan(0);

    await list(testContext(home).ctx);
    expect(loose(await modes(home))).toEqual([]);

    await chmod(paths.meta, 0o644);
    await chmod(paths.dir, 0o755);
    await loadRecording(home, "20250101-120000-test");
    expect(loose(await modes(home))).toEqual([]);
  });
});
