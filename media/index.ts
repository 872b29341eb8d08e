// The video side of processing: ffmpeg and ffprobe behind plain functions. Any edge may use
// it; it depends on nothing but node and core/shared.
export { analyzeVideo, type AnalyzeOptions, type AnalyzedFrame, type VideoAnalysis } from "./analyze-video.js";
export { dHash, hammingDistance } from "./dhash.js";
export { MediaToolError, type MediaToolCode, type VideoFailure, type VideoFailureCode } from "./errors.js";
export { frameIndexesAt, listFrameTimes } from "./frame-times.js";
export { extractKeyframes, perceptualHashes, type Keyframe, type KeyframeOptions } from "./keyframes.js";
export { probeVideo, verifyDecodes, type DecodeCheck, type ProbeOptions, type VideoProbe } from "./probe.js";
export type { ToolOptions } from "./run-tool.js";
export { cachedToolCheck, checkTools, type CachedToolCheck, type ToolCheckOptions, type ToolsReport } from "./tools.js";
