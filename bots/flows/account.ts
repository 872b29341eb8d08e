// A person's own account: profile, wallets, submission history and earnings. Platform-neutral.
import type { Factory } from "../../core/factories/factory.js";
import type { EarningsHistory } from "../../core/insights/get-earnings-history.js";
import { chartImage, earningsChart } from "../views/charts.js";
import { encodeAction } from "../views/actions.js";
import { encodeDeviceAction } from "../views/devices.js";
import { errorView } from "../views/errors.js";
import { earningsView, historyView, profileView, tokenFeesText } from "../views/farmer.js";
import { action, type View } from "../views/view.js";
import type { BotDeps, Person } from "./deps.js";

type Deps = Pick<BotDeps, "core" | "tokens" | "devices" | "payments" | "walletProof" | "datasetTokens">;

/** The profile; paired recorders are managed from here too, where the upload API is set up. */
export async function profile(deps: Deps, person: Person): Promise<View> {
  const found = await deps.core.getProfile(person.account.id);
  if (!found.ok) return errorView(person.t, found.error);
  const view = profileView(person.t, found.value);
  const devices = deps.devices ? [[action(person.t("devices-button"), encodeDeviceAction({ op: "list" }))]] : [];
  return { ...view, buttons: [...(view.buttons ?? []), ...devices] };
}

/** Linked wallets and the ways to link one that this deployment offers. */
export async function wallets(deps: Deps, person: Person): Promise<View> {
  const found = await deps.core.getProfile(person.account.id);
  const list = found.ok ? found.value.wallets : [];
  const lines = [
    person.t("wallet-title"),
    ...(list.length ? list.map((w) => `• ${w.address}`) : [person.t("wallet-none")]),
    "",
    person.t("wallet-how"),
  ];
  const link = [
    ...(deps.payments ? [action(person.t("wallet-link"), encodeAction({ kind: "wallet", op: "verify" }))] : []),
    ...(deps.walletProof ? [action(person.t("wallet-sign"), encodeAction({ kind: "wallet", op: "sign" }))] : []),
  ];
  return { text: lines.join("\n"), buttons: link.length ? [link] : [] };
}

/** The latest 15 submissions with their factory, task and recording status. */
export async function history(deps: Deps, person: Person): Promise<View> {
  const submissions = await deps.core.listSubmissions(person.account.id, { offset: 0, limit: 15 });
  const recordings = new Map(
    (await deps.core.listRecordings(person.account.id, { offset: 0, limit: 15 })).map((r) => [r.id, r.status]),
  );
  const factories = new Map<string, Factory | null>();
  for (const s of submissions) {
    if (factories.has(s.factoryId)) continue;
    const overview = await deps.core.getFactoryOverview(s.factoryId);
    factories.set(s.factoryId, overview.ok ? overview.value.factory : null);
  }
  return historyView(
    { t: person.t, tokens: deps.tokens },
    submissions.map((submission) => {
      const factory = factories.get(submission.factoryId);
      return {
        submission,
        factoryName: factory?.name ?? "?",
        taskTitle: factory?.tasks.find((task) => task.id === submission.taskId)?.title ?? "?",
        recording: recordings.get(submission.id),
      };
    }),
  );
}

/** What the person earned, and (where they launched dataset tokens) the volume fees those earned them. */
export async function earnings(deps: Deps, person: Person): Promise<View> {
  const found = await deps.core.getEarnings(person.account.id);
  const view = withEarningsChart(
    deps,
    person,
    earningsView({ t: person.t, tokens: deps.tokens }, found, await deps.core.getPayoutMinimums()),
    await deps.core.getEarningsHistory({ accountId: person.account.id, roles: ["farmer", "ambassador"] }),
  );
  const fees = (await deps.datasetTokens?.creatorFees(person.account.id)) ?? [];
  if (!fees.length) return view;
  return { ...view, text: [view.text, "", tokenFeesText(person.t, fees)].join("\n") };
}

/** The earnings text with its chart (rewards and commissions per day), when the last 30 days have any. */
function withEarningsChart(deps: Deps, person: Person, view: View, history: EarningsHistory): View {
  if (!history.tokens.length) return view;
  const spec = earningsChart({ t: person.t, locale: person.locale, tokens: deps.tokens }, history);
  return { ...view, image: chartImage(spec, "earnings.png", person.t("chart-alt-earnings")) };
}
