import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaToolError, probeVideo, verifyDecodes } from "../../media/index.js";
import { audioOnly, cutInHalf, movingVideo, scrambled, tempDir } from "./fixtures.js";

const dir = tempDir();
let video: string;
let indexFirst: string;
afterAll(() => dir.remove());
beforeAll(() => {
  video = movingVideo(dir.path, "moving.mp4");
  indexFirst = movingVideo(dir.path, "faststart.mp4", { faststart: true });
});

const codeOf = async (result: Promise<{ ok: boolean; error?: { code: string } }>) => (await result).error?.code;

describe("probeVideo", () => {
  it("GIVEN a 5 s 320x180 h264 video at 10 fps WHEN probed THEN it reports exactly that", async () => {
    const probe = await probeVideo(video);
    expect(probe).toEqual({
      ok: true,
      value: { durationMs: 5000, width: 320, height: 180, fps: 10, codec: "h264", pixFmt: "yuv420p", frameCount: 50 },
    });
  });

  it("GIVEN a text file WHEN probed THEN it is VIDEO_UNREADABLE with ffprobe's reason", async () => {
    const text = join(dir.path, "notes.mp4");
    writeFileSync(text, "this is not a video\n".repeat(50));
    const probe = await probeVideo(text);
    expect(probe.ok).toBe(false);
    if (!probe.ok) expect(probe.error).toMatchObject({ code: "VIDEO_UNREADABLE", message: /Invalid data/ });
  });

  it("GIVEN an HLS playlist named .mp4 pointing at a real video WHEN probed THEN it is VIDEO_UNREADABLE, the playlist unfollowed", async () => {
    const playlist = join(dir.path, "playlist.mp4");
    writeFileSync(playlist, `#EXTM3U\n#EXT-X-TARGETDURATION:5\n#EXTINF:5,\nfile://${video}\n#EXT-X-ENDLIST\n`);
    expect(await codeOf(probeVideo(playlist))).toBe("VIDEO_UNREADABLE");
    expect(await codeOf(verifyDecodes(playlist))).toBe("VIDEO_UNREADABLE");
  });

  it("GIVEN an audio-only file WHEN probed THEN it is VIDEO_UNREADABLE for having no video stream", async () => {
    const probe = await probeVideo(audioOnly(dir.path));
    expect(probe.ok ? null : probe.error).toMatchObject({ code: "VIDEO_UNREADABLE", message: /no video stream/ });
  });

  it("GIVEN an MPEG-4 part 2 video WHEN probed THEN it is VIDEO_NOT_H264", async () => {
    expect(await codeOf(probeVideo(movingVideo(dir.path, "mpeg4.mp4", { codec: "mpeg4" })))).toBe("VIDEO_NOT_H264");
  });

  it("GIVEN a pixel budget below the video's size WHEN probed THEN it is VIDEO_TOO_LARGE before any decoding", async () => {
    expect(await codeOf(probeVideo(video, { maxPixels: 320 * 179 }))).toBe("VIDEO_TOO_LARGE");
  });

  it("GIVEN no ffprobe binary WHEN probing THEN FFMPEG_MISSING is thrown, not blamed on the video", async () => {
    const probing = probeVideo(video, { ffprobePath: join(dir.path, "no-such-ffprobe") });
    await expect(probing).rejects.toBeInstanceOf(MediaToolError);
    await expect(probing).rejects.toMatchObject({ code: "FFMPEG_MISSING" });
  });
});

describe("verifyDecodes", () => {
  it("GIVEN an intact video WHEN verified THEN every one of its 50 frames decodes", async () => {
    expect(await verifyDecodes(video)).toEqual({ ok: true, value: { framesDecoded: 50 } });
    expect(await verifyDecodes(indexFirst)).toEqual({ ok: true, value: { framesDecoded: 50 } });
  });

  it("GIVEN an index-first video cut in half WHEN verified THEN it is VIDEO_TRUNCATED, saying how much decodes", async () => {
    const result = await verifyDecodes(cutInHalf(indexFirst, "faststart-cut.mp4"));
    expect(result.ok ? null : result.error).toMatchObject({
      code: "VIDEO_TRUNCATED",
      message: /only \d+ of 50 frames/,
    });
  });

  it("GIVEN an index-last video cut in half WHEN verified THEN it is VIDEO_UNREADABLE (its index is gone)", async () => {
    const result = await verifyDecodes(cutInHalf(video, "moving-cut.mp4"));
    expect(result.ok ? null : result.error).toMatchObject({ code: "VIDEO_UNREADABLE", message: /moov atom not found/ });
  });

  it("GIVEN noise written over the middle of the frames WHEN verified THEN it is VIDEO_CORRUPT with the decoder's words", async () => {
    const result = await verifyDecodes(scrambled(indexFirst, "scrambled.mp4"));
    expect(result.ok ? null : result.error).toMatchObject({ code: "VIDEO_CORRUPT", message: /ffmpeg: / });
  });

  it("GIVEN no ffmpeg binary WHEN verifying THEN FFMPEG_MISSING is thrown", async () => {
    await expect(verifyDecodes(video, { ffmpegPath: join(dir.path, "no-such-ffmpeg") })).rejects.toMatchObject({
      code: "FFMPEG_MISSING",
    });
  });

  it("GIVEN a 1 ms time limit WHEN verifying THEN ffmpeg is killed and FFMPEG_TIMEOUT thrown", async () => {
    await expect(verifyDecodes(video, { timeoutMs: 1 })).rejects.toMatchObject({ code: "FFMPEG_TIMEOUT" });
  });

  it("GIVEN an aborted signal WHEN verifying THEN FFMPEG_ABORTED is thrown", async () => {
    await expect(verifyDecodes(video, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: "FFMPEG_ABORTED",
    });
  });
});
