// Money in by an amount typed in the chat: funding a factory's pool, staking CLONES, topping
// up the payout gas (admins), each a Solana Pay request; and unstaking CLONES. One question.
import { randomUUID } from "node:crypto";
import { formatAmount } from "../../core/money/amount.js";
import type { TokenSymbol } from "../../core/money/tokens.js";
import type { Units } from "../../core/money/units.js";
import { errorView } from "../views/errors.js";
import { amount, minute, plain, type View } from "../views/view.js";
import type { Person } from "./deps.js";
import { asNew, step } from "./step.js";
import type { Message, WizardState } from "./wizard.js";
import { amountField } from "./wizard-fields.js";
import type { Outcome, PaymentToShow, Started, WizardDeps, WizardKind } from "./wizard-kind.js";

export type FundInput = { purpose: "fund"; factoryId: string } | { purpose: "stake" | "unstake" | "gas" };

type Params =
  | { purpose: "fund"; factoryId: string; token: TokenSymbol; name: string; available: string }
  | { purpose: "stake" | "unstake"; staked: string; requestId: string }
  | { purpose: "gas" };

const params = (state: WizardState) => state.params as unknown as Params;
const warning = (person: Person, key: string): View => ({ text: `⚠️ ${person.t(key)}` });
const refuse = (view: View): Started => ({ ok: false, step: step(asNew(view)) });
const notConfigured = (person: Person) => refuse(warning(person, "error-PAYMENTS_NOT_CONFIGURED"));

const tokenOf = (p: Params): TokenSymbol => (p.purpose === "fund" ? p.token : p.purpose === "gas" ? "SOL" : "CLONES");

function prompt(p: Params): Message {
  if (p.purpose === "fund")
    return { key: "fund-ask-amount", args: { token: p.token, name: plain(p.name), available: p.available } };
  if (p.purpose === "gas") return { key: "gas-ask-amount" };
  return { key: `${p.purpose}-ask-amount`, args: { staked: p.staked } };
}

async function startFunding(deps: WizardDeps, person: Person, factoryId: string): Promise<Started> {
  // The prompt shows the pool's balance: its owner's (or an admin's) to see, whoever pays in.
  const overview = await deps.core.getOwnedFactoryOverview({
    actor: { accountId: person.account.id, isAdmin: person.isAdmin },
    factoryId,
    dialog: "fund",
  });
  if (!overview.ok) return refuse(errorView(person.t, overview.error));
  const { factory, available } = overview.value;
  const pool = amount(deps.tokens, factory.token, available);
  if (!deps.payments) return refuse({ text: person.t("factory-fund-soon", { available: pool }) });
  // The deposit is credited to this factory whoever pays.
  return {
    ok: true,
    params: { purpose: "fund", factoryId: factory.id, token: factory.token, name: factory.name, available: pool },
  };
}

async function request(deps: WizardDeps, person: Person, p: Params, units: bigint): Promise<Outcome> {
  if (!deps.payments) return { step: step(asNew(warning(person, "error-PAYMENTS_NOT_CONFIGURED"))) };
  const accountId = person.account.id;
  const shown = (what: string, args: Record<string, string>, expiresAt: Date) =>
    person.t(what, { amount: amount(deps.tokens, tokenOf(p), units), expires: minute(expiresAt), ...args });
  let payment: PaymentToShow;
  if (p.purpose === "fund") {
    const s = await deps.payments.requestFunding({ accountId, factoryId: p.factoryId, units });
    payment = { caption: shown("fund-request", { name: plain(p.name) }, s.expiresAt), shown: s };
  } else if (p.purpose === "gas") {
    const s = await deps.payments.requestGasTopUp({ accountId, units });
    payment = { caption: shown("gas-request", {}, s.expiresAt), shown: s };
  } else {
    const s = await deps.payments.requestStake({ accountId, units });
    payment = { caption: shown("stake-request", {}, s.expiresAt), shown: s };
  }
  return { step: step(), payment };
}

async function unstake(deps: WizardDeps, person: Person, requestId: string, units: bigint): Promise<Outcome> {
  const accountId = person.account.id;
  const result = await deps.core.requestUnstake({ accountId, units: units as Units, requestId });
  if (!result.ok) return { step: step(asNew(warning(person, `error-${result.error.code}`))) };
  const tier = (await deps.core.getStakeTier(accountId)).tier;
  const text = person.t("unstake-started", {
    amount: amount(deps.tokens, "CLONES", units),
    tier,
    date: result.value.availableAt.toISOString().slice(0, 10),
  });
  return { step: step(asNew({ text })) };
}

export const fundWizard: WizardKind<FundInput> = {
  kind: "fund",
  definition: {
    pages: (state, tokens) => {
      const p = params(state);
      return [[amountField("amount", prompt(p), () => tokens.get(tokenOf(p)).decimals)]];
    },
  },
  async start(deps, person, input) {
    if (input.purpose === "fund") return startFunding(deps, person, input.factoryId);
    if (input.purpose === "gas") {
      if (!person.isAdmin) return refuse({ text: person.t("admin-only") });
      return deps.payments ? { ok: true, params: { purpose: "gas" } } : notConfigured(person);
    }
    if (input.purpose === "stake" && !deps.payments) return notConfigured(person);
    const staked = formatAmount(
      (await deps.core.getStakeTier(person.account.id)).staked,
      deps.tokens.get("CLONES").decimals,
    );
    // Chosen now: answering twice (two platforms, a double submit) unstakes once.
    return { ok: true, params: { purpose: input.purpose, staked, requestId: randomUUID() } };
  },
  async finish(deps, person, state) {
    const p = params(state);
    const units = BigInt(state.values.amount as string);
    return p.purpose === "unstake" ? unstake(deps, person, p.requestId, units) : request(deps, person, p, units);
  },
};
