/**
 * Why a video was refused: the recording's fault, returned as a value so the Quality Agent
 * can score it down with a reason. Local codes, candidates for core/shared/errors.ts.
 */
export type VideoFailureCode =
  "VIDEO_UNREADABLE" | "VIDEO_NOT_H264" | "VIDEO_TOO_LARGE" | "VIDEO_TRUNCATED" | "VIDEO_CORRUPT";

export interface VideoFailure {
  readonly code: VideoFailureCode;
  /** Human readable, with ffmpeg's own words summarized when it had any. */
  readonly message: string;
}

export const videoFailure = (code: VideoFailureCode, message: string) =>
  ({ ok: false, error: { code, message } }) as const;

/** Not the video's fault: the tool is absent, hung, was aborted or failed on our side. */
export type MediaToolCode = "FFMPEG_MISSING" | "FFMPEG_TIMEOUT" | "FFMPEG_ABORTED" | "FFMPEG_FAILED";

/**
 * Thrown for infrastructure failures, so a job retries them instead of blaming the
 * recording (a missing ffmpeg must never score a farmer down).
 */
export class MediaToolError extends Error {
  /** The tool's name ("ffmpeg", "ffprobe"), when the error is about one. */
  readonly tool?: string;
  constructor(
    readonly code: MediaToolCode,
    message: string,
    options?: { cause?: unknown; tool?: string },
  ) {
    super(`${code}: ${message}`, options);
    this.name = "MediaToolError";
    this.tool = options?.tool;
  }
}
