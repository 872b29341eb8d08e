// The recorder as farmers install it: the server role packs this project with `npm pack` once
// and serves the tarball that `npm install -g <PUBLIC_URL>/recorder.tgz` installs.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer } from "../../server/http-server.js";
import { RECORDER_PACKAGE_PATH, recorderInstallCommand, recorderPackageRoute } from "../../server/recorder-package.js";

describe("the recorder package served by the server role", () => {
  const work = mkdtempSync(join(tmpdir(), "forge-recorder-pkg-"));
  const errors: unknown[] = [];
  let http: Awaited<ReturnType<typeof startHttpServer>>;

  beforeAll(async () => {
    http = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      checks: {},
      metrics: async () => ({ contentType: "text/plain", body: "" }),
      routes: [
        recorderPackageRoute({
          projectDir: fileURLToPath(new URL("../..", import.meta.url)),
          outDir: work,
          onError: (error) => errors.push(error),
        }),
        recorderPackageRoute({
          path: "/broken.tgz",
          projectDir: join(work, "no-such-project"),
          outDir: join(work, "broken"),
          onError: (error) => errors.push(error),
        }),
      ],
      onError: (error) => errors.push(error),
    });
  });
  afterAll(async () => {
    await http?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("GIVEN two farmers asking at once THEN both get the same npm tarball, packed once, whose bin is forge", async () => {
    const [a, b] = await Promise.all([
      fetch(`${http.url}${RECORDER_PACKAGE_PATH}`),
      fetch(`${http.url}${RECORDER_PACKAGE_PATH}`),
    ]);
    expect(a.status).toBe(200);
    expect(a.headers.get("content-type")).toBe("application/gzip");
    const [bodyA, bodyB] = [Buffer.from(await a.arrayBuffer()), Buffer.from(await b.arrayBuffer())];
    expect(bodyA.equals(bodyB)).toBe(true);
    expect(readdirSync(work).filter((f) => f.endsWith(".tgz"))).toEqual(["recorder.tgz"]);
    const tarball = join(work, "downloaded.tgz");
    writeFileSync(tarball, bodyA);
    const manifest = JSON.parse(
      execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }),
    ) as { bin: Record<string, string> };
    expect(manifest.bin.forge).toBe("recorder/bin/forge.mjs");
    const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
    expect(files).toContain("package/recorder/bin/forge.mjs");
    expect(files).toContain("package/recorder/main.ts");
    expect(errors).toEqual([]);
  }, 120_000);

  it("GIVEN npm pack fails THEN the answer is a 503 saying so, and the failure is logged", async () => {
    const response = await fetch(`${http.url}/broken.tgz`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("could not be built");
    expect(errors).toHaveLength(1);
  }, 120_000);

  it("GIVEN an operator's .env and data beside the code THEN the tarball holds only what the recorder needs (the package's files list)", async () => {
    const project = join(work, "deployed");
    mkdirSync(join(project, "recorder", "bin"), { recursive: true });
    mkdirSync(join(project, "data"), { recursive: true });
    copyFileSync(fileURLToPath(new URL("../../package.json", import.meta.url)), join(project, "package.json"));
    writeFileSync(join(project, "recorder", "bin", "forge.mjs"), "// the recorder\n");
    writeFileSync(join(project, ".env"), "TREASURY_KEYPAIR=[1,2,3]\n");
    writeFileSync(join(project, "data", "forge.db"), "secret rows");
    const own = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      checks: {},
      metrics: async () => ({ contentType: "text/plain", body: "" }),
      routes: recorderPackageRoute({
        projectDir: project,
        outDir: join(work, "deployed-out"),
        onError: (error) => errors.push(error),
      }),
      onError: (error) => errors.push(error),
    });
    try {
      const response = await fetch(`${own.url}${RECORDER_PACKAGE_PATH}`);
      expect(response.status).toBe(200);
      const tarball = join(work, "deployed.tgz");
      writeFileSync(tarball, Buffer.from(await response.arrayBuffer()));
      const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n").sort();
      expect(files).toEqual(["package/package.json", "package/recorder/bin/forge.mjs"]);
    } finally {
      await own.close();
    }
  }, 120_000);

  it("the install line farmers are given points at this route, whatever the trailing slash", () => {
    expect(recorderInstallCommand("https://forge.example.com/")).toBe(
      "npm install -g https://forge.example.com/recorder.tgz",
    );
  });
});
