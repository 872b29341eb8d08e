// The answers the factory wizards ask for, and how each is read: the same rules whichever chat
// it is typed in. What is wrong is said with a Fluent message.
import { MIN_THRESHOLD } from "../../core/economics/rules.js";
import {
  FactoryNameSchema,
  TaskInputSchema,
  TEXT_LIMITS,
  UseCaseSchema,
  type FactoryLimits,
  type TaskInput,
} from "../../core/factories/factory.js";
import { parseTypedAmount } from "../../core/money/typed-amount.js";
import type { DomainError } from "../../core/shared/errors.js";
import { plain } from "../views/view.js";
import type { Field, Json, Message, Parsed } from "./wizard.js";

export function parseTasks(text: string): TaskInput[] | null {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0 || lines.length > 50) return null;
  const tasks: TaskInput[] = [];
  for (const line of lines) {
    const [title, ...rest] = line.split(":");
    const prompt = rest.join(":").trim() || title!.trim();
    // Core's rules for typed text: a visible character, a length in characters people see.
    const task = TaskInputSchema.safeParse({ title: title!.trim(), prompt, app: null });
    if (!task.success) return null;
    tasks.push(task.data);
  }
  return tasks;
}

export function parseLimits(text: string): FactoryLimits | null {
  const trimmed = text.trim().toLowerCase();
  if (["none", "no", "ninguno", "0"].includes(trimmed)) return { perTask: null, perDay: null, total: null };
  const parts = trimmed.split(/[\s,;/]+/).filter(Boolean);
  if (parts.length !== 3 || !parts.every((p) => /^\d{1,6}$/.test(p))) return null;
  const [perTask, perDay, total] = parts.map((p) => (Number(p) === 0 ? null : Number(p))) as [
    number | null,
    number | null,
    number | null,
  ];
  return { perTask, perDay, total };
}

export const parseThreshold = (s: string): number | null => {
  const n = Number(s);
  return /^\d+$/.test(s) && n >= MIN_THRESHOLD && n <= 100 ? n : null;
};

/** Typed text as core will keep it (cleaned), or null when core would refuse it. */
const typedText =
  (schema: typeof FactoryNameSchema | typeof UseCaseSchema) =>
  (s: string): string | null => {
    const parsed = schema.safeParse(s);
    return parsed.success ? parsed.data : null;
  };

/** A parser from a function answering null for what it refuses. */
const orRetry =
  (retry: Message, fn: (text: string) => unknown) =>
  (text: string): Parsed => {
    const value = fn(text);
    return value === null ? { ok: false, error: retry } : { ok: true, value: value as Json };
  };

function amountProblem(error: DomainError | null): Message {
  if (error?.code === "AMOUNT_AMBIGUOUS") {
    const { input, whole, decimal } = error.context as Record<string, string>;
    return {
      key: "error-AMOUNT_AMBIGUOUS",
      args: { input: plain(input ?? ""), whole: whole ?? "", decimal: decimal ?? "" },
    };
  }
  return { key: `error-${error?.code ?? "AMOUNT_INVALID"}` };
}

/**
 * A positive amount in a token's decimals, as people of the person's language write it ("12,5"
 * in Spanish), kept as a decimal string of base units; what could be read two ways is asked
 * again, naming both ways to write it.
 */
export function amountParser(decimals: (values: Readonly<Record<string, unknown>>) => number | null) {
  return (text: string, ctx: Parameters<Field["parse"]>[1]): Parsed => {
    const places = decimals(ctx.values);
    if (places === null) return { ok: false, error: { key: "nf-token" } };
    const parsed = parseTypedAmount(text, places, ctx.locale);
    if (parsed.ok && parsed.value > 0n) return { ok: true, value: parsed.value.toString() };
    return {
      ok: false,
      error: { key: "retry-amount", args: { reason: amountProblem(parsed.ok ? null : parsed.error) } },
    };
  };
}

const text = { required: true, minLength: 1 } as const;

export const nameField = (prompt: Message): Field => ({
  id: "name",
  prompt,
  labelKey: "wizard-label-name",
  ...text,
  maxLength: TEXT_LIMITS.name,
  parse: orRetry({ key: "retry-name" }, typedText(FactoryNameSchema)),
});

export const useCaseField = (prompt: Message): Field => ({
  id: "useCase",
  prompt,
  labelKey: "wizard-label-usecase",
  ...text,
  maxLength: TEXT_LIMITS.useCase,
  multiline: true,
  parse: orRetry({ key: "retry-usecase" }, typedText(UseCaseSchema)),
});

export const tasksField = (id: string, prompt: Message): Field => ({
  id,
  prompt,
  labelKey: "wizard-label-tasks",
  placeholderKey: "wizard-placeholder-tasks",
  ...text,
  maxLength: 4000,
  multiline: true,
  parse: orRetry({ key: "retry-tasks" }, parseTasks),
});

export const thresholdField = (prompt: Message, initial?: number): Field => ({
  id: "threshold",
  prompt,
  labelKey: "wizard-label-threshold",
  placeholderKey: "wizard-placeholder-threshold",
  ...text,
  maxLength: 3,
  initial: initial === undefined ? undefined : String(initial),
  parse: orRetry({ key: "retry-threshold", args: { min: MIN_THRESHOLD } }, parseThreshold),
});

export const limitsField = (prompt: Message, initial?: FactoryLimits): Field => ({
  id: "limits",
  prompt,
  labelKey: "wizard-label-limits",
  placeholderKey: "wizard-placeholder-limits",
  ...text,
  maxLength: 40,
  initial: initial ? limitsAnswer(initial) : undefined,
  parse: orRetry({ key: "retry-limits" }, parseLimits),
});

/** Limits written the way the limits question takes them: "3, 10, 50" (0 = none), or "none". */
const limitsAnswer = (l: FactoryLimits): string =>
  l.perTask === null && l.perDay === null && l.total === null
    ? "0, 0, 0"
    : [l.perTask, l.perDay, l.total].map((n) => n ?? 0).join(", ");

export const amountField = (
  id: string,
  prompt: Message,
  decimals: (values: Readonly<Record<string, unknown>>) => number | null,
  /** The amount being edited, as one would type it ("2.5"). */
  initial?: string,
): Field => ({
  id,
  prompt,
  labelKey: "wizard-label-amount",
  placeholderKey: "wizard-placeholder-amount",
  ...text,
  maxLength: 40,
  initial,
  parse: amountParser(decimals),
});
