import { chmod, lstat, mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { userError } from "../cli/cli-error.js";

/** $FORGE_HOME, or ~/.forge. */
export const forgeHome = (env: NodeJS.ProcessEnv): string => env.FORGE_HOME || join(homedir(), ".forge");

export const recordingsDir = (home: string) => join(home, "recordings");
export const recordingDir = (home: string, id: string) => join(recordingsDir(home), id);

/** Everything under the forge home is the user's alone: recordings show their screen and keys. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * From now on, files and folders this process creates, and those its children (ffmpeg)
 * create, are private to the user whatever the shell's umask. Worker threads cannot change the
 * umask: there the explicit modes and `makePrivate` still apply.
 */
export function createPrivately(): void {
  try {
    process.umask(0o077);
  } catch {
    // not allowed in a worker thread
  }
}

/** Creates the folder (and missing parents) with mode 0700, and tightens it if it existed. */
export async function ensurePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(path, PRIVATE_DIR_MODE);
}

/** Writes a file readable by the user only (mode 0600, also when it existed with another mode). */
export async function writePrivateFile(path: string, data: string | Uint8Array): Promise<void> {
  await writeFile(path, data, { mode: PRIVATE_FILE_MODE });
  await chmod(path, PRIVATE_FILE_MODE);
}

/**
 * Tightens a folder and everything in it to 0700 (folders) and 0600 (files). Symbolic links
 * are neither followed nor changed; a file removed meanwhile is skipped.
 */
export async function makePrivate(root: string): Promise<void> {
  const info = await lstat(root).catch(() => null);
  if (!info || info.isSymbolicLink()) return;
  if (!info.isDirectory()) {
    if ((info.mode & 0o777) !== PRIVATE_FILE_MODE) await chmod(root, PRIVATE_FILE_MODE).catch(ignoreMissing);
    return;
  }
  if ((info.mode & 0o777) !== PRIVATE_DIR_MODE) await chmod(root, PRIVATE_DIR_MODE).catch(ignoreMissing);
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names) await makePrivate(join(root, name));
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== "ENOENT") throw error;
}

/** The forge home and its recordings folder, created private or tightened if they were not. */
export async function ensurePrivateHome(home: string): Promise<void> {
  createPrivately();
  await ensurePrivateDir(home);
  await ensurePrivateDir(recordingsDir(home));
}

export const DEFAULT_SERVER = "http://127.0.0.1:3000";

export const ForgeConfig = z.object({
  server: z.string(),
  deviceToken: z.string().optional(),
  accountId: z.string().optional(),
  factoryId: z.string().optional(),
  taskId: z.string().optional(),
  factoryName: z.string().optional(),
  taskTitle: z.string().optional(),
  taskPrompt: z.string().optional(),
});
export type ForgeConfig = z.infer<typeof ForgeConfig>;

const configPath = (home: string) => join(home, "config.json");

/** The saved configuration, or null before the first login. A damaged file is a user error. */
export async function loadConfig(home: string): Promise<ForgeConfig | null> {
  let text: string;
  try {
    text = await readFile(configPath(home), "utf8");
  } catch {
    return null;
  }
  const parsed = ForgeConfig.safeParse(safeJson(text));
  if (!parsed.success) throw userError(`${configPath(home)} is damaged; run forge login again`);
  return parsed.data;
}

/**
 * Writes the configuration with mode 0600 (it holds the device token), through a temporary
 * file so a crash never leaves half a file.
 */
export async function saveConfig(home: string, config: ForgeConfig): Promise<void> {
  createPrivately();
  await ensurePrivateDir(home);
  const tmp = `${configPath(home)}.tmp`;
  await writeFile(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, configPath(home));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
