// The wizards both chat edges drive: new factory, edit factory, fund (stake, unstake, gas),
// linking a wallet by a signed message, launching a dataset token or a meta-dataset.
// A person has at most one in progress, stored by ACCOUNT (not chat) for a day, so one begun
// on Telegram can be finished on Discord. The edges translate messages, buttons and modal
// submits into these calls and show the Outcome; /cancel forgets the wizard.
import type { BotDeps, Person } from "./deps.js";
import { editFactoryWizard, type EditedField } from "./edit-factory.js";
import { newFactoryWizard } from "./factory-wizard.js";
import { fundWizard, type FundInput } from "./fund.js";
import { walletSignWizard } from "./wallet-sign.js";
import { metaLaunchWizard, tokenLaunchWizard } from "./token-launch.js";
import { asNew, step, type Step } from "./step.js";
import * as engine from "./wizard.js";
import type { PageSpec, WizardState } from "./wizard.js";
import type { Outcome, WizardDeps, WizardKind } from "./wizard-kind.js";
import type { View } from "../views/view.js";

export type { Outcome, PaymentToShow } from "./wizard-kind.js";
export type { PageSpec, WizardState } from "./wizard.js";
export { WIZARD_CANCEL } from "./wizard.js";
export { NEW_FACTORY_CREATE } from "./factory-wizard.js";

export type WizardStart =
  | { kind: "newfactory" }
  | { kind: "editfactory"; factoryId: string; field: EditedField }
  | ({ kind: "fund" } & FundInput)
  | { kind: "walletsign" }
  | { kind: "tokenlaunch"; factoryId: string }
  | { kind: "metalaunch"; tokenIds: readonly string[] };

const KINDS: Record<WizardStart["kind"], WizardKind<never>> = {
  newfactory: newFactoryWizard,
  editfactory: editFactoryWizard,
  fund: fundWizard,
  walletsign: walletSignWizard,
  tokenlaunch: tokenLaunchWizard,
  metalaunch: metaLaunchWizard,
};

const kindOf = (state: WizardState): WizardKind<never> | undefined => KINDS[state.kind as WizardStart["kind"]];

export type StoreDeps = WizardDeps & Pick<BotDeps, "wizards">;

const env = (deps: WizardDeps, person: Person, now: Date) => ({
  t: person.t,
  locale: person.locale,
  tokens: deps.tokens,
  now,
});

// ---- Pure steps: a state in, a state and what to show out. The edges use the stored ones below.

/** Starts a wizard: its state and first question, or (no state) why it cannot start. */
export async function start(
  deps: WizardDeps,
  person: Person,
  input: WizardStart,
  now: Date,
): Promise<{ state?: WizardState; step: Step }> {
  const kind = KINDS[input.kind] as WizardKind<WizardStart>;
  const started = await kind.start(deps, person, input);
  if (!started.ok) return { step: started.step };
  const state = engine.newState(input.kind, person.account.id, started.params, now);
  const first = engine.nextView(kind.definition, state, env(deps, person, now));
  const before = intro(person, state);
  return { state, step: step(...(before ? [asNew(before)] : []), ...(first ? [asNew(first)] : [])) };
}

/** What the person reads before the first question (the message to sign), if the wizard has it. */
export function intro(person: Person, state: WizardState): View | null {
  return kindOf(state)?.definition.intro?.(state, person.t) ?? null;
}

export type Reply =
  | {
      ok: true;
      state: WizardState;
      step: Step;
      /** Every answer is in and nothing is to confirm: finish now. */
      ready: boolean;
    }
  | { ok: false; errors: readonly { fieldId: string; text: string }[]; step: Step };

function reply(answered: engine.Answered, person: Person): Reply {
  if (!answered.ok)
    return {
      ok: false,
      errors: answered.errors.map((e) => ({ fieldId: e.fieldId, text: engine.say(person.t, e.message) })),
      step: step(asNew(answered.view)),
    };
  return {
    ok: true,
    state: answered.state,
    step: answered.view ? step(asNew(answered.view)) : step(),
    ready: answered.view === null,
  };
}

/** Answers one field (`fieldId`), else the next question; a wrong answer says why and changes nothing. */
export function answer(
  deps: WizardDeps,
  person: Person,
  state: WizardState,
  fieldId: string | null,
  text: string,
  now: Date,
): Reply {
  const def = kindOf(state)!.definition;
  const field = fieldId ?? engine.nextField(def, state, deps.tokens)?.id;
  // Every answer is in: the summary again, to confirm or cancel.
  if (field === undefined)
    return reply({ ok: true, state, view: engine.nextView(def, state, env(deps, person, now)) }, person);
  return reply(engine.answer(def, state, field, text, env(deps, person, now)), person);
}

/** Answers a page (a Discord modal): every bad field is reported at once, and then nothing changes. */
export function answerPage(
  deps: WizardDeps,
  person: Person,
  state: WizardState,
  texts: Record<string, string>,
  now: Date,
): Reply {
  return reply(engine.answerPage(kindOf(state)!.definition, state, texts, env(deps, person, now)), person);
}

/** The page of the next unanswered field, for a modal (labels in the person's language); null when all are in. */
export function page(deps: WizardDeps, person: Person, state: WizardState): PageSpec | null {
  return engine.pageSpec(kindOf(state)!.definition, state, person.t, deps.tokens);
}

/** Every answer is in: runs the core use case (create, edit, request the payment). */
export async function finish(deps: WizardDeps, person: Person, state: WizardState, now: Date): Promise<Outcome> {
  const kind = kindOf(state)!;
  if (engine.complete(kind.definition, state, deps.tokens)) return kind.finish(deps, person, state);
  // Not yet: the next question.
  return { step: step(asNew(engine.nextView(kind.definition, state, env(deps, person, now))!)) };
}

// ---- Stored by account: what the edges call.

type Loaded = { state: WizardState } | { expired: true } | null;

/** The person's wizard in progress; an expired one is forgotten (and said so). */
export async function load(deps: StoreDeps, person: Person, now: Date): Promise<Loaded> {
  const state = await deps.wizards.read(person.account.id);
  if (!state || !kindOf(state)) return null;
  if (!engine.expired(state, now)) return { state };
  await deps.wizards.delete(person.account.id);
  return { expired: true };
}

const expiredOutcome = (person: Person): Outcome => ({ step: step(asNew({ text: person.t("wizard-expired") })) });

/** Starts a wizard (replacing the person's one in progress) and shows its first question. */
export async function begin(deps: StoreDeps, person: Person, input: WizardStart, now = new Date()): Promise<Outcome> {
  const started = await start(deps, person, input, now);
  if (started.state) await deps.wizards.write(person.account.id, started.state);
  return { step: started.step };
}

async function settle(deps: StoreDeps, person: Person, replied: Reply, now: Date): Promise<Outcome> {
  if (!replied.ok) return { step: replied.step };
  if (!replied.ready) {
    await deps.wizards.write(person.account.id, replied.state);
    return { step: replied.step };
  }
  // Forgotten before the use case runs: a second submit finds nothing to do twice.
  await deps.wizards.delete(person.account.id);
  return finish(deps, person, replied.state, now);
}

/**
 * Text typed while a wizard is in progress: the answer to `fieldId`, else to the next question.
 * Null when the person has no wizard (the edge lets other handlers have the text).
 */
export async function respond(
  deps: StoreDeps,
  person: Person,
  text: string,
  fieldId: string | null = null,
  now = new Date(),
): Promise<Outcome | null> {
  const loaded = await load(deps, person, now);
  if (!loaded) return null;
  if ("expired" in loaded) return expiredOutcome(person);
  return settle(deps, person, answer(deps, person, loaded.state, fieldId, text, now), now);
}

/** A pressed choice (a token button): its value answers the field that offers it. Null without a wizard. */
export async function choose(
  deps: StoreDeps,
  person: Person,
  pressed: string,
  now = new Date(),
): Promise<Outcome | null> {
  const loaded = await load(deps, person, now);
  if (!loaded) return null;
  if ("expired" in loaded) return expiredOutcome(person);
  const def = kindOf(loaded.state)!.definition;
  for (const field of def.pages(loaded.state, deps.tokens).flat()) {
    const choice = field.choices?.find((c) => c.action === pressed);
    if (choice) return settle(deps, person, answer(deps, person, loaded.state, field.id, choice.value, now), now);
  }
  return null;
}

/** A modal submitted (Discord): the fields of one page. Null without a wizard. */
export async function respondPage(
  deps: StoreDeps,
  person: Person,
  texts: Record<string, string>,
  now = new Date(),
): Promise<Outcome | null> {
  const loaded = await load(deps, person, now);
  if (!loaded) return null;
  if ("expired" in loaded) return expiredOutcome(person);
  return settle(deps, person, answerPage(deps, person, loaded.state, texts, now), now);
}

/** The confirm button under a summary. Null without a wizard. */
export async function confirm(deps: StoreDeps, person: Person, now = new Date()): Promise<Outcome | null> {
  const loaded = await load(deps, person, now);
  if (!loaded) return null;
  if ("expired" in loaded) return expiredOutcome(person);
  if (!engine.complete(kindOf(loaded.state)!.definition, loaded.state, deps.tokens))
    return finish(deps, person, loaded.state, now); // shows the next question
  await deps.wizards.delete(person.account.id);
  return finish(deps, person, loaded.state, now);
}

/** The modal to show for the person's wizard: its next page, or null (none, or all answered). */
export async function currentPage(deps: StoreDeps, person: Person, now = new Date()): Promise<PageSpec | null> {
  const loaded = await load(deps, person, now);
  return loaded && "state" in loaded ? page(deps, person, loaded.state) : null;
}

/** /cancel or the Cancel button: the wizard is forgotten, nothing saved. */
export async function cancel(deps: StoreDeps, person: Person): Promise<Step> {
  await deps.wizards.delete(person.account.id);
  return step(asNew({ text: person.t("conv-cancelled") }));
}
