// Finding the mouse cursor in recorded frames, for the sync test (issue 13): on a black X
// root window the cursor x11grab draws is the only bright thing on screen.
import { execFile, spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { promisify } from "node:util";

const exec = promisify(execFile);

/** Xvfb with a black root window (-br) on a free display, so the cursor stands out. */
export async function startBlackXvfb(width: number, height: number): Promise<{ display: string; stop(): void }> {
  const xvfb = spawn("Xvfb", ["-displayfd", "3", "-br", "-screen", "0", `${width}x${height}x24`, "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "ignore", "pipe"],
  });
  const display = await new Promise<string>((done, fail) => {
    xvfb.stdio[3]?.on("data", (c: Buffer) => done(`:${c.toString().trim()}`));
    xvfb.once("exit", (code) => fail(new Error(`Xvfb exited ${code}`)));
  });
  return { display, stop: () => void xvfb.kill() };
}

export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Buffer;
}

/** An image file (or a video's first frame) as 8-bit gray pixels, decoded by ffmpeg. */
export async function readGray(path: string, width: number, height: number): Promise<GrayImage> {
  const args = ["-v", "error", "-i", path, "-frames:v", "1", "-s", `${width}x${height}`, "-f", "rawvideo"];
  const { stdout } = await exec("ffmpeg", [...args, "-pix_fmt", "gray", "-"], {
    encoding: "buffer",
    maxBuffer: width * height * 2,
  });
  if (stdout.length !== width * height) throw new Error(`${path}: expected ${width}x${height} gray pixels`);
  return { width, height, pixels: stdout };
}

/** The top-left corner of the bright pixels (the cursor's outline), or null on a black frame. */
export function brightCorner(image: GrayImage, threshold = 128): { x: number; y: number } | null {
  let left = Infinity;
  let top = Infinity;
  for (let y = 0; y < image.height; y += 1)
    for (let x = 0; x < image.width; x += 1)
      if (image.pixels[y * image.width + x]! > threshold) {
        left = Math.min(left, x);
        top = Math.min(top, y);
      }
  return Number.isFinite(left) ? { x: left, y: top } : null;
}

/**
 * Where the cursor's hotspot is in `image`, given where it is in a reference frame: the
 * cursor's shape does not change, so neither does its hotspot's offset from its corner.
 */
export function cursorAt(
  image: GrayImage,
  reference: { corner: { x: number; y: number }; hotspot: { x: number; y: number } },
): { x: number; y: number } | null {
  const corner = brightCorner(image);
  if (!corner) return null;
  return {
    x: corner.x + reference.hotspot.x - reference.corner.x,
    y: corner.y + reference.hotspot.y - reference.corner.y,
  };
}

/** The pid of `parent`'s child process named `name` (from /proc), or null. */
export async function childPid(parent: number, name: string): Promise<number | null> {
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
    const match = /^\d+ \((.*)\) \S+ (\d+)/s.exec(stat);
    if (match?.[1] === name && Number(match[2]) === parent) return Number(entry);
  }
  return null;
}
