// Editing a factory from its card: the menu, removing a task (a button), and the wizard that
// asks a new reward, threshold, limits or task. Only the factory's owner edits it.
import { MIN_THRESHOLD } from "../../core/economics/rules.js";
import type { Factory, FactoryLimits, TaskInput } from "../../core/factories/factory.js";
import { formatAmount } from "../../core/money/amount.js";
import type { FactoryChanges } from "../../core/factories/update-factory.js";
import type { TokenSymbol } from "../../core/money/tokens.js";
import type { Result } from "../../core/shared/result.js";
import { encodeAction } from "../views/actions.js";
import { editMenuView, limitsText, removeTaskView } from "../views/creator.js";
import { errorView } from "../views/errors.js";
import { action, amount, type View } from "../views/view.js";
import type { Person } from "./deps.js";
import { asNew, inPlace, step, type Step } from "./step.js";
import type { Field, Json, WizardState } from "./wizard.js";
import { amountField, limitsField, tasksField, thresholdField } from "./wizard-fields.js";
import type { WizardDeps, WizardKind } from "./wizard-kind.js";

export type EditedField = "reward" | "threshold" | "limits" | "addtask";

const actor = (person: Person) => ({ accountId: person.account.id, isAdmin: person.isAdmin });

/** The factory, when the person owns it; else what to show instead. */
async function owned(deps: WizardDeps, person: Person, factoryId: string): Promise<Result<Factory, View>> {
  const overview = await deps.core.getFactoryOverview(factoryId);
  if (!overview.ok) return { ok: false, error: errorView(person.t, overview.error) };
  const factory = overview.value.factory;
  if (factory.ownerId !== person.account.id)
    return { ok: false, error: { text: `⚠️ ${person.t("error-FACTORY_NOT_OWNER")}` } };
  return { ok: true, value: factory };
}

/** The edit menu, or the list of tasks to remove, in place of the card. */
export async function editMenu(
  deps: WizardDeps,
  person: Person,
  factoryId: string,
  menu: "menu" | "rmtask",
): Promise<Step> {
  const factory = await owned(deps, person, factoryId);
  if (!factory.ok) return step(asNew(factory.error));
  return step(inPlace((menu === "menu" ? editMenuView : removeTaskView)(person.t, factory.value)));
}

/** Removes the task at `index`: a notice, then the edit menu again. */
export async function removeTask(deps: WizardDeps, person: Person, factoryId: string, index: number): Promise<Step> {
  const overview = await deps.core.getFactoryOverview(factoryId);
  const task = overview.ok ? overview.value.factory.tasks[index] : undefined;
  if (!task) return { notice: person.t("error-TASK_NOT_FOUND"), show: [] };
  const result = await deps.core.updateFactory({
    actor: actor(person),
    factoryId,
    changes: { removeTaskIds: [task.id] },
  });
  if (!result.ok) return { notice: person.t(`error-${result.error.code}`), show: [] };
  return { notice: person.t("edit-saved"), show: [inPlace(editMenuView(person.t, result.value))] };
}

interface Params {
  factoryId: string;
  field: EditedField;
  token: TokenSymbol;
  current: string;
  threshold: number;
  limits: FactoryLimits;
  /** The reward as one would type it (a modal shows it, ready to change). */
  reward?: string;
}

const params = (state: WizardState) => state.params as unknown as Params;

function field(state: WizardState, decimals: number): Field {
  const p = params(state);
  if (p.field === "reward")
    return amountField(
      "reward",
      { key: "edit-ask-reward", args: { token: p.token, current: p.current } },
      () => decimals,
      p.reward,
    );
  if (p.field === "threshold")
    return thresholdField(
      { key: "edit-ask-threshold", args: { min: MIN_THRESHOLD, current: p.threshold } },
      p.threshold,
    );
  if (p.field === "limits") return limitsField({ key: "edit-ask-limits", args: { current: p.current } }, p.limits);
  return tasksField("addTasks", { key: "edit-ask-task" });
}

function changes(state: WizardState): FactoryChanges {
  const v = state.values;
  if ("reward" in v) return { rewardPerDemo: BigInt(v.reward as string) };
  if ("threshold" in v) return { threshold: v.threshold as number };
  if ("limits" in v) return { limits: v.limits as unknown as FactoryLimits };
  return { addTasks: v.addTasks as unknown as TaskInput[] };
}

export const editFactoryWizard: WizardKind<{ factoryId: string; field: EditedField }> = {
  kind: "editfactory",
  definition: {
    pages: (state, tokens) => [[field(state, tokens.get(params(state).token).decimals)]],
  },
  async start(deps, person, input) {
    const factory = await owned(deps, person, input.factoryId);
    if (!factory.ok) return { ok: false, step: step(asNew(factory.error)) };
    const f = factory.value;
    const current =
      input.field === "reward"
        ? amount(deps.tokens, f.token, f.rewardPerDemo)
        : input.field === "limits"
          ? limitsText(person.t, f.limits)
          : String(f.threshold);
    const p: Params = {
      factoryId: f.id,
      field: input.field,
      token: f.token,
      current,
      threshold: f.threshold,
      limits: f.limits,
      reward: formatAmount(f.rewardPerDemo, deps.tokens.get(f.token).decimals),
    };
    return { ok: true, params: p as unknown as Record<string, Json> };
  },
  async finish(deps, person, state) {
    const { factoryId } = params(state);
    const result = await deps.core.updateFactory({ actor: actor(person), factoryId, changes: changes(state) });
    const back = action(person.t("back"), encodeAction({ kind: "card", factoryId }));
    const text = result.ok ? person.t("edit-saved") : errorView(person.t, result.error).text;
    return { step: step(asNew({ text, buttons: [[back]] })) };
  },
};
