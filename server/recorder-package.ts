// The `forge` recorder for farmers to install: this package is not on a registry, so the server
// role serves it as an npm tarball, and the bot tells farmers `npm install -g <PUBLIC_URL>/recorder.tgz`.
// The tarball is made once by `npm pack` into the data folder, on the first request.
import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Route } from "./http-server.js";

export const RECORDER_PACKAGE_PATH = "/recorder.tgz";

/** The command a farmer runs to install the recorder from this server. */
export const recorderInstallCommand = (publicUrl: string): string =>
  `npm install -g ${publicUrl.replace(/\/+$/, "")}${RECORDER_PACKAGE_PATH}`;

const PACK_TIMEOUT_MS = 120_000;

/**
 * `GET /recorder.tgz`: the project packed by `npm pack` from `projectDir` into `outDir`, made
 * once (concurrent first requests share one pack) and kept for the process's life.
 */
export function recorderPackageRoute(options: {
  projectDir: string;
  outDir: string;
  onError: (error: unknown) => void;
}): Route {
  let packed: Promise<string> | null = null;
  const pack = async (): Promise<string> => {
    const scratch = join(options.outDir, `pack-${process.pid}`);
    await rm(scratch, { recursive: true, force: true });
    await mkdir(scratch, { recursive: true });
    await promisify(execFile)("npm", ["pack", options.projectDir, "--pack-destination", scratch, "--silent"], {
      timeout: PACK_TIMEOUT_MS,
      env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false" },
    });
    const made = (await readdir(scratch)).find((name) => name.endsWith(".tgz"));
    if (!made) throw new Error("npm pack wrote no tarball");
    const file = join(options.outDir, "recorder.tgz");
    await rename(join(scratch, made), file);
    await rm(scratch, { recursive: true, force: true });
    return file;
  };
  return async (_req, res) => {
    packed ??= pack().catch((error: unknown) => {
      packed = null; // the next request tries again
      throw error;
    });
    let file: string;
    try {
      file = await packed;
    } catch (error) {
      options.onError(error);
      res
        .writeHead(503, { "content-type": "application/json", "retry-after": "60" })
        .end('{"error":"the recorder package could not be built on this server (is npm installed?)"}');
      return;
    }
    const { size } = await stat(file);
    res.writeHead(200, {
      "content-type": "application/gzip",
      "content-length": size,
      "content-disposition": 'attachment; filename="clones-forge-recorder.tgz"',
    });
    createReadStream(file).pipe(res);
  };
}
