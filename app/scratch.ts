// Scratch space under DATA_DIR/tmp (grading work folders, upload and chat archives being
// unpacked), shared by every process that mounts the data volume. A killed process leaves its
// files behind; the next one to start removes them, and never the files of a process still
// working.
//
// The rule: each process works in its own folder, named after it (host, pid, start time), with
// an owner file it rewrites every minute (the heartbeat). Another folder is a leftover when
//   - its heartbeat is older than 15 minutes (its owner died, wherever it ran), or
//   - its owner ran here (same host name and pid namespace, so pids compare) and its pid is no
//     longer alive, or is our own pid with another start time (the container restarted).
// Anything else in the folder (the one-folder-for-all layout of earlier versions, or a folder
// whose owner was killed before writing its owner file) is removed once untouched for 6 hours:
// no scratch folder lives that long.
import { readlinkSync } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";

const OWNER_FILE = "owner.json";
const HEARTBEAT_MS = 60_000;
const STALE_MS = 15 * 60_000;
const UNOWNED_MS = 6 * 3_600_000;

const ownerSchema = z.object({ host: z.string(), pidSpace: z.string(), pid: z.number().int(), startedAt: z.number() });
type Owner = z.infer<typeof ownerSchema>;

/** This process, as its owner file names it; the pid namespace tells containers sharing a host name apart. */
function thisProcess(): Owner {
  let pidSpace = "";
  try {
    pidSpace = readlinkSync("/proc/self/ns/pid"); // "pid:[4026531836]"; absent off Linux
  } catch {
    // no /proc: one pid space per host
  }
  return { host: hostname(), pidSpace, pid: process.pid, startedAt: Math.round(performance.timeOrigin) };
}

const folderName = (o: Owner) => `${o.host.replace(/[^\w.-]/g, "_")}-${o.pid}-${o.startedAt}`;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, run by another user
  }
}

function ownerGone(owner: Owner, heartbeatAgeMs: number, self: Owner): boolean {
  if (heartbeatAgeMs > STALE_MS) return true;
  if (owner.host !== self.host || owner.pidSpace !== self.pidSpace) return false; // only its heartbeat can tell
  if (owner.pid === self.pid) return owner.startedAt !== self.startedAt;
  return !pidAlive(owner.pid);
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as unknown;
  } catch {
    return null; // gone, or torn
  }
}

async function isLeftover(path: string, self: Owner, now: number): Promise<boolean> {
  const ownerFile = await stat(join(path, OWNER_FILE)).catch(() => null);
  if (!ownerFile) {
    const entry = await stat(path).catch(() => null);
    return entry !== null && now - entry.mtimeMs > UNOWNED_MS;
  }
  const owner = ownerSchema.safeParse(await readJson(join(path, OWNER_FILE)));
  const age = now - ownerFile.mtimeMs;
  // An unreadable owner file (killed while writing it) leaves only its age to go by.
  return owner.success ? ownerGone(owner.data, age, self) : age > STALE_MS;
}

/**
 * Removes what processes that are gone left in `root` (see the rule above); returns the names
 * removed. Safe to run from several processes at once.
 */
export async function cleanScratch(root: string, options: { now?: number } = {}): Promise<string[]> {
  const self = thisProcess();
  const now = options.now ?? Date.now();
  const names = await readdir(root).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const path = join(root, name);
    if (name === folderName(self) || !(await isLeftover(path, self, now).catch(() => false))) continue;
    await rm(path, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

export interface Scratch {
  /** This process's own folder: pass it (or folders inside it) as work dirs. */
  readonly dir: string;
  /** What the start-up cleaning removed. */
  readonly removed: readonly string[];
  /** Stops the heartbeat and removes this process's folder. */
  close(): Promise<void>;
}

/**
 * Cleans `root`, then makes this process's folder in it and keeps its heartbeat. One per
 * process: a second call returns the same folder.
 */
export async function openScratch(root: string): Promise<Scratch> {
  const removed = await cleanScratch(root);
  const self = thisProcess();
  const dir = join(root, folderName(self));
  // Rewritten, not touched: a folder removed by mistake (a clock far off on another host) comes back.
  const beat = () => mkdir(dir, { recursive: true }).then(() => writeFile(join(dir, OWNER_FILE), JSON.stringify(self)));
  let beating = beat();
  await beating;
  const timer = setInterval(() => (beating = beat().catch(() => undefined)), HEARTBEAT_MS);
  timer.unref();
  return {
    dir,
    removed,
    async close() {
      clearInterval(timer);
      await beating; // a beat in flight would bring the folder back
      await rm(dir, { recursive: true, force: true });
    },
  };
}
