import type { Profile } from "../../core/accounts/get-profile.js";
import type { Factory, Task } from "../../core/factories/factory.js";
import type { Earnings } from "../../core/submissions/list-submissions.js";
import type { Submission } from "../../core/submissions/submission.js";
import type { Translate } from "../i18n.js";
import { encodeAction } from "./actions.js";
import { action, amount, amounts, day, plain, type View, type ViewContext } from "./view.js";

export const BROWSE_PAGE_SIZE = 5;

export function browseView(
  { t, tokens }: ViewContext,
  page: number,
  result: { items: readonly Factory[]; total: number },
): View {
  if (result.total === 0) return { text: t("browse-none") };
  const pages = Math.max(1, Math.ceil(result.total / BROWSE_PAGE_SIZE));
  const nav = [
    ...(page > 0 ? [action(t("browse-prev"), encodeAction({ kind: "page", page: page - 1 }))] : []),
    ...(page + 1 < pages ? [action(t("browse-next"), encodeAction({ kind: "page", page: page + 1 }))] : []),
  ];
  return {
    text: t("browse-title", { page: page + 1, pages }),
    buttons: [
      ...result.items.map((f) => [
        action(
          t("browse-line", { name: f.name, reward: amount(tokens, f.token, f.rewardPerDemo) }),
          encodeAction({ kind: "open", factoryId: f.id }),
        ),
      ]),
      ...(nav.length ? [nav] : []),
    ],
  };
}

export function factoryTasksView({ t, tokens }: ViewContext, f: Factory): View {
  return {
    text: t("browse-factory", {
      name: plain(f.name),
      useCase: plain(f.useCase),
      reward: amount(tokens, f.token, f.rewardPerDemo),
      threshold: f.threshold,
    }),
    buttons: [
      ...f.tasks.map((task, i) => [
        action(t("browse-task", { title: task.title }), encodeAction({ kind: "task", factoryId: f.id, task: i })),
      ]),
      [action(t("back"), encodeAction({ kind: "nav", to: "browse" }))],
    ],
  };
}

/** `server` is where the recorder uploads (the server role's public URL), when configured. */
export function submitInstructionsView(t: Translate, f: Factory, task: Task, code: string, server?: string): View {
  return {
    text: t("submit-instructions", {
      task: plain(task.title),
      factory: plain(f.name),
      prompt: plain(task.prompt),
      login: server ? `forge login ${code} --server ${server}` : `forge login ${code}`,
      code,
      factoryId: f.id,
      taskId: task.id,
    }),
  };
}

/** Most recent recordings offered as buttons to open their grade. */
const GRADE_BUTTONS = 5;

export function historyView(
  { t, tokens }: ViewContext,
  items: readonly { submission: Submission; factoryName: string; hasRecording?: boolean }[],
): View {
  if (items.length === 0) return { text: t("history-none") };
  const status = (s: Submission) =>
    s.status === "settled"
      ? t("sub-settled", { score: s.score ?? 0, paid: amount(tokens, s.token, s.paid ?? 0n) })
      : t(`sub-${s.status}`);
  return {
    text: [
      t("history-title"),
      ...items.map(({ submission: s, factoryName }) =>
        t("history-line", { date: day(s.createdAt), factory: plain(factoryName), status: status(s) }),
      ),
    ].join("\n"),
    buttons: items
      .filter((i) => i.hasRecording)
      .slice(0, GRADE_BUTTONS)
      .map(({ submission: s, factoryName }) => [
        action(
          t("history-open-grade", { date: day(s.createdAt), factory: plain(factoryName) }),
          encodeAction({ kind: "grade", recordingId: s.id }),
        ),
      ]),
  };
}

export function earningsView({ t, tokens }: ViewContext, earnings: Earnings): View {
  const roles = Object.entries(earnings.byRole);
  if (roles.length === 0) return { text: t("earnings-none") };
  return {
    text: [
      t("earnings-title"),
      ...roles.map(([role, sums]) => t("earnings-line", { role: t(`role-${role}`), amounts: amounts(tokens, sums) })),
    ].join("\n"),
  };
}

export function profileView(t: Translate, p: Profile): View {
  const boost =
    p.boostBps === 10_000 ? t("boost-none") : t("boost-active", { multiplier: (p.boostBps / 10_000).toFixed(2) });
  const lines = [
    t("profile", {
      level: p.level,
      xp: p.account.xp.toString(),
      next: p.nextLevelXp.toString(),
      reputation: p.reputation,
      boost,
    }),
  ];
  lines.push(
    p.wallets.length
      ? t("profile-wallets", {
          wallets: p.wallets.map((w) => `${w.address.slice(0, 4)}…${w.address.slice(-4)}`).join(", "),
        })
      : t("profile-no-wallets"),
  );
  return { text: lines.join("\n") };
}
