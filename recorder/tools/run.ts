import { execFile } from "node:child_process";
import { environmentError } from "../cli/cli-error.js";

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a program to completion; a missing program is an environment error naming it, a
 * non-zero exit is returned (callers decide whether it matters).
 */
export function run(program: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(program, [...args], { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const errno = error as (NodeJS.ErrnoException & { code?: unknown }) | null;
      if (errno?.code === "ENOENT") {
        reject(environmentError(`${program} is not installed (or not on PATH)`, error));
        return;
      }
      const code = typeof errno?.code === "number" ? errno.code : error ? 1 : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** True when `program` can be started. */
export async function hasProgram(program: string, versionArg = "-version"): Promise<boolean> {
  try {
    await run(program, [versionArg]);
    return true;
  } catch {
    return false;
  }
}
