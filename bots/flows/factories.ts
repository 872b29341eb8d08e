// A creator's factories: the list, a factory's card and its actions (pause, resume, close,
// withdraw what is left in the pool). Core decides who may (the owner, admins for moderation).
// Platform-neutral: each step takes the person and what they pressed, and returns a Step.
import { randomBytes } from "node:crypto";
import { encodeAction } from "../views/actions.js";
import { chartImage, factoryChart } from "../views/charts.js";
import {
  confirmCloseView,
  confirmWithdrawView,
  factoryCardView,
  factoryListView,
  factoryStatsView,
} from "../views/creator.js";
import { errorView } from "../views/errors.js";
import { outlookText } from "../views/grade.js";
import { action, amount, link, webApp, type Button, type View } from "../views/view.js";
import type { BotDeps, Person } from "./deps.js";
import { asNew, inPlace, step, type Step } from "./step.js";

type Deps = Pick<BotDeps, "core" | "tokens" | "explorer" | "owed" | "datasets" | "dashboard">;

const actor = (person: Person) => ({ accountId: person.account.id, isAdmin: person.isAdmin });

export async function factoryList(deps: Deps, person: Person): Promise<View> {
  return factoryListView({ t: person.t, tokens: deps.tokens }, await deps.core.listOwnedFactories(person.account.id), {
    dashboard: dashboardButtons(deps, person),
  });
}

/** 📱 Dashboard: opens as a Mini App in Telegram; elsewhere a press asks for a one-time link. */
function dashboardButtons(deps: Deps, person: Person): Button[] {
  if (!deps.dashboard) return [];
  const label = person.t("dashboard-button");
  return [
    deps.dashboard.webAppUrl
      ? webApp(label, deps.dashboard.webAppUrl)
      : action(label, encodeAction({ kind: "dash", op: "link" })),
  ];
}

/** A one-time link to the dashboard, for the person who pressed 📱 Dashboard (valid minutes, once). */
export async function dashboardLink(deps: Deps, person: Person): Promise<View> {
  if (!deps.dashboard) return { text: person.t("dashboard-off") };
  const { url, minutes } = await deps.dashboard.loginLink(person.account.id);
  return { text: person.t("dashboard-link", { minutes }), buttons: [[link(person.t("dashboard-open"), url)]] };
}

/** 📊 Stats: the factory's last 30 days as a chart, with the same figures in words. */
export async function factoryStats(deps: Deps, person: Person, factoryId: string): Promise<Step> {
  const found = await deps.core.getFactoryInsights({ actor: actor(person), factoryId });
  if (!found.ok) return step(asNew(errorView(person.t, found.error)));
  const insights = found.value;
  const c = { t: person.t, locale: person.locale, tokens: deps.tokens };
  return step(
    asNew({
      ...factoryStatsView(c, insights),
      image: chartImage(factoryChart(c, insights), "factory-stats.png", person.t("chart-alt-factory")),
    }),
  );
}

/** A factory's card, in place of the message pressed on (`inPlace`), or why not as a new message. */
export async function factoryCard(deps: Deps, person: Person, factoryId: string, here = true): Promise<Step> {
  const overview = await deps.core.getOwnedFactoryOverview({ actor: actor(person), factoryId, dialog: "card" });
  if (!overview.ok) return step(asNew(errorView(person.t, overview.error)));
  const view = factoryCardView({ t: person.t, tokens: deps.tokens }, overview.value, {
    datasets: deps.datasets !== undefined,
    dashboard: dashboardButtons(deps, person),
  });
  return step(here ? inPlace(view) : asNew(view));
}

/** Pause, resume, close (after "closeask", its confirmation): a notice, then the card again. */
export async function changeStatus(
  deps: Deps,
  person: Person,
  factoryId: string,
  op: "pause" | "resume" | "close" | "closeask",
): Promise<Step> {
  if (op === "closeask") {
    const overview = await deps.core.getOwnedFactoryOverview({ actor: actor(person), factoryId, dialog: "close" });
    if (!overview.ok) return step(asNew(errorView(person.t, overview.error)));
    return step(inPlace(confirmCloseView(person.t, overview.value.factory)));
  }
  const result = await deps.core.changeFactoryStatus({ actor: actor(person), factoryId, action: op });
  const done = { pause: "factory-paused", resume: "factory-resumed", close: "factory-closed" }[op];
  const card = await factoryCard(deps, person, factoryId);
  return { notice: result.ok ? person.t(done) : person.t(`error-${result.error.code}`), show: card.show };
}

/**
 * 💸 Withdraw: "ask" shows the amount and wallet with a one-time nonce on the confirm button;
 * the confirm press withdraws once, whatever the number of presses (the nonce is the request id).
 */
export async function withdraw(deps: Deps, person: Person, factoryId: string, stepId: string): Promise<Step> {
  const overview = await deps.core.getOwnedFactoryOverview({ actor: actor(person), factoryId, dialog: "withdraw" });
  if (!overview.ok) {
    if (overview.error.code === "FACTORY_NOT_OWNER") return { notice: person.t("error-FACTORY_NOT_OWNER"), show: [] };
    return step(asNew(errorView(person.t, overview.error)));
  }
  const { factory, available } = overview.value;
  if (stepId === "ask") {
    const profile = await deps.core.getProfile(person.account.id);
    const wallet = profile.ok ? (profile.value.wallets.at(-1)?.address ?? null) : null;
    const nonce = randomBytes(6).toString("base64url").replace(/[-_]/g, "x");
    return step(
      inPlace(confirmWithdrawView({ t: person.t, tokens: deps.tokens }, { factory, available, wallet, nonce })),
    );
  }
  const result = await deps.core.withdrawPool({ actor: actor(person), factoryId: factory.id, requestId: stepId });
  if (!result.ok) return step(asNew(errorView(person.t, result.error)));
  await deps.owed?.();
  const outlook = await deps.core.getPayoutOutlook(result.value.id);
  const done = asNew({
    text: person.t("withdraw-done", {
      amount: amount(deps.tokens, result.value.token, result.value.units),
      outlook: outlook ? outlookText(person.t, deps.tokens, outlook, deps.explorer) : "",
    }),
  });
  const card = await factoryCard(deps, person, factory.id, false);
  return step(done, ...card.show);
}
