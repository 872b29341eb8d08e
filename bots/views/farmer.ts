import type { Profile } from "../../core/accounts/get-profile.js";
import type { Factory, Task } from "../../core/factories/factory.js";
import type { BrowseItem } from "../../core/factories/list-factories.js";
import { farmerShare } from "../../core/economics/rules.js";
import { formatAmount } from "../../core/money/amount.js";
import type { TokenSymbol } from "../../core/money/tokens.js";
import { units } from "../../core/money/units.js";
import type { Earnings, EarningsLine } from "../../core/payouts/get-earnings.js";
import type { PayoutRole } from "../../core/payouts/payout.js";
import { isTopUp, type Submission } from "../../core/submissions/submission.js";
import type { Translate } from "../i18n.js";
import { encodeAction } from "./actions.js";
import { action, amount, label, minute, multiplier, plain, type View, type ViewContext } from "./view.js";

export const BROWSE_PAGE_SIZE = 5;

/** Factories whose pool can pay a demonstration are buttons; the others are listed, waiting for funding. */
export function browseView(
  { t, tokens }: ViewContext,
  page: number,
  result: { items: readonly BrowseItem[]; total: number },
): View {
  if (result.total === 0) return { text: t("browse-none") };
  const pages = Math.max(1, Math.ceil(result.total / BROWSE_PAGE_SIZE));
  const nav = [
    ...(page > 0 ? [action(t("browse-prev"), encodeAction({ kind: "page", page: page - 1 }))] : []),
    ...(page + 1 < pages ? [action(t("browse-next"), encodeAction({ kind: "page", page: page + 1 }))] : []),
  ];
  const open = result.items.filter((i) => i.open).map((i) => i.factory);
  const waiting = result.items.filter((i) => !i.open).map((i) => i.factory);
  return {
    text: [
      t("browse-title", { page: page + 1, pages }),
      ...(open.length === 0 ? ["", t("browse-none-open")] : []),
      ...(waiting.length
        ? ["", t("browse-waiting"), ...waiting.map((f) => t("browse-waiting-line", { name: plain(f.name) }))]
        : []),
    ].join("\n"),
    buttons: [
      ...open.map((f) => [
        action(
          t("browse-line", { name: label(f.name), reward: amount(tokens, f.token, farmerShare(f.rewardPerDemo)) }),
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
      // What the farmer receives, net of the platform fee, as the grade DM and /earnings say it.
      reward: amount(tokens, f.token, farmerShare(f.rewardPerDemo)),
      threshold: f.threshold,
    }),
    buttons: [
      ...f.tasks.map((task, i) => [
        action(
          t("browse-task", { title: label(task.title) }),
          encodeAction({ kind: "task", factoryId: f.id, task: i }),
        ),
      ]),
      [action(t("back"), encodeAction({ kind: "nav", to: "browse" }))],
    ],
  };
}

/**
 * `server` is where the recorder uploads (the server role's public URL) and `install` the
 * command that installs the recorder from it, when configured. `acceptsFiles`: the chat takes
 * a recording's zip sent to it (Telegram), so the instructions offer that too.
 */
export function submitInstructionsView(
  t: Translate,
  f: Factory,
  task: Task,
  code: string,
  recorder: { server?: string; install?: string; acceptsFiles: boolean },
): View {
  const server = recorder.server;
  return {
    text: t("submit-instructions", {
      install: recorder.install ?? t("submit-install-ask"),
      task: plain(task.title),
      factory: plain(f.name),
      prompt: plain(task.prompt),
      login: server ? `forge login ${code} --server ${server}` : `forge login ${code}`,
      code,
      factoryId: f.id,
      taskId: task.id,
      files: recorder.acceptsFiles ? "yes" : "no",
    }),
  };
}

/** Most recent recordings offered as buttons to open their grade. */
const GRADE_BUTTONS = 5;

export interface HistoryItem {
  readonly submission: Submission;
  readonly factoryName: string;
  readonly taskTitle: string;
  /** The recording's status, when the submission has one (a rejected recording's hold was released). */
  readonly recording?: "processing" | "graded" | "rejected";
}

export function historyView({ t, tokens }: ViewContext, items: readonly HistoryItem[]): View {
  if (items.length === 0) return { text: t("history-none") };
  // Amounts are the farmer's, net of the platform fee, as the grade DM and /earnings say them.
  const net = (s: Submission) => amount(tokens, s.token, farmerShare(s.paid ?? units(0n)));
  const status = ({ submission: s, recording }: HistoryItem) =>
    s.status === "settled"
      ? !isTopUp(s.id) && (s.score ?? 0) < s.threshold
        ? t("sub-below", { score: s.score ?? 0, threshold: s.threshold })
        : t(isTopUp(s.id) ? "sub-topup" : "sub-settled", { score: s.score ?? 0, net: net(s) })
      : s.status === "released" && recording === "rejected"
        ? t("sub-rejected")
        : t(`sub-${s.status}`);
  return {
    text: [
      t("history-title"),
      ...items.map((item) =>
        t("history-line", {
          when: minute(item.submission.createdAt),
          factory: plain(item.factoryName),
          task: plain(item.taskTitle),
          status: status(item),
        }),
      ),
    ].join("\n"),
    buttons: items
      .filter((i) => i.recording !== undefined && !isTopUp(i.submission.id))
      .slice(0, GRADE_BUTTONS)
      .map(({ submission: s, taskTitle }) => [
        action(
          t("history-open-grade", { when: minute(s.createdAt), task: label(taskTitle) }),
          encodeAction({ kind: "grade", recordingId: s.id }),
        ),
      ]),
  };
}

/** One token's money by where it stands: "1.5 USDC paid out · 0.5 USDC on its way · 0.2 USDC owed". */
export function earningsParts({ t, tokens }: ViewContext, token: TokenSymbol, line: EarningsLine): string {
  const parts = [
    line.paid > 0n ? t("earnings-paid", { amount: amount(tokens, token, line.paid) }) : null,
    line.inFlight > 0n ? t("earnings-in-flight", { amount: amount(tokens, token, line.inFlight) }) : null,
    line.owed > 0n ? t("earnings-owed", { amount: amount(tokens, token, line.owed) }) : null,
  ];
  return parts.filter((p): p is string => p !== null).join(" · ");
}

/**
 * What an account earned per role and token, paid out, on its way and owed shown apart, with
 * what owed money waits for. `minimums` are the payout minimums per token.
 */
export function earningsView(
  ctx: ViewContext,
  earnings: Earnings,
  minimums: Readonly<Record<TokenSymbol, bigint>>,
): View {
  const { t, tokens } = ctx;
  const roles = Object.entries(earnings.byRole) as Array<[PayoutRole, Partial<Record<TokenSymbol, EarningsLine>>]>;
  if (roles.length === 0) return { text: t("earnings-none") };
  const lines = [t("earnings-title")];
  const owedTokens = new Set<TokenSymbol>();
  for (const [role, byToken] of roles) {
    lines.push("", t(`earnings-role-${role}`));
    for (const [token, line] of Object.entries(byToken) as Array<[TokenSymbol, EarningsLine]>) {
      lines.push(`• ${earningsParts(ctx, token, line)}`);
      if (line.owed > 0n) owedTokens.add(token);
    }
  }
  if (earnings.byRole.farmer) lines.push("", t("earnings-net"));
  if (owedTokens.size)
    lines.push(
      "",
      t("earnings-owed-hint", {
        minimums: [...owedTokens].map((token) => amount(tokens, token, minimums[token])).join(", "),
      }),
    );
  return { text: lines.join("\n") };
}

export function profileView(t: Translate, p: Profile): View {
  const boost =
    p.boostBps === 10_000 ? t("boost-none") : t("boost-active", { multiplier: multiplier(p.boostBps).slice(1) });
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

/** The volume fees each of the person's dataset tokens earned them (lamports, shown in SOL). */
export function tokenFeesText(t: Translate, fees: readonly { symbol: string; fees: bigint }[]): string {
  const total = fees.reduce((sum, f) => sum + f.fees, 0n);
  const lines = fees.map((f) => `• ${t("earnings-token-fee", { symbol: f.symbol, amount: formatAmount(f.fees, 9) })}`);
  return [t("earnings-token-fees", { amount: formatAmount(total, 9) }), ...lines].join("\n");
}
