import type { Factory, FactoryLimits } from "../../core/factories/factory.js";
import type { FactoryOverview } from "../../core/factories/get-factory-overview.js";
import type { FactoryInsights } from "../../core/insights/get-factory-insights.js";
import type { Translate } from "../i18n.js";
import { encodeAction } from "./actions.js";
import { action, amount, day, label, plain, shortWallet, type Button, type View, type ViewContext } from "./view.js";

export function limitsText(t: Translate, limits: FactoryLimits): string {
  const parts = [
    limits.perTask !== null ? t("limit-per-task", { n: limits.perTask }) : null,
    limits.perDay !== null ? t("limit-per-day", { n: limits.perDay }) : null,
    limits.total !== null ? t("limit-total", { n: limits.total }) : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(", ") : t("limits-none");
}

export function factoryListView(
  { t }: ViewContext,
  factories: readonly Factory[],
  options: { dashboard?: readonly Button[] } = {},
): View {
  const newButton = action(t("factory-new"), encodeAction({ kind: "nav", to: "create" }));
  if (factories.length === 0) return { text: t("factories-none"), buttons: [[newButton]] };
  return {
    text: t("factories-title"),
    buttons: [
      ...factories.map((f) => [
        action(`${t(`status-${f.status}`)} ${label(f.name)}`, encodeAction({ kind: "card", factoryId: f.id })),
      ]),
      [newButton, ...(options.dashboard ?? [])],
    ],
  };
}

export function factoryCardView(
  { t, tokens }: ViewContext,
  { factory: f, stats, available }: FactoryOverview,
  options: { datasets?: boolean; dashboard?: readonly Button[] } = {},
): View {
  // What is left can be withdrawn once no new submission can race for it (paused or closed).
  const withdraw =
    f.status !== "active" && available > 0n
      ? [
          [
            action(
              t("factory-withdraw", { amount: amount(tokens, f.token, available) }),
              encodeAction({ kind: "withdraw", factoryId: f.id, step: "ask" }),
            ),
          ],
        ]
      : [];
  const text = t("factory-card", {
    name: plain(f.name),
    status: t(`status-${f.status}`),
    useCase: plain(f.useCase),
    reward: amount(tokens, f.token, f.rewardPerDemo),
    threshold: f.threshold,
    limits: limitsText(t, f.limits),
    tasks: f.tasks.map((task) => plain(task.title)).join(", "),
    submissions: stats.submissions,
    settled: stats.settled,
    paid: stats.paid,
    average: stats.averageScore === null ? "—" : Math.round(stats.averageScore),
    spent: amount(tokens, f.token, stats.spent),
    available: amount(tokens, f.token, available),
  });
  const op = (label: string, o: "pause" | "resume" | "closeask") =>
    action(t(label), encodeAction({ kind: "status", factoryId: f.id, op: o }));
  const rows =
    f.status === "closed"
      ? []
      : [
          [
            f.status === "active" ? op("factory-pause", "pause") : op("factory-resume", "resume"),
            op("factory-close", "closeask"),
          ],
        ];
  return {
    text,
    buttons: [
      ...rows,
      ...withdraw,
      ...(f.status === "closed"
        ? []
        : [[action(t("factory-edit"), encodeAction({ kind: "edit", factoryId: f.id, field: "menu" }))]]),
      [
        // A closed factory takes no more funding (createPaymentRequest refuses it).
        ...(f.status === "closed" ? [] : [action(t("factory-fund"), encodeAction({ kind: "fund", factoryId: f.id }))]),
        action(t("factory-stats"), encodeAction({ kind: "stats", factoryId: f.id })),
        action(t("factory-refresh"), encodeAction({ kind: "card", factoryId: f.id })),
      ],
      // The training data the pool paid for, where exports are on.
      ...(options.datasets
        ? [[action(t("dataset-button"), encodeAction({ kind: "dataset", factoryId: f.id, op: "view" }))]]
        : []),
      [action(t("back"), encodeAction({ kind: "nav", to: "factories" })), ...(options.dashboard ?? [])],
    ],
  };
}

/**
 * Asks before withdrawing what is left of a pool: the amount, where it goes (or that it waits
 * for a wallet), and a button carrying `nonce`, so pressing it twice withdraws once.
 */
export function confirmWithdrawView(
  { t, tokens }: ViewContext,
  input: { factory: Factory; available: bigint; wallet: string | null; nonce: string },
): View {
  const f = input.factory;
  const what = amount(tokens, f.token, input.available);
  return {
    text: [
      t("withdraw-confirm", { amount: what, name: plain(f.name) }),
      input.wallet ? t("withdraw-to", { wallet: shortWallet(input.wallet) }) : t("withdraw-no-wallet"),
    ].join("\n"),
    buttons: [
      [
        action(
          t("withdraw-yes", { amount: what }),
          encodeAction({ kind: "withdraw", factoryId: f.id, step: input.nonce }),
        ),
        action(t("back"), encodeAction({ kind: "card", factoryId: f.id })),
      ],
    ],
  };
}

export function confirmCloseView(t: Translate, f: Factory): View {
  return {
    text: t("factory-close-confirm", { name: plain(f.name) }),
    buttons: [
      [
        action(t("factory-close-yes"), encodeAction({ kind: "status", factoryId: f.id, op: "close" })),
        action(t("back"), encodeAction({ kind: "card", factoryId: f.id })),
      ],
    ],
  };
}

export function editMenuView(t: Translate, f: Factory): View {
  const edit = (label: string, field: "reward" | "threshold" | "limits" | "addtask" | "rmtask") =>
    action(t(label), encodeAction({ kind: "edit", factoryId: f.id, field }));
  return {
    text: t("edit-choose"),
    buttons: [
      [edit("edit-reward", "reward"), edit("edit-threshold", "threshold"), edit("edit-limits", "limits")],
      [edit("edit-add-task", "addtask"), ...(f.tasks.length > 1 ? [edit("edit-remove-task", "rmtask")] : [])],
      [action(t("back"), encodeAction({ kind: "card", factoryId: f.id }))],
    ],
  };
}

export function removeTaskView(t: Translate, f: Factory): View {
  return {
    text: t("edit-pick-task"),
    buttons: [
      ...f.tasks.map((task, i) => [
        action(`➖ ${label(task.title)}`, encodeAction({ kind: "rmtask", factoryId: f.id, task: i })),
      ]),
      [action(t("back"), encodeAction({ kind: "edit", factoryId: f.id, field: "menu" }))],
    ],
  };
}

/** 📊 Stats in words, beside the chart: the same figures, so the text stands alone. */
export function factoryStatsView({ t, tokens }: ViewContext, insights: FactoryInsights): View {
  const f = insights.overview.factory;
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const s = insights.submissions;
  const [passed, failed, pending, released] = [sum(s.passed), sum(s.failed), sum(s.pending), sum(s.released)];
  const scored = passed + failed;
  const first = insights.pool[0]!;
  const scores = (list: FactoryInsights["best"]) => list.map((r) => `${r.score} (${day(r.createdAt)})`).join(", ");
  const lines = [
    t("factory-stats-text", {
      name: plain(f.name),
      days: insights.days.length,
      total: passed + failed + pending + released,
      passed,
      failed,
      pending,
      released,
      threshold: insights.threshold,
      passRate: scored ? `${Math.round((100 * passed) / scored)}%` : "—",
      pool: amount(tokens, f.token, insights.overview.available),
      poolThen: amount(tokens, f.token, first.units),
      since: day(first.at),
    }),
    ...(insights.best.length ? [t("factory-stats-best", { scores: scores(insights.best) })] : []),
    ...(insights.worst.length ? [t("factory-stats-worst", { scores: scores(insights.worst) })] : []),
  ];
  return {
    text: lines.join("\n"),
    buttons: [[action(t("back"), encodeAction({ kind: "card", factoryId: f.id }))]],
  };
}
