// Scratch space shared by the processes of one data volume: a killed process's files are removed
// by the next one to start, a live process's never. Real child processes own the folders.
import { spawn, type ChildProcess } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { once } from "node:events";
import { afterAll, afterEach, expect, it } from "vitest";
import { cleanScratch, openScratch } from "../../app/scratch.js";

const work = mkdtempSync(join(tmpdir(), "forge-scratch-"));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

let roots = 0;
const newRoot = () => {
  const root = join(work, `tmp-${++roots}`);
  mkdirSync(root);
  return root;
};

/** Another process (a worker, say) with its scratch folder in `root`, grading something in it. */
async function processWithScratch(root: string): Promise<{ child: ChildProcess; dir: string }> {
  const script = `
    const { openScratch } = await import(${JSON.stringify(new URL("../../app/scratch.ts", import.meta.url).href)});
    const { mkdirSync, writeFileSync } = await import("node:fs");
    const scratch = await openScratch(${JSON.stringify(root)});
    mkdirSync(scratch.dir + "/grade-abc");
    writeFileSync(scratch.dir + "/grade-abc/recording.mp4", "video");
    console.log(scratch.dir);
    setInterval(() => undefined, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const [line] = (await once(child.stdout!, "data")) as [Buffer];
  return { child, dir: line.toString().trim() };
}

const ago = (path: string, ms: number) => {
  const when = new Date(Date.now() - ms);
  utimesSync(path, when, when);
};

it("GIVEN two processes' scratch folders WHEN one is killed and another process starts THEN the killed one's folder goes and the live one's stays", async () => {
  const root = newRoot();
  const [live, killed] = await Promise.all([processWithScratch(root), processWithScratch(root)]);
  expect(existsSync(join(killed.dir, "grade-abc/recording.mp4"))).toBe(true);
  killed.child.kill("SIGKILL");
  await once(killed.child, "exit");

  const starting = await openScratch(root);
  try {
    expect(starting.removed).toEqual([basename(killed.dir)]);
    expect(existsSync(killed.dir)).toBe(false);
    expect(existsSync(join(live.dir, "grade-abc/recording.mp4"))).toBe(true);
    expect(readdirSync(root).sort()).toEqual([basename(live.dir), basename(starting.dir)].sort());
  } finally {
    await starting.close();
  }
  expect(existsSync(starting.dir)).toBe(false); // a clean stop leaves nothing
});

it("GIVEN a folder of a process on another host THEN it stays while its heartbeat is fresh, and goes once it is 15 minutes old", async () => {
  const root = newRoot();
  const elsewhere = join(root, "other-host-7-1");
  mkdirSync(elsewhere);
  const owner = join(elsewhere, "owner.json");
  writeFileSync(owner, JSON.stringify({ host: "other-host", pidSpace: "pid:[1]", pid: 7, startedAt: 1 }));
  ago(owner, 14 * 60_000);
  expect(await cleanScratch(root)).toEqual([]);
  ago(owner, 16 * 60_000);
  expect(await cleanScratch(root)).toEqual(["other-host-7-1"]);
});

it("GIVEN a folder with our own pid but another start time (the container restarted) THEN it goes at once", async () => {
  const root = newRoot();
  const mine = await openScratch(root);
  const self = JSON.parse(readFileSync(join(mine.dir, "owner.json"), "utf8")) as { startedAt: number };
  await mine.close();
  // The same host, pid namespace and pid, from an earlier start.
  mkdirSync(join(root, "earlier"));
  writeFileSync(join(root, "earlier", "owner.json"), JSON.stringify({ ...self, startedAt: self.startedAt - 60_000 }));
  expect(await cleanScratch(root)).toEqual(["earlier"]);
});

it("GIVEN files without an owner (earlier versions' layout) THEN they go once untouched for 6 hours, not before", async () => {
  const root = newRoot();
  mkdirSync(join(root, "grade-old"));
  mkdirSync(join(root, "uploads"));
  writeFileSync(join(root, "stray.zip"), "zip");
  ago(join(root, "grade-old"), 7 * 3_600_000);
  ago(join(root, "stray.zip"), 7 * 3_600_000);
  expect((await cleanScratch(root)).sort()).toEqual(["grade-old", "stray.zip"]);
  expect(readdirSync(root)).toEqual(["uploads"]);
});

it("GIVEN an unreadable owner file (killed while writing it) THEN only its age decides", async () => {
  const root = newRoot();
  mkdirSync(join(root, "torn"));
  writeFileSync(join(root, "torn", "owner.json"), '{"host":"x","pi');
  expect(await cleanScratch(root)).toEqual([]);
  ago(join(root, "torn", "owner.json"), 16 * 60_000);
  expect(await cleanScratch(root)).toEqual(["torn"]);
});

it("GIVEN no scratch folder yet THEN cleaning finds nothing and opening makes it", async () => {
  const root = join(work, "not-yet", "tmp");
  expect(await cleanScratch(root)).toEqual([]);
  const scratch = await openScratch(root);
  expect(existsSync(join(scratch.dir, "owner.json"))).toBe(true);
  await scratch.close();
});
