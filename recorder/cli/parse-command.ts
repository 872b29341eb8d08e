import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";
import { parseCut, parseDuration } from "./durations.js";
import { HELP, USAGE } from "./help.js";
import { parseSensitivePattern } from "../capture/sensitive-windows.js";

const recordingId = z
  .string({ error: "a recording id is required (see forge list)" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$/, "a recording id has only letters, digits, '.', '_' and '-'");

const duration = (flag: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null || ms <= 0) {
      ctx.addIssue({ code: "custom", message: `${flag} takes a duration like 10s, 30m or 1h` });
      return z.NEVER;
    }
    return ms;
  });

const Login = z.object({
  command: z.literal("login"),
  code: z
    .string({ error: "the pairing code from the bot is required: forge login <code>" })
    .regex(/^[A-Za-z0-9-]{4,64}$/, "a pairing code has only letters, digits and '-'"),
  server: z.url({ protocol: /^https?$/, error: "--server must be an http(s) URL" }).optional(),
});

const Record = z
  .object({
    command: z.literal("record"),
    factory: z.string().min(1).optional(),
    task: z.string().min(1).optional(),
    display: z
      .string()
      .regex(/^[A-Za-z0-9.-]*:\d+(\.\d+)?$/, "--display looks like :99 or host:0.0")
      .optional(),
    fps: z.coerce
      .number({ error: "--fps takes a number" })
      .int("--fps takes a whole number")
      .min(1, "--fps is at least 1")
      .max(60, "--fps is at most 60")
      .default(15),
    maxDurationMs: duration("--max-duration").default(30 * 60_000),
    durationMs: duration("--duration").optional(),
    block: z
      .string()
      .transform((s) =>
        s
          .split(",")
          .map((a) => a.trim())
          .filter((a) => a.length > 0),
      )
      .default([]),
    maskAll: z.boolean().default(false),
    sensitive: z
      .array(
        z.string().transform((text, ctx) => {
          const pattern = parseSensitivePattern(text);
          if (!pattern.ok) {
            ctx.addIssue({ code: "custom", message: `--sensitive: ${pattern.message}` });
            return z.NEVER;
          }
          return pattern.value;
        }),
      )
      .default([]),
    allowUnenforcedPrivacy: z.boolean().default(false),
  })
  .refine((r) => (r.factory === undefined) === (r.task === undefined), {
    message: "--factory and --task go together",
  });

const Cut = z.string().transform((text, ctx) => {
  const cut = parseCut(text);
  if (!cut) {
    ctx.addIssue({ code: "custom", message: `--cut "${text}" should look like 00:10-00:25 (start before end)` });
    return z.NEVER;
  }
  return cut;
});

const Command = z.discriminatedUnion("command", [
  Login,
  Record,
  z.object({ command: z.literal("logout") }),
  z.object({ command: z.literal("list") }),
  z.object({ command: z.literal("replay"), id: recordingId, open: z.boolean().default(false) }),
  z.object({
    command: z.literal("trim"),
    id: recordingId,
    cuts: z.array(Cut, { error: "--cut is required" }).min(1, "give at least one --cut START-END"),
  }),
  z.object({ command: z.literal("process"), id: recordingId }),
  z.object({ command: z.literal("upload"), id: recordingId }),
  z.object({ command: z.literal("delete"), id: recordingId, yes: z.boolean().default(false) }),
]);

export type Command = z.output<typeof Command>;
export type RecordCommand = Extract<Command, { command: "record" }>;

export type Parsed =
  { ok: true; command: Command } | { ok: true; help: string } | { ok: false; message: string; help?: string };

type Options = NonNullable<ParseArgsConfig["options"]>;
const help: Options = { help: { type: "boolean", short: "h" } };

/** Flags of each command and how its positional argument is named. */
const SPECS: Record<string, { options: Options; positional?: string }> = {
  login: { options: { server: { type: "string" } }, positional: "code" },
  logout: { options: {} },
  record: {
    options: {
      factory: { type: "string" },
      task: { type: "string" },
      display: { type: "string" },
      fps: { type: "string" },
      "max-duration": { type: "string" },
      duration: { type: "string" },
      block: { type: "string" },
      "mask-all": { type: "boolean" },
      sensitive: { type: "string", multiple: true },
      "allow-unenforced-privacy": { type: "boolean" },
    },
  },
  list: { options: {} },
  replay: { options: { open: { type: "boolean" } }, positional: "id" },
  trim: { options: { cut: { type: "string", multiple: true } }, positional: "id" },
  process: { options: {}, positional: "id" },
  upload: { options: {}, positional: "id" },
  delete: { options: { yes: { type: "boolean", short: "y" } }, positional: "id" },
};

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const RENAMED: Record<string, string> = { maxDuration: "maxDurationMs", duration: "durationMs", cut: "cuts" };

/**
 * Parses `forge` argv (without node and the script) into a validated command, or the help
 * to print, or a message saying what is wrong. Never throws.
 */
export function parseCommand(argv: readonly string[]): Parsed {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") return { ok: true, help: USAGE };
  const spec = SPECS[name];
  if (!spec) return { ok: false, message: `unknown command "${name}"`, help: USAGE };
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: [...rest], options: { ...spec.options, ...help }, allowPositionals: true });
    values = parsed.values;
    positionals = parsed.positionals;
  } catch (error) {
    return { ok: false, message: (error as Error).message, help: HELP[name] };
  }
  if (values.help) return { ok: true, help: HELP[name] ?? USAGE };
  const maxPositionals = spec.positional ? 1 : 0;
  if (positionals.length > maxPositionals)
    return { ok: false, message: `unexpected argument "${positionals[maxPositionals]}"`, help: HELP[name] };
  const input: Record<string, unknown> = { command: name };
  for (const [key, value] of Object.entries(values)) input[RENAMED[camel(key)] ?? camel(key)] = value;
  if (spec.positional && positionals[0] !== undefined) input[spec.positional] = positionals[0];
  const result = Command.safeParse(input);
  if (result.success) return { ok: true, command: result.data };
  return { ok: false, message: result.error.issues.map((i) => i.message).join("; "), help: HELP[name] };
}
