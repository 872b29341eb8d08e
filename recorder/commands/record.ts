import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { release } from "node:os";
import { join } from "node:path";
import { environmentError, userError } from "../cli/cli-error.js";
import type { Context } from "../cli/context.js";
import { formatClock } from "../cli/durations.js";
import type { RecordCommand } from "../cli/parse-command.js";
import { loadConfig } from "../home/forge-home.js";
import { createRecordingFolder, finishRecordingFolder, newRecordingId, saveMeta } from "../home/recording-files.js";
import { hashFiles } from "../recording/content-hash.js";
import type { InputEvent } from "../recording/events.js";
import { buildMeta } from "../recording/meta.js";
import { probeVideo } from "../tools/ffmpeg.js";
import { hasProgram } from "../tools/run.js";
import { RECORDER_VERSION } from "../version.js";
import { assembleVideo } from "../capture/assemble-video.js";
import { findScreen } from "../capture/find-screen.js";
import { focusSourceFor } from "../capture/focus-reader.js";
import { grabHotkeys, hotkeysNotGrabbedWarning } from "../capture/hotkey-grab.js";
import { preparePrivacy } from "../capture/privacy.js";
import { ffmpegSegments } from "../capture/screen-capture.js";
import { x11WindowScan } from "../capture/window-scan.js";
import type { SessionStatus } from "../capture/session.js";

interface Quest {
  title: string;
  objectives: string[];
  factoryId: string;
  taskId: string;
}

async function resolveQuest(command: RecordCommand, home: string): Promise<Quest> {
  const config = await loadConfig(home);
  if (command.factory && command.task) {
    const granted = config?.factoryId === command.factory && config.taskId === command.task;
    return {
      title: (granted && config.taskTitle) || command.task,
      objectives: granted && config.taskPrompt ? [config.taskPrompt] : [],
      factoryId: command.factory,
      taskId: command.task,
    };
  }
  if (!config?.factoryId || !config.taskId)
    throw userError("No task to record: run forge login <code> first, or pass --factory F --task T");
  return {
    title: config.taskTitle ?? config.taskId,
    objectives: config.taskPrompt ? [config.taskPrompt] : [],
    factoryId: config.factoryId,
    taskId: config.taskId,
  };
}

/** `forge record`: checks display and ffmpeg, then records until stopped or the time is up. */
export async function record(command: RecordCommand, ctx: Context): Promise<void> {
  const quest = await resolveQuest(command, ctx.home);
  // The display check comes first: uiohook aborts the process without one.
  const screen = await findScreen(ctx.platform, command.display, ctx.env);
  if (!(await hasProgram("ffmpeg")))
    throw environmentError("ffmpeg is not installed (or not on PATH): install it to record");
  const env = { ...ctx.env, DISPLAY: screen.display };
  // uiohook reads the display from this process's environment.
  if (ctx.platform === "linux") process.env.DISPLAY = screen.display;
  // Blocking and masking need the focused window: refuse before anything is created.
  // Password fields inside ordinary windows (a browser's login form), from the accessibility API.
  let source = focusSourceFor(ctx.platform, env);
  let passwords: { stop(): void } | null = null;
  if (ctx.platform === "linux") {
    const { watchPasswordFocus, withPasswordFocus, accessibilityNotice } = await import("../capture/accessibility.js");
    const watch = await watchPasswordFocus(env);
    const notice = accessibilityNotice(watch);
    if (notice) ctx.io.err(notice);
    if (watch.ok) {
      source = withPasswordFocus(source, watch);
      passwords = watch;
    }
  }
  let privacy;
  try {
    privacy = await preparePrivacy(command, ctx.home, source);
  } catch (error) {
    passwords?.stop();
    throw error;
  }
  if (privacy.warning) ctx.io.err(privacy.warning);
  const { uiohookSource } = await import("../capture/input-source.js");
  const { RecordingSession } = await import("../capture/session.js");

  const startedAt = Date.now();
  const id = newRecordingId(new Date(startedAt));
  // Private (0700/0600, ffmpeg's files too) and marked in progress until meta.json is saved.
  const paths = await createRecordingFolder(ctx.home, id, startedAt);
  const log = createWriteStream(paths.events, { flags: "a", mode: 0o600 });
  let stopRequested!: () => void;
  const stopSignal = new Promise<void>((resolve) => (stopRequested = resolve));
  const session = new RecordingSession({
    startSegment: ffmpegSegments({ ...screen, platform: ctx.platform, fps: command.fps }, env),
    input: await uiohookSource(),
    readFocus: privacy.readFocus,
    ...(privacy.watchFocus ? { watchFocus: privacy.watchFocus } : {}),
    write: (event: InputEvent) => void log.write(`${JSON.stringify(event)}\n`),
    now: Date.now,
    segmentPath: (i) => join(paths.dir, `segment-${String(i).padStart(3, "0")}.mp4`),
    blocklist: privacy.blocklist,
    maskAll: command.maskAll,
    sensitive: privacy.sensitive,
    onStopRequested: () => stopRequested(),
    // Only where focus is enforced (X11 today): the same tools find the blocked windows.
    ...(ctx.platform === "linux" && privacy.meta.enforced && privacy.blocklist.length > 0
      ? { scanWindows: x11WindowScan(env, privacy.blocklist) }
      : {}),
  });

  await session.start();
  // Reserved so the focused app never gets them (X11); the session acts on them either way.
  const hotkeys = await grabHotkeys(ctx.platform, screen.display);
  if (!hotkeys.ok) ctx.io.err(hotkeysNotGrabbedWarning(hotkeys.reason));
  const limit = command.durationMs ?? command.maxDurationMs;
  const timer = setTimeout(stopRequested, limit);
  const ticker = setInterval(() => ctx.io.status(statusLine(session.status(), Date.now() - startedAt)), 1_000);
  ctx.io.err(`Recording ${id} for "${quest.title}". Ctrl+Alt+P pause/resume, Ctrl+Alt+S or Ctrl-C stop.`);
  await Promise.race([stopSignal, ctx.interrupted]);
  clearTimeout(timer);
  clearInterval(ticker);
  if (hotkeys.ok) await hotkeys.release();

  const result = await session.stop();
  passwords?.stop();
  await new Promise<void>((resolve) => log.end(resolve));
  ctx.io.status(statusLine(session.status(), Date.now() - startedAt, "stopped"), true);
  if (result.segments.length === 0) {
    await rm(paths.dir, { recursive: true, force: true });
    throw userError("Nothing was recorded: capture stayed paused the whole time");
  }
  const { pauses, videoStartMs, boxes } = await assembleVideo(
    result.segments,
    paths.video,
    {
      listPath: join(paths.dir, "segments.txt"),
      rawPath: join(paths.dir, "raw.mp4"),
      filterPath: join(paths.dir, "redact.txt"),
    },
    result.redactions,
    (done) => ctx.io.status(`Blacking out blocked apps and sensitive windows in the video: ${Math.round(done * 100)}%`),
  );
  if (boxes > 0)
    ctx.io.status(
      `Blacked out ${boxes} stretch${boxes === 1 ? "" : "es"} of the video (blocked apps, sensitive windows)`,
      true,
    );
  const video = await probeVideo(paths.video);
  const meta = buildMeta({
    id,
    startedAt,
    durationMs: video.durationMs,
    system: { platform: ctx.platform, arch: process.arch, version: release(), locale: locale(ctx.env) },
    screen,
    fps: command.fps,
    quest: { ...quest, app: "" },
    videoStartMs,
    pauses,
    blockedApps: command.block,
    privacy: privacy.meta,
    maskedKeys: result.maskedKeys,
    contentHash: await hashFiles([paths.video, paths.events]),
    recorderVersion: RECORDER_VERSION,
  });
  await saveMeta(paths, meta);
  await finishRecordingFolder(paths);
  ctx.io.out(`${id}  ${formatClock(video.durationMs)}  ${result.events} events  ${paths.dir}`);
}

function statusLine(status: SessionStatus, elapsedMs: number, state?: string): string {
  const mode = state ?? (status.paused ? `paused${status.pauseReason ? ` (${status.pauseReason})` : ""}` : "● REC");
  return `${mode}  ${formatClock(elapsedMs)}  events ${status.events}${status.maskedKeys ? `  masked ${status.maskedKeys}` : ""}`;
}

function locale(env: NodeJS.ProcessEnv): string {
  const fromEnv = (env.LC_ALL || env.LANG || "").split(".")[0];
  return fromEnv && fromEnv !== "C" && fromEnv !== "POSIX"
    ? fromEnv.replace("_", "-")
    : Intl.DateTimeFormat().resolvedOptions().locale;
}
