import { readFile, rm } from "node:fs/promises";
import { z } from "zod";
import { writePrivateFile } from "../home/forge-home.js";

/** What a resumed upload needs, kept in the recording folder (upload.json, mode 0600). */
export const UploadState = z.object({
  uploadId: z.string(),
  uploadToken: z.string(),
  chunkSize: z.number().int().positive(),
  chunkCount: z.number().int().nonnegative(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  expiresAt: z.union([z.string(), z.number()]),
});
export type UploadState = z.infer<typeof UploadState>;

export async function readUploadState(path: string): Promise<UploadState | null> {
  const text = await readFile(path, "utf8").catch(() => null);
  if (text === null) return null;
  try {
    const parsed = UploadState.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeUploadState(path: string, state: UploadState): Promise<void> {
  await writePrivateFile(path, `${JSON.stringify(state, null, 2)}\n`);
}

export const clearUploadState = (path: string) => rm(path, { force: true });
