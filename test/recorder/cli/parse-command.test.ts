import { describe, expect, it } from "vitest";
import { formatClock, parseClock, parseCut, parseDuration } from "../../../recorder/cli/durations.js";
import { parseCommand } from "../../../recorder/cli/parse-command.js";

const command = (argv: string[]) => {
  const parsed = parseCommand(argv);
  if (!parsed.ok || !("command" in parsed)) throw new Error(`expected a command, got ${JSON.stringify(parsed)}`);
  return parsed.command;
};
const failure = (argv: string[]) => {
  const parsed = parseCommand(argv);
  if (parsed.ok) throw new Error(`expected a failure, got ${JSON.stringify(parsed)}`);
  return parsed.message;
};

describe("forge argument parsing", () => {
  it("GIVEN record with no flags THEN it records the paired task at 15 fps for at most 30 minutes", () => {
    expect(command(["record"])).toEqual({
      command: "record",
      fps: 15,
      maxDurationMs: 30 * 60_000,
      block: [],
      maskAll: false,
      sensitive: [],
      allowUnenforcedPrivacy: false,
    });
  });

  it("GIVEN every record flag THEN each is parsed into its typed value", () => {
    expect(
      command([
        "record",
        "--factory",
        "f1",
        "--task",
        "t1",
        "--display",
        ":99",
        "--fps",
        "30",
        "--max-duration",
        "1h30m",
        "--duration",
        "10s",
        "--block",
        "keepass, signal ,",
        "--mask-all",
        "--sensitive",
        "title:My Vault",
        "--sensitive",
        "/^Unlock/",
        "--allow-unenforced-privacy",
      ]),
    ).toEqual({
      command: "record",
      factory: "f1",
      task: "t1",
      display: ":99",
      fps: 30,
      maxDurationMs: 5_400_000,
      durationMs: 10_000,
      block: ["keepass", "signal"],
      maskAll: true,
      sensitive: [
        { field: "title", regex: /My Vault/i, source: "title:My Vault" },
        { field: "any", regex: /^Unlock/i, source: "/^Unlock/" },
      ],
      allowUnenforcedPrivacy: true,
    });
  });

  it.each([
    [["record", "--fps", "0"], "--fps is at least 1"],
    [["record", "--fps", "2.5"], "--fps takes a whole number"],
    [["record", "--duration", "soon"], "--duration takes a duration"],
    [["record", "--factory", "f1"], "--factory and --task go together"],
    [["record", "--display", "nine"], "--display looks like :99"],
    [["record", "--volume", "3"], "Unknown option '--volume'"],
    [["login"], "the pairing code from the bot is required"],
    [["login", "ABC-123", "--server", "ftp://x"], "--server must be an http(s) URL"],
    [["trim", "rec1"], "--cut is required"],
    [["trim", "rec1", "--cut", "00:25-00:10"], "should look like 00:10-00:25"],
    [["upload"], "a recording id is required"],
    [["upload", "../etc"], "a recording id has only"],
    [["list", "extra"], 'unexpected argument "extra"'],
    [["fly"], 'unknown command "fly"'],
  ])("GIVEN %j THEN it is refused with a message naming the problem", (argv, message) => {
    expect(failure(argv)).toContain(message);
  });

  it("GIVEN several --cut flags THEN trim receives each range in milliseconds", () => {
    expect(command(["trim", "rec-1", "--cut", "00:10-00:25", "--cut", "1:00:00-1:00:01.5"])).toEqual({
      command: "trim",
      id: "rec-1",
      cuts: [
        { startMs: 10_000, endMs: 25_000 },
        { startMs: 3_600_000, endMs: 3_601_500 },
      ],
    });
  });

  it.each([[[]], [["--help"]], [["record", "--help"]], [["upload", "-h"]], [["trim", "x", "--help"]]])(
    "GIVEN %j THEN usage is returned instead of a command",
    (argv) => {
      const parsed = parseCommand(argv);
      expect(parsed.ok && "help" in parsed ? parsed.help : null).toMatch(/^(Usage: forge|forge: record)/);
    },
  );
});

describe("time notations", () => {
  it.each([
    ["10s", 10_000],
    ["30m", 1_800_000],
    ["1h30m", 5_400_000],
    ["250ms", 250],
    ["4", 4_000],
    ["1.5s", 1_500],
  ])("duration %s is %i ms", (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(["", "s", "10x", "10s junk", "-5s"])("duration %j is malformed", (text) =>
    expect(parseDuration(text)).toBeNull(),
  );

  it("reads clock positions and formats them back", () => {
    expect(parseClock("00:10")).toBe(10_000);
    expect(parseClock("1:02:03.5")).toBe(3_723_500);
    expect(parseClock("1.5:00")).toBeNull();
    expect(parseCut("5-5")).toBeNull();
    expect(formatClock(75_500)).toBe("01:15");
    expect(formatClock(3_723_000)).toBe("1:02:03");
  });
});
