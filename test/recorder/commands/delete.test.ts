import { spawnSync } from "node:child_process";
import { appendFileSync } from "node:fs";
import { mkdir, readdir, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UiohookKey } from "uiohook-napi";
import { describe, expect, it } from "vitest";
import type { InputSource, RawInput } from "../../../recorder/capture/input-source.js";
import { RecordingSession } from "../../../recorder/capture/session.js";
import { CliError } from "../../../recorder/cli/cli-error.js";
import { parseCommand } from "../../../recorder/cli/parse-command.js";
import { deleteRecording, type Confirm } from "../../../recorder/commands/delete.js";
import { list } from "../../../recorder/commands/list.js";
import { createRecordingFolder } from "../../../recorder/home/recording-files.js";
import { buildRecording, eventAt, tempHome, testContext } from "../recording-builder.js";

const STARTED = Date.UTC(2025, 0, 2, 9, 30, 0);
const ID = "20250102-093000-ab12";

/** The pid of a process that has exited: what a killed recorder leaves in its marker. */
const deadPid = () => spawnSync("true").pid ?? 999_999;

/**
 * Drives a recording session on fakes into a folder created as `forge record` creates it, then
 * stops there, as if the recorder had been killed: segment and key log on disk, no meta.json.
 */
async function killedRecording(home: string, id = ID): Promise<string> {
  const paths = await createRecordingFolder(home, id, STARTED, deadPid());
  const hook: { listener: ((input: RawInput) => void) | null } = { listener: null };
  const input: InputSource = { start: (l) => (hook.listener = l), stop: () => (hook.listener = null) };
  const session = new RecordingSession({
    startSegment: async (path) => {
      await writeFile(path, Buffer.alloc(3_000, 1));
      return { path, startedAtMs: STARTED, stop: async () => {} };
    },
    input,
    readFocus: async () => null,
    write: (event) => appendFileSync(paths.events, `${JSON.stringify(event)}\n`),
    now: () => STARTED + 100,
    segmentPath: (i) => join(paths.dir, `segment-${String(i).padStart(3, "0")}.mp4`),
    blocklist: [],
    maskAll: false,
    focusPollMs: 60_000,
  });
  await session.start();
  for (const kind of ["keydown", "keyup"] as const)
    hook.listener?.({ kind, keycode: UiohookKey.H, shiftKey: false, ctrlKey: false, altKey: false });
  // The recorder dies here: stop() only ends the fakes and the focus poll; nothing is assembled
  // and meta.json is never written.
  await session.stop();
  return paths.dir;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
const yes: Confirm = async () => true;

describe("forge list and forge delete with an interrupted recording", () => {
  it("GIVEN a recording killed before meta.json THEN forge list shows it incomplete with its start time and size, and forge delete --yes removes it", async () => {
    const home = await tempHome();
    const dir = await killedRecording(home);
    expect(await readdir(dir)).toEqual(expect.arrayContaining(["input_log.jsonl", "segment-000.mp4"]));

    const { ctx, io } = testContext(home);
    await list(ctx);
    const line = io.lines.find((l) => l.startsWith(ID));
    expect(line).toMatch(/2025-01-02 09:30/);
    expect(line).toMatch(/\bincomplete\b/);
    expect(line).toMatch(/\d+(\.\d)? KiB/);
    expect(io.lines.join("\n")).toContain("forge delete <id>");

    await deleteRecording({ command: "delete", id: ID, yes: true }, ctx);
    expect(await exists(dir)).toBe(false);
    expect(io.lines.at(-1)).toMatch(new RegExp(`^Deleted recording ${ID} \\(incomplete, started 2025-01-02 09:30 UTC`));

    const after = testContext(home);
    await list(after.ctx);
    expect(after.io.lines).toEqual(["No recordings yet: start one with forge record"]);
  });

  it("GIVEN a leftover from an older recorder (no in-progress marker) THEN it is listed as incomplete from its first event's time", async () => {
    const home = await tempHome();
    const dir = join(home, "recordings", ID);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "segment-000.mp4"), Buffer.alloc(2_048));
    await writeFile(join(dir, "input_log.jsonl"), `${JSON.stringify({ event: "keydown", data: {}, time: STARTED })}\n`);
    const { ctx, io } = testContext(home);
    await list(ctx);
    expect(io.lines.find((l) => l.startsWith(ID))).toMatch(/2025-01-02 09:30 +- +2\.0 KiB +incomplete/);
  });

  it("GIVEN forge delete without --yes THEN it asks, and deletes only on yes; without a terminal it refuses and says how", async () => {
    const home = await tempHome();
    const dir = await killedRecording(home);
    const { ctx, io } = testContext(home);
    const questions: string[] = [];

    await deleteRecording({ command: "delete", id: ID, yes: false }, ctx, async (q) => (questions.push(q), false));
    expect(questions[0]).toMatch(new RegExp(`^Delete recording ${ID} .*This cannot be undone\\. \\[y/N\\] $`));
    expect(io.lines.at(-1)).toBe("Nothing deleted.");
    expect(await exists(dir)).toBe(true);

    const refused = deleteRecording({ command: "delete", id: ID, yes: false }, ctx, async () => null);
    await expect(refused).rejects.toThrow(`forge delete ${ID} --yes`);
    expect(await exists(dir)).toBe(true);

    await deleteRecording({ command: "delete", id: ID, yes: false }, ctx, yes);
    expect(await exists(dir)).toBe(false);
  });

  it("GIVEN a complete recording THEN forge delete removes its folder and says what it was", async () => {
    const home = await tempHome();
    const { paths } = await buildRecording(home, { seconds: 1, events: [eventAt(100, "mousedown", { x: 1, y: 1 })] });
    const { ctx, io } = testContext(home);
    await deleteRecording({ command: "delete", id: "20250101-120000-test", yes: true }, ctx);
    expect(await exists(paths.dir)).toBe(false);
    expect(io.lines.at(-1)).toMatch(
      /^Deleted recording 20250101-120000-test \("Test task", .* recorded, .*\) from this machine\.$/,
    );
  });

  it("GIVEN ids that point outside the recordings folder THEN each is refused and nothing is deleted", async () => {
    const home = await tempHome();
    const victim = join(home, "x");
    await mkdir(victim);
    await writeFile(join(victim, "keep.txt"), "keep");
    const outside = await tempHome();
    await writeFile(join(outside, "keep.txt"), "keep");
    await killedRecording(home);
    await symlink(outside, join(home, "recordings", "linked"));
    const { ctx } = testContext(home);

    for (const id of ["../x", "..", ".", `${ID}/../../x`, victim, "linked", "nothere", ""]) {
      const attempt = deleteRecording({ command: "delete", id, yes: true }, ctx, yes);
      await expect(attempt, id).rejects.toBeInstanceOf(CliError);
    }
    expect(parseCommand(["delete", "../x", "--yes"])).toMatchObject({ ok: false });
    expect(await exists(join(victim, "keep.txt"))).toBe(true);
    expect(await exists(join(outside, "keep.txt"))).toBe(true);
    expect(await exists(join(home, "recordings", ID))).toBe(true);
    expect(await exists(join(home, "recordings", "linked"))).toBe(true);
  });

  it("GIVEN forge delete <id> --yes on the command line THEN it parses to a delete command", () => {
    expect(parseCommand(["delete", ID, "--yes"])).toEqual({
      ok: true,
      command: { command: "delete", id: ID, yes: true },
    });
    expect(parseCommand(["delete", ID])).toEqual({ ok: true, command: { command: "delete", id: ID, yes: false } });
  });
});
