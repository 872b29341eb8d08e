// A wizard: questions asked in order, whose state is data (JSON), so it can be stored in
// Postgres by account and continued from either chat platform. Its fields are grouped into
// pages of at most five (a Discord modal's limit); Telegram asks one field at a time. This
// module is the engine: pure functions of a definition, a state and what was typed.
import type { TokenRegistry } from "../../core/money/tokens.js";
import type { Locale, Translate } from "../i18n.js";
import type { View } from "../views/view.js";
import { action } from "../views/view.js";

export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** A Fluent message: its key and arguments, an argument possibly a message of its own. */
export interface Message {
  readonly key: string;
  readonly args?: Readonly<Record<string, string | number | Message>>;
}

export type Parsed = { ok: true; value: Json } | { ok: false; error: Message };

/** What a field's parser may look at: the person's language, the tokens, the answers so far, the wizard's params. */
export interface ParseContext {
  readonly locale: Locale;
  readonly tokens: TokenRegistry;
  readonly values: Readonly<Record<string, Json>>;
  readonly params: Readonly<Record<string, Json>>;
}

export interface Field {
  readonly id: string;
  /** The question, as a chat message. */
  readonly prompt: Message;
  /** Fluent key of a short label (a modal's text input: 45 characters at most). */
  readonly labelKey: string;
  /** Fluent key of an example answer. */
  readonly placeholderKey?: string;
  readonly required: boolean;
  readonly minLength: number;
  readonly maxLength: number;
  readonly multiline?: boolean;
  /** Answers offered as buttons (the token list); typing one is as good as pressing it. */
  readonly choices?: readonly { readonly value: string; readonly label: string; readonly action: string }[];
  /** What a modal shows before anything is typed (the value being edited). */
  readonly initial?: string;
  readonly parse: (text: string, ctx: ParseContext) => Parsed;
}

/** The state of one person's wizard: everything needed to continue it, as JSON. */
export interface WizardState {
  readonly version: 1;
  readonly kind: string;
  readonly accountId: string;
  /** What the wizard was started with (the factory, the field to edit, the purpose...). */
  readonly params: Readonly<Record<string, Json>>;
  /** Answers as the flow will use them (amounts as decimal strings of base units). */
  readonly values: Readonly<Record<string, Json>>;
  /** Answers as typed: a modal shows them again. */
  readonly texts: Readonly<Record<string, string>>;
  /** ISO time after which the wizard is forgotten. */
  readonly expiresAt: string;
}

export interface Definition {
  /** Pages of at most five fields, in the order they are asked. */
  pages(state: WizardState, tokens: TokenRegistry): readonly (readonly Field[])[];
  /** When every field is answered: the summary to confirm (with its buttons), or none (finish at once). */
  confirm?(state: WizardState, t: Translate, tokens: TokenRegistry): View;
  /** What to read before the first question (a message to sign): shown once, when the wizard starts. */
  intro?(state: WizardState, t: Translate): View;
}

export const PAGE_SIZE = 5;
/** Where the edges keep each account's wizard (bot_state keys `wizard:<account>`). */
export const WIZARD_NAMESPACE = "wizard";
/** A wizard left alone this long is forgotten. */
export const WIZARD_TTL_MS = 24 * 60 * 60 * 1000;
/** The Cancel button under every question (the same data as before the wizards moved here). */
export const WIZARD_CANCEL = "conv:cancel";

export const expiresAt = (now: Date): string => new Date(now.getTime() + WIZARD_TTL_MS).toISOString();
export const expired = (state: WizardState, now: Date): boolean => Date.parse(state.expiresAt) <= now.getTime();

export function newState(kind: string, accountId: string, params: Record<string, Json>, now: Date): WizardState {
  return { version: 1, kind, accountId, params, values: {}, texts: {}, expiresAt: expiresAt(now) };
}

/** A message in the person's language; nested messages are translated first. */
export function say(t: Translate, message: Message): string {
  const args = Object.fromEntries(
    Object.entries(message.args ?? {}).map(([k, v]) => [k, typeof v === "object" ? say(t, v) : v]),
  );
  return t(message.key, args);
}

const fields = (def: Definition, state: WizardState, tokens: TokenRegistry) => def.pages(state, tokens).flat();

/** The first field not answered yet, or null when all are. */
export function nextField(def: Definition, state: WizardState, tokens: TokenRegistry): Field | null {
  return fields(def, state, tokens).find((f) => !(f.id in state.values)) ?? null;
}

/** A field's question with its choices and a Cancel button. */
export function questionView(t: Translate, field: Field): View {
  const choices = field.choices?.length ? [field.choices.map((c) => action(c.label, c.action))] : [];
  return { text: say(t, field.prompt), buttons: [...choices, [action(t("conv-cancel"), WIZARD_CANCEL)]] };
}

export type Answered =
  | {
      ok: true;
      state: WizardState;
      /** The next question, the summary to confirm, or null: finish now. */ view: View | null;
    }
  | { ok: false; errors: readonly { fieldId: string; message: Message }[]; view: View };

interface Env {
  readonly t: Translate;
  readonly locale: Locale;
  readonly tokens: TokenRegistry;
  readonly now: Date;
}

/** What comes after `state`: the next question, else the summary to confirm, else nothing. */
export function nextView(def: Definition, state: WizardState, env: Env): View | null {
  const field = nextField(def, state, env.tokens);
  if (field) return questionView(env.t, field);
  return def.confirm ? def.confirm(state, env.t, env.tokens) : null;
}

/**
 * Answers the fields of one page at once (a Discord modal). Every field is checked; when one or
 * more are wrong, each is reported and the state does not change. A field of a page not reached
 * yet is refused (it may depend on earlier answers); a field left out keeps its earlier answer.
 */
export function answerPage(def: Definition, state: WizardState, texts: Record<string, string>, env: Env): Answered {
  const pages = def.pages(state, env.tokens);
  const current = pages.findIndex((page) => page.some((f) => !(f.id in state.values)));
  const reached = current < 0 ? pages : pages.slice(0, current + 1);
  const known = new Map(reached.flat().map((f) => [f.id, f]));
  const errors: { fieldId: string; message: Message }[] = [];
  const values: Record<string, Json> = { ...state.values };
  const typed: Record<string, string> = { ...state.texts };
  // In the page's order: a field may check its answer against an earlier one of the same page.
  const order = [...known.keys()];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  for (const [fieldId, raw] of Object.entries(texts).sort(([a], [b]) => rank(a) - rank(b))) {
    const field = known.get(fieldId);
    if (!field) {
      errors.push({ fieldId, message: { key: "wizard-unknown-field" } });
      continue;
    }
    const parsed = field.parse(raw.trim(), { locale: env.locale, tokens: env.tokens, values, params: state.params });
    if (!parsed.ok) errors.push({ fieldId, message: parsed.error });
    else {
      values[fieldId] = parsed.value;
      typed[fieldId] = raw.trim();
    }
  }
  if (errors.length) {
    // One answer: what is wrong with it. A page: each wrong field by its label.
    const line = (e: (typeof errors)[number]) => {
      const field = known.get(e.fieldId);
      const problem = say(env.t, e.message);
      return field ? env.t("wizard-field-error", { field: env.t(field.labelKey), problem }) : `⚠️ ${problem}`;
    };
    const text = Object.keys(texts).length === 1 ? say(env.t, errors[0]!.message) : errors.map(line).join("\n");
    return { ok: false, errors, view: { text, buttons: [[action(env.t("conv-cancel"), WIZARD_CANCEL)]] } };
  }
  const next: WizardState = { ...state, values, texts: typed, expiresAt: expiresAt(env.now) };
  return { ok: true, state: next, view: nextView(def, next, env) };
}

/** Answers one field (Telegram: one question at a time). A wrong answer changes nothing. */
export const answer = (def: Definition, state: WizardState, fieldId: string, text: string, env: Env): Answered =>
  answerPage(def, state, { [fieldId]: text }, env);

/** True once every field has an answer. */
export const complete = (def: Definition, state: WizardState, tokens: TokenRegistry): boolean =>
  nextField(def, state, tokens) === null;

/** What a modal for the page of the next unanswered field needs. */
export interface PageSpec {
  readonly index: number;
  readonly count: number;
  readonly fields: readonly {
    readonly id: string;
    readonly label: string;
    /** The question as a chat message would ask it (a modal may show it above its input). */
    readonly prompt: string;
    readonly placeholder?: string;
    readonly required: boolean;
    readonly minLength: number;
    readonly maxLength: number;
    readonly multiline: boolean;
    readonly choices?: readonly { readonly value: string; readonly label: string; readonly action: string }[];
    /** What was typed before, else the value being edited. */
    readonly value?: string;
  }[];
}

export function pageSpec(def: Definition, state: WizardState, t: Translate, tokens: TokenRegistry): PageSpec | null {
  const pages = def.pages(state, tokens);
  const index = pages.findIndex((page) => page.some((f) => !(f.id in state.values)));
  if (index < 0) return null;
  return {
    index,
    count: pages.length,
    fields: pages[index]!.map((f) => ({
      id: f.id,
      label: t(f.labelKey),
      prompt: say(t, f.prompt),
      placeholder: f.placeholderKey === undefined ? undefined : t(f.placeholderKey),
      required: f.required,
      minLength: f.minLength,
      maxLength: f.maxLength,
      multiline: f.multiline ?? false,
      choices: f.choices,
      value: state.texts[f.id] ?? f.initial,
    })),
  };
}
