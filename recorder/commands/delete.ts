import { rm } from "node:fs/promises";
import { createInterface } from "node:readline/promises";
import { userError } from "../cli/cli-error.js";
import type { Context } from "../cli/context.js";
import { formatBytes } from "../cli/durations.js";
import type { Command } from "../cli/parse-command.js";
import { recordingsDir } from "../home/forge-home.js";
import { incompleteInfo, treeSize } from "../home/incomplete-recording.js";
import { findRecording, loadRecording, RecordingId, type RecordingEntry } from "../home/recording-files.js";
import { formatDate, statusOf } from "./list.js";

/** Asks a yes/no question; null when nobody can be asked (no terminal). */
export type Confirm = (question: string) => Promise<boolean | null>;

/** Asks on the terminal (question on stderr, answer from stdin); only "y" or "yes" confirms. */
export const terminalConfirm: Confirm = async (question) => {
  if (!process.stdin.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
};

/** One line naming what would be deleted, so the person confirms knowing which recording it is. */
async function describe(ctx: Context, entry: RecordingEntry): Promise<string> {
  if (!entry.complete) {
    const info = await incompleteInfo(entry.paths);
    if (info.recording)
      throw userError(`recording ${entry.id} is still being recorded: stop it first (Ctrl+Alt+S or Ctrl-C)`);
    return `${entry.id} (incomplete, started ${formatDate(info.startedAt)} UTC, ${formatBytes(info.size)})`;
  }
  const size = await treeSize(entry.paths.dir);
  const recording = await loadRecording(ctx.home, entry.id).catch(() => null);
  const what = recording ? `"${recording.meta.quest.title}", ${formatDate(recording.meta.timestamp)} UTC, ` : "";
  return `${entry.id} (${what}${await statusOf(entry.paths)}, ${formatBytes(size)})`;
}

/**
 * `forge delete <id> [--yes]`: removes one recording folder of this home, complete or
 * incomplete, after a confirmation (or --yes). The id must name one of the listed recordings,
 * so no other folder can be reached through it. Only this machine's copy is removed.
 */
export async function deleteRecording(
  command: Extract<Command, { command: "delete" }>,
  ctx: Context,
  confirm: Confirm = terminalConfirm,
): Promise<void> {
  const id = RecordingId.safeParse(command.id);
  if (!id.success) throw userError(id.error.issues[0]?.message ?? "not a recording id");
  const entry = await findRecording(ctx.home, id.data);
  if (!entry) throw userError(`no recording "${id.data}" in ${recordingsDir(ctx.home)} (see forge list)`);
  const text = await describe(ctx, entry);
  if (!command.yes) {
    const answer = await confirm(`Delete recording ${text} from this machine? This cannot be undone. [y/N] `);
    if (answer === null)
      throw userError(
        `forge delete asks for confirmation on a terminal: run forge delete ${entry.id} --yes to delete without asking`,
      );
    if (!answer) return ctx.io.out("Nothing deleted.");
  }
  await rm(entry.paths.dir, { recursive: true });
  ctx.io.out(`Deleted recording ${text} from this machine.`);
}
