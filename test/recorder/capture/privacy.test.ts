import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { recordingMetaSchema } from "../../../core/recordings/meta.js";
import { checkX11Focus, focusSourceFor, type FocusSource } from "../../../recorder/capture/focus-reader.js";
import { preparePrivacy } from "../../../recorder/capture/privacy.js";
import { buildMeta } from "../../../recorder/recording/meta.js";

const failing: FocusSource = {
  read: () => Promise.reject(new Error("xdotool is not installed (or not on PATH)")),
  check: () =>
    Promise.resolve({
      ok: false,
      problem: "xdotool is not installed (or not on PATH)",
      fix: "sudo apt install xdotool",
    }),
};
const working: FocusSource = { read: () => Promise.resolve(null), check: () => Promise.resolve({ ok: true }) };
const options = { block: [] as string[], maskAll: false, sensitive: [], allowUnenforcedPrivacy: false };
const home = () => mkdtemp(join(tmpdir(), "forge-privacy-"));

describe("privacy when the focused window cannot be read", () => {
  it("GIVEN --block and no focus reader THEN record refuses, naming what is missing, how to install it and the flag", async () => {
    const refused = preparePrivacy({ ...options, block: ["signal"] }, await home(), failing);
    await expect(refused).rejects.toMatchObject({ kind: "environment" });
    await expect(refused).rejects.toThrow(
      /xdotool is not installed.*--block.*apt install xdotool.*--allow-unenforced-privacy/s,
    );
  });

  it("GIVEN no flags and no focus reader THEN record refuses too: password windows could not be masked", async () => {
    await expect(preparePrivacy(options, await home(), failing)).rejects.toThrow(/sensitive windows.*--mask-all/s);
  });

  it("GIVEN --allow-unenforced-privacy THEN it starts, says so, and meta records blocking and masking as not enforced", async () => {
    const setup = await preparePrivacy(
      { ...options, block: ["signal"], allowUnenforcedPrivacy: true },
      await home(),
      failing,
    );
    expect(setup.warning).toMatch(/--block is NOT enforced \(signal will be recorded\).*NOT masked/s);
    expect(setup.blocklist).toEqual([]);
    expect(await setup.readFocus()).toBeNull();
    const meta = buildMeta({ ...metaInput, blockedApps: ["signal"], privacy: setup.meta });
    expect(meta.blocked_apps).toBeUndefined();
    expect(meta.privacy).toEqual({
      blocking: "not_enforced",
      sensitive_windows: "not_enforced",
      mask_all: false,
      reason: "xdotool is not installed (or not on PATH)",
    });
    expect(recordingMetaSchema.safeParse(meta).success).toBe(true);
  });

  it("GIVEN focus is readable THEN blocking is enforced and meta says which apps were blocked", async () => {
    const setup = await preparePrivacy({ ...options, block: ["signal"] }, await home(), working);
    expect(setup).toMatchObject({ blocklist: ["signal"], warning: null, meta: { enforced: true } });
    const meta = buildMeta({ ...metaInput, blockedApps: ["signal"], privacy: setup.meta });
    expect(meta).toMatchObject({
      blocked_apps: ["signal"],
      privacy: { blocking: "enforced", sensitive_windows: "dropped", mask_all: false },
    });
  });

  it("GIVEN a damaged sensitive-windows.txt THEN record refuses with its line", async () => {
    const dir = await home();
    await writeFile(join(dir, "sensitive-windows.txt"), "vault\n/(/\n");
    await expect(preparePrivacy(options, dir, working)).rejects.toThrow(/sensitive-windows.txt line 2/);
  });

  it("GIVEN a PATH without xdotool THEN the X11 check reads nothing and says how to install it", async () => {
    const empty = await mkdtemp(join(tmpdir(), "forge-path-"));
    const env = { PATH: empty, DISPLAY: ":0" };
    const source = focusSourceFor("linux", env);
    expect(await checkX11Focus(env, source.read)).toEqual({
      ok: false,
      problem: "xdotool is not installed (or not on PATH)",
      fix: expect.stringContaining("apt install xdotool"),
    });
    await expect(source.read()).rejects.toThrow(/xdotool/);
  });

  it.each(["darwin", "win32"] as const)(
    "GIVEN %s THEN the check says no reader is implemented there",
    async (platform) => {
      const check = await focusSourceFor(platform, {}).check();
      expect(check).toMatchObject({
        ok: false,
        problem: expect.stringMatching(/cannot read the focused window on (macOS|Windows) yet/),
      });
    },
  );
});

const metaInput = {
  id: "20250101-120000-abcd",
  startedAt: Date.UTC(2025, 0, 1, 12, 0, 0),
  durationMs: 4_000,
  system: { platform: "linux", arch: "x64", locale: "en-US" },
  screen: {
    width: 1280,
    height: 720,
    scaleFactor: 1,
    monitors: [{ x: 0, y: 0, width: 1280, height: 720, primary: true }],
  },
  fps: 15,
  quest: { title: "t", app: "", objectives: [], factoryId: "f1", taskId: "t1" },
  videoStartMs: 1_735_732_800_300,
  pauses: [],
  maskedKeys: 0,
  contentHash: "a".repeat(64),
  recorderVersion: "0.1.0",
};
