import { mkdtemp, readdir, readFile, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordingMetaSchema } from "../../../core/recordings/meta.js";
import { forge, has, startXvfb } from "../../support/xvfb.js";

/** A PATH with what recording needs except xdotool. */
async function pathWithoutXdotool(): Promise<string> {
  const bin = await mkdtemp(join(tmpdir(), "forge-path-"));
  for (const tool of ["xdpyinfo", "xrandr", "xprop", "ffmpeg", "ffprobe"])
    if (has(tool)) await symlink(`/usr/bin/${tool}`, join(bin, tool));
  return bin;
}

describe.skipIf(!has("Xvfb") || !has("ffmpeg"))("forge record when the focused window cannot be read", () => {
  let xvfb: Awaited<ReturnType<typeof startXvfb>>;
  beforeAll(async () => {
    xvfb = await startXvfb();
  });
  afterAll(() => xvfb?.stop());

  const run = async (flags: string[]) => {
    const home = await mkdtemp(join(tmpdir(), "forge-unenforced-"));
    const env = { PATH: await pathWithoutXdotool(), HOME: home, FORGE_HOME: home, DISPLAY: xvfb.display };
    const result = await forge(["record", "--factory", "f1", "--task", "t1", "--duration", "2s", ...flags], env);
    return { home, result };
  };

  it("GIVEN --block and no xdotool on PATH THEN it refuses to start, says what to install, and records nothing", async () => {
    const { home, result } = await run(["--block", "signal"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("xdotool is not installed");
    expect(result.stderr).toContain("apt install xdotool");
    expect(result.stderr).toContain("--allow-unenforced-privacy");
    expect(result.stderr).not.toContain("Recording ");
    expect(await readdir(home)).toEqual([]);
  });

  it("GIVEN --allow-unenforced-privacy THEN it records and meta.json says blocking and masking were not enforced", async () => {
    const { home, result } = await run(["--block", "signal", "--allow-unenforced-privacy"]);
    expect(result.stderr).toContain("--block is NOT enforced");
    expect(result.code).toBe(0);
    const [id] = await readdir(join(home, "recordings"));
    const raw = JSON.parse(await readFile(join(home, "recordings", id ?? "", "meta.json"), "utf8")) as Record<
      string,
      unknown
    >;
    expect(raw.blocked_apps).toBeUndefined();
    expect(raw.privacy).toMatchObject({ blocking: "not_enforced", sensitive_windows: "not_enforced" });
    expect(recordingMetaSchema.safeParse(raw).success).toBe(true);
  });
});
