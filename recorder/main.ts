// Composition root of the `forge` recorder CLI: parses the command, builds the context
// (FORGE_HOME, output, fetch, signals) and maps failures onto exit codes.
import { CliError, EXIT } from "./cli/cli-error.js";
import type { Context } from "./cli/context.js";
import { processIo, type Io } from "./cli/io.js";
import { parseCommand, type Command } from "./cli/parse-command.js";
import { forgeHome } from "./home/forge-home.js";

async function dispatch(command: Command, ctx: Context): Promise<void> {
  switch (command.command) {
    case "login":
      return (await import("./commands/login.js")).login(command, ctx);
    case "logout":
      return (await import("./commands/logout.js")).logout(ctx);
    case "record":
      return (await import("./commands/record.js")).record(command, ctx);
    case "list":
      return (await import("./commands/list.js")).list(ctx);
    case "replay":
      return (await import("./commands/replay.js")).replay(command, ctx);
    case "trim":
      return (await import("./commands/trim.js")).trim(command, ctx);
    case "process":
      return (await import("./commands/process.js")).processRecording(command, ctx);
    case "upload":
      return (await import("./commands/upload.js")).upload(command, ctx);
    case "delete":
      return (await import("./commands/delete.js")).deleteRecording(command, ctx);
  }
}

/** Ctrl-C / SIGTERM ask the recording to stop cleanly; a second Ctrl-C quits at once. */
function interruption(): Promise<void> {
  return new Promise((resolve) => {
    let asked = false;
    const onSignal = () => {
      if (asked) process.exit(130);
      asked = true;
      resolve();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}

/** Runs `forge` with these arguments and returns the exit code. */
export async function runForge(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommand(argv);
  if (!parsed.ok) {
    io.err(`forge: ${parsed.message}`);
    if (parsed.help) io.err(`\n${parsed.help}`);
    return EXIT.user;
  }
  if ("help" in parsed) {
    io.out(parsed.help);
    return EXIT.ok;
  }
  const ctx: Context = {
    home: forgeHome(process.env),
    env: process.env,
    io,
    platform: process.platform,
    fetch: globalThis.fetch,
    interrupted: parsed.command.command === "record" ? interruption() : new Promise<void>(() => {}),
  };
  try {
    await dispatch(parsed.command, ctx);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`forge: ${error.message}`);
      return error.exitCode;
    }
    io.err(
      `forge: unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT.environment;
  }
}

process.exitCode = await runForge(process.argv.slice(2), processIo(process.stdout, process.stderr));
// uiohook and pending sockets may keep the loop alive; the work is done.
process.exit();
