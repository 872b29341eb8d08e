// The `forge` recorder for farmers to install: this package is not on a registry, so the server
// role serves it as an npm tarball, and the bot tells farmers `npm install -g <PUBLIC_URL>/recorder.tgz`.
// The tarball is made once by `npm pack` into the data folder, on the first request.
import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { HttpRoutes } from "./http-server.js";

export const RECORDER_PACKAGE_PATH = "/recorder.tgz";

/** The command a farmer runs to install the recorder from this server. */
export const recorderInstallCommand = (publicUrl: string): string =>
  `npm install -g ${publicUrl.replace(/\/+$/, "")}${RECORDER_PACKAGE_PATH}`;

const PACK_TIMEOUT_MS = 120_000;

/**
 * `GET /recorder.tgz` (or `path`): the project packed by `npm pack` from `projectDir` into
 * `outDir`, made once (concurrent first requests share one pack) and kept for the process's life.
 */
export function recorderPackageRoute(options: {
  path?: string;
  projectDir: string;
  outDir: string;
  onError: (error: unknown) => void;
}): HttpRoutes {
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
  const serve = async (_request: FastifyRequest, reply: FastifyReply) => {
    packed ??= pack().catch((error: unknown) => {
      packed = null; // the next request tries again
      throw error;
    });
    let file: string;
    try {
      file = await packed;
    } catch (error) {
      options.onError(error);
      return reply
        .code(503)
        .header("retry-after", "60")
        .send({ error: "the recorder package could not be built on this server (is npm installed?)" });
    }
    const { size } = await stat(file);
    return reply
      .headers({
        "content-type": "application/gzip",
        "content-length": size,
        "content-disposition": 'attachment; filename="clones-forge-recorder.tgz"',
      })
      .send(createReadStream(file));
  };
  return async (app) => {
    app.get(options.path ?? RECORDER_PACKAGE_PATH, serve);
  };
}
