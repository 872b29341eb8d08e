// /newfactory: name, use case, tasks; the token; reward, threshold and limits; then a summary
// to confirm. Three pages (a Discord modal each; Telegram asks one question at a time).
import { MIN_THRESHOLD } from "../../core/economics/rules.js";
import type { FactoryLimits, TaskInput } from "../../core/factories/factory.js";
import type { TokenSymbol } from "../../core/money/tokens.js";
import { encodeAction } from "../views/actions.js";
import { limitsText } from "../views/creator.js";
import { errorView } from "../views/errors.js";
import { action, amount, plain } from "../views/view.js";
import { asNew, step } from "./step.js";
import { WIZARD_CANCEL, type Field, type WizardState } from "./wizard.js";
import { amountField, limitsField, nameField, tasksField, thresholdField, useCaseField } from "./wizard-fields.js";
import type { WizardKind } from "./wizard-kind.js";
import type { TokenRegistry } from "../../core/money/tokens.js";

/** The confirm button under the summary. */
export const NEW_FACTORY_CREATE = "nf:create";
export const tokenChoice = (symbol: string) => `nf:token:${symbol}`;

function tokenField(tokens: TokenRegistry): Field {
  return {
    id: "token",
    prompt: { key: "nf-token" },
    labelKey: "wizard-label-token",
    required: true,
    minLength: 2,
    maxLength: 10,
    choices: tokens.list().map((t) => ({ value: t.symbol, label: t.symbol, action: tokenChoice(t.symbol) })),
    parse: (text, ctx) => {
      const parsed = ctx.tokens.parseSymbol(text);
      return parsed.ok ? { ok: true, value: parsed.value.symbol } : { ok: false, error: { key: "nf-token" } };
    },
  };
}

const chosenToken = (values: Readonly<Record<string, unknown>>) =>
  typeof values.token === "string" ? (values.token as TokenSymbol) : null;

interface Answers {
  name: string;
  useCase: string;
  tasks: TaskInput[];
  token: TokenSymbol;
  reward: bigint;
  threshold: number;
  limits: FactoryLimits;
}

const answers = (state: WizardState): Answers => {
  const v = state.values as unknown as Omit<Answers, "reward"> & { reward: string };
  return { ...v, reward: BigInt(v.reward) };
};

export const newFactoryWizard: WizardKind<Record<string, never>> = {
  kind: "newfactory",
  definition: {
    pages: (state, tokens) => {
      const token = chosenToken(state.values);
      return [
        [nameField({ key: "nf-name" }), useCaseField({ key: "nf-usecase" }), tasksField("tasks", { key: "nf-tasks" })],
        [tokenField(tokens)],
        [
          amountField("reward", { key: "nf-reward", args: { token: token ?? "" } }, (values) => {
            const symbol = chosenToken(values);
            return symbol ? tokens.get(symbol).decimals : null;
          }),
          thresholdField({ key: "nf-threshold", args: { min: MIN_THRESHOLD } }),
          limitsField({ key: "nf-limits" }),
        ],
      ];
    },
    confirm: (state, t, tokens) => {
      const a = answers(state);
      return {
        text: t("nf-confirm", {
          name: plain(a.name),
          useCase: plain(a.useCase),
          tasks: a.tasks.map((task) => plain(task.title)).join(", "),
          reward: amount(tokens, a.token, a.reward),
          threshold: a.threshold,
          limits: limitsText(t, a.limits),
        }),
        buttons: [[action(t("nf-create"), NEW_FACTORY_CREATE), action(t("conv-cancel"), WIZARD_CANCEL)]],
      };
    },
  },
  start: async () => ({ ok: true, params: {} }),
  async finish(deps, person, state) {
    const a = answers(state);
    const result = await deps.core.createFactory({
      ownerId: person.account.id,
      factory: {
        name: a.name,
        useCase: a.useCase,
        token: a.token,
        rewardPerDemo: a.reward,
        threshold: a.threshold,
        limits: a.limits,
        tasks: a.tasks,
      },
    });
    if (!result.ok) return { step: step(asNew(errorView(person.t, result.error))) };
    const open = action(person.t("factory-open"), encodeAction({ kind: "card", factoryId: result.value.id }));
    return { step: step(asNew({ text: person.t("nf-created"), buttons: [[open]] })) };
  },
};
