// Videos the media tests need, generated with ffmpeg's lavfi sources into a temp dir, so
// nothing binary is committed and every property the tests rely on is stated here.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ffmpeg = (args: string[]) => execFileSync("ffmpeg", ["-v", "error", "-y", ...args]);
const h264 = ["-c:v", "libx264", "-pix_fmt", "yuv420p"];

export function tempDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), "media-test-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * 320x180, 10 fps, 4 s of flat gray whose luma steps up every frame (Y = 20 + 5 N), so a
 * picture's brightness tells which frame it is.
 */
export function rampVideo(dir: string): string {
  const path = join(dir, "ramp.mp4");
  ffmpeg([
    "-f",
    "lavfi",
    "-i",
    "color=c=black:s=320x180:r=10:d=4,geq=lum='20+N*5':cb=128:cr=128",
    ...h264,
    "-crf",
    "18",
    path,
  ]);
  return path;
}

/** The frame number a ramp picture shows (its JPEG holds full-range luma). */
export function rampFrameOf(picture: string): number {
  const out = execFileSync("ffmpeg", [
    ...["-v", "error", "-i", picture],
    ...["-vf", "signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG:file=-", "-f", "null", "-"],
  ]).toString();
  const fullRange = Number(/YAVG=([\d.]+)/.exec(out)?.[1]);
  return Math.round(((fullRange * 219) / 255 + 16 - 20) / 5);
}

/** 320x180, 10 fps, 3 s: one second each of testsrc2, SMPTE bars and a mandelbrot. */
export function threeScenesVideo(dir: string, name = "scenes.mp4", extra: string[] = []): string {
  const path = join(dir, name);
  const graph =
    "testsrc2=s=320x180:r=10:d=1[a];smptebars=s=320x180:r=10:d=1[b];mandelbrot=s=320x180:r=10,trim=duration=1[c];" +
    "[a][b][c]concat=n=3:v=1:a=0,format=yuv420p[v]";
  ffmpeg(["-filter_complex", graph, "-map", "[v]", ...h264, "-crf", "20", ...extra, path]);
  return path;
}

/** The same video re-encoded at another size and a much lower quality. */
export function reencoded(source: string, dir: string): string {
  const path = join(dir, "reencoded.mp4");
  ffmpeg(["-i", source, "-vf", "scale=640:360", ...h264, "-crf", "40", path]);
  return path;
}

/** 5 s of testsrc2; `faststart` puts the index first, as a streaming-friendly recorder would. */
export function movingVideo(dir: string, name: string, options: { faststart?: boolean; codec?: string } = {}): string {
  const path = join(dir, name);
  const codec = options.codec ? ["-c:v", options.codec] : h264;
  const start = options.faststart ? ["-movflags", "+faststart"] : [];
  ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=320x180:r=10:d=5", ...codec, ...start, path]);
  return path;
}

/** A copy holding only the first half of the bytes, as an interrupted upload would. */
export function cutInHalf(source: string, name: string): string {
  const bytes = readFileSync(source);
  const path = join(source, "..", name);
  writeFileSync(path, bytes.subarray(0, bytes.length >> 1));
  return path;
}

/** A copy with 2 KB of noise over the middle of the file (the frames, not the index). */
export function scrambled(source: string, name: string): string {
  const bytes = Buffer.from(readFileSync(source));
  for (let i = 0; i < 2_000; i++) bytes[(bytes.length >> 1) + i] = (i * 7919) % 256;
  const path = join(source, "..", name);
  writeFileSync(path, bytes);
  return path;
}

export function audioOnly(dir: string): string {
  const path = join(dir, "audio.m4a");
  ffmpeg(["-f", "lavfi", "-i", "sine=d=1", path]);
  return path;
}

export function pictureWidth(picture: string): number {
  const out = execFileSync("ffprobe", ["-v", "error", "-show_entries", "stream=width", "-of", "csv=p=0", picture]);
  return Number(out.toString().trim());
}
