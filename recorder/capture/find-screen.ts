import { environmentError } from "../cli/cli-error.js";
import { run } from "../tools/run.js";
import { findX11Screen, type Screen } from "./display.js";
import { captureInput } from "./screen-capture.js";

/**
 * The screen to record on this platform. Linux/X11 is the tested path; macOS (avfoundation)
 * and Windows (gdigrab) read the size from one grabbed frame.
 */
export async function findScreen(
  platform: NodeJS.Platform,
  display: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<Screen> {
  if (platform !== "darwin" && platform !== "win32") return findX11Screen(display, env);
  const input = captureInput({ platform, display: "", width: 0, height: 0, fps: 1 });
  const result = await run("ffmpeg", ["-hide_banner", ...input, "-frames:v", "1", "-f", "null", "-"], env);
  const match = /Video: .*?(\d{2,5})x(\d{2,5})/.exec(result.stderr);
  if (result.code !== 0 || !match)
    throw environmentError("Cannot capture the screen: grant screen-recording permission to your terminal");
  const size = { width: Number(match[1]), height: Number(match[2]) };
  return { display: "", ...size, scaleFactor: 1, monitors: [{ x: 0, y: 0, ...size, primary: true }] };
}
