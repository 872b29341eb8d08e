import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { userError } from "../cli/cli-error.js";

/** $FORGE_HOME, or ~/.forge. */
export const forgeHome = (env: NodeJS.ProcessEnv): string => env.FORGE_HOME || join(homedir(), ".forge");

export const recordingsDir = (home: string) => join(home, "recordings");
export const recordingDir = (home: string, id: string) => join(recordingsDir(home), id);

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
  await mkdir(home, { recursive: true, mode: 0o700 });
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
