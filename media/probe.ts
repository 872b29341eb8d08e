import { z } from "zod";
import { ok, type Result } from "../core/shared/result.js";
import { videoFailure, type VideoFailure } from "./errors.js";
import { inputArgs, runTool, summarize, type ToolOptions } from "./run-tool.js";
import { scanVideo } from "./scan-video.js";

/** What ffprobe says about a recording's video stream. */
export interface VideoProbe {
  readonly durationMs: number;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly codec: string;
  readonly pixFmt: string;
  /** Frames the container announces (mp4 index), or estimated from duration and fps. */
  readonly frameCount: number;
}

export interface ProbeOptions extends ToolOptions {
  /** Refuse larger frames before anyone decodes them (default 8K UHD). */
  readonly maxPixels?: number;
}

const probeOutput = z.object({
  streams: z
    .array(
      z.object({
        codec_name: z.string().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
        pix_fmt: z.string().optional(),
        avg_frame_rate: z.string().optional(),
        r_frame_rate: z.string().optional(),
        duration: z.string().optional(),
        nb_frames: z.string().optional(),
      }),
    )
    .default([]),
  format: z.object({ duration: z.string().optional() }).optional(),
});

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const MAX_PIXELS = 7680 * 4320;

const rate = (fraction: string | undefined): number => {
  const [num, den] = (fraction ?? "").split("/").map(Number);
  return num && den ? num / den : 0;
};

/**
 * Reads the first video stream's geometry and timing with ffprobe (no decoding).
 * Returns VIDEO_UNREADABLE (not a media file, no video stream, no duration), VIDEO_NOT_H264
 * or VIDEO_TOO_LARGE as values; throws MediaToolError when ffprobe is missing or hangs.
 */
export async function probeVideo(path: string, options: ProbeOptions = {}): Promise<Result<VideoProbe, VideoFailure>> {
  const args = [
    "-v",
    "error",
    "-select_streams",
    "v:0",
    "-show_streams",
    "-show_format",
    "-of",
    "json",
    ...inputArgs(path),
  ];
  const run = await runTool(options.ffprobePath ?? "ffprobe", args, options);
  if (run.exitCode !== 0)
    return videoFailure("VIDEO_UNREADABLE", `ffprobe could not read it: ${summarize(run.stderr)}`);
  const parsed = probeOutput.safeParse(parseJson(run.stdout.toString("utf8")));
  const stream = parsed.success ? parsed.data.streams[0] : undefined;
  if (!parsed.success || !stream) return videoFailure("VIDEO_UNREADABLE", "the file holds no video stream");
  const width = stream.width ?? 0;
  const height = stream.height ?? 0;
  const fps = rate(stream.avg_frame_rate) || rate(stream.r_frame_rate);
  const durationMs = Math.round(Number(stream.duration ?? parsed.data.format?.duration ?? 0) * 1000);
  if (!(width > 0 && height > 0 && fps > 0 && durationMs > 0))
    return videoFailure("VIDEO_UNREADABLE", `the video stream has no usable size, rate or duration`);
  if (stream.codec_name !== "h264")
    return videoFailure("VIDEO_NOT_H264", `the video is ${stream.codec_name ?? "of unknown codec"}, not h264`);
  if (width * height > (options.maxPixels ?? MAX_PIXELS))
    return videoFailure("VIDEO_TOO_LARGE", `the video is ${width}x${height}, larger than allowed`);
  const frameCount = Number(stream.nb_frames) || Math.round((durationMs * fps) / 1000);
  return ok({
    durationMs,
    width,
    height,
    fps,
    codec: stream.codec_name,
    pixFmt: stream.pix_fmt ?? "unknown",
    frameCount,
  });
}

export interface DecodeCheck {
  readonly framesDecoded: number;
}

/**
 * Decodes the whole video stream (nothing encoded, nothing written) and checks every
 * announced frame came out without a decoder error. Returns the probe's failures, then
 * VIDEO_TRUNCATED (fewer frames than the container announces: a cut file) or VIDEO_CORRUPT
 * (decoder errors); throws MediaToolError for tool failures.
 */
export async function verifyDecodes(
  path: string,
  options: ProbeOptions = {},
): Promise<Result<DecodeCheck, VideoFailure>> {
  const probe = await probeVideo(path, options);
  if (!probe.ok) return probe;
  const scan = await scanVideo(path, { frames: [], probe: probe.value }, options);
  return scan.ok ? ok({ framesDecoded: scan.value.framesDecoded }) : scan;
}
