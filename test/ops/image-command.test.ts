// The image's ENTRYPOINT and CMD, run here as they run in a container: tini as the parent of
// node, which runs app/main.ts itself. `docker stop` sends SIGTERM to PID 1 (tini); it must
// reach the app, which stops cleanly, and tini must exit with the app's code.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../app/local-redis.js";
import { readDockerfile } from "../support/container-config.js";
import { createTestDatabase, postgresUrl } from "../support/databases.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const image = readDockerfile(join(root, "Dockerfile"));
const command = [...(image.entrypoint ?? []), ...(image.cmd ?? [])];
const init = command[0] ?? "";

describe.skipIf(!existsSync(init))(`the image's command (${command.join(" ")})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "forge-image-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each(["SIGTERM", "SIGINT"] as const)(
    "GIVEN a worker started by it WHEN the init gets %s THEN the app stops cleanly and the init exits 0",
    async (signal) => {
      const port = await freePort();
      const child = spawn(command[0]!, command.slice(1), {
        cwd: root, // the image's WORKDIR holds the repository
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ENV_FILE: "",
          ROLE: "worker",
          DATA_DIR: join(dataDir, signal),
          DATABASE_URL: await createTestDatabase(postgresUrl()),
          METRICS_PORT: String(port),
          LOG_LEVEL: "warn",
          // In a container tini is PID 1 and reaps orphans; here it registers as a subreaper to do the same.
          TINI_SUBREAPER: "1",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr.on("data", (d: Buffer) => (output += d.toString()));
      const exited = new Promise<[number | null, string | null]>((resolve) =>
        child.on("exit", (code, sig) => resolve([code, sig])),
      );
      const deadline = Date.now() + 60_000;
      while ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status !== 200) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`not healthy:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      child.kill(signal);
      expect(await exited).toEqual([0, null]);
      expect(output).toContain(`${signal}: stopping`);
      expect(output).toContain("Stopped.");
    },
    90_000,
  );
});
