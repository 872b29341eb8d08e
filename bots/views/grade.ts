// The Quality Agent's verdict as the farmer reads it: score against the threshold, what it
// earned and where that money stands (paid out with its link, on its way, or owed and why),
// the breakdown component by component, and the reasons, in their language.
import type { Grade } from "../../core/grading/recording.js";
import type { TokenRegistry, TokenSymbol } from "../../core/money/tokens.js";
import type { PayoutOutlook } from "../../core/payouts/get-payout-outlook.js";
import type { Translate } from "../i18n.js";
import { amount, plain, shortWallet } from "./view.js";

export interface GradeNoticeInput {
  readonly factoryName: string;
  readonly taskTitle: string;
  readonly token: TokenSymbol;
  /** The threshold the submission was accepted under. */
  readonly threshold: number;
  readonly grade: Grade;
  /** What this grade earned the farmer, net of the platform fee (a regrade: its top-up). */
  readonly earned: bigint;
  /** Where that money stands now. */
  readonly payout: PayoutOutlook | null;
  /** Explorer link of a transaction. */
  readonly explorer: (signature: string) => string;
  /** The first grade, when this is an appeal's regrade. */
  readonly before?: Grade;
  /** Why a higher regrade could not be paid (e.g. POOL_EXHAUSTED). */
  readonly topUpRefused?: string;
}

/** Where an amount stands now, as the end of a sentence ("paid out to AbCd…WxYz: <link>"). */
export function outlookText(
  t: Translate,
  tokens: TokenRegistry,
  payout: PayoutOutlook,
  explorer: (signature: string) => string,
): string {
  switch (payout.kind) {
    case "paid":
      return t("outlook-paid", { wallet: shortWallet(payout.wallet), link: explorer(payout.signature) });
    case "in_flight":
      return t("outlook-in-flight", { wallet: shortWallet(payout.wallet) });
    case "queued":
      return t("outlook-queued", { wallet: shortWallet(payout.wallet) });
    case "no_wallet":
      return t("outlook-no-wallet");
    case "below_minimum":
      return t("outlook-below-minimum", {
        owed: amount(tokens, payout.token, payout.owed),
        minimum: amount(tokens, payout.token, payout.minimum),
      });
    case "delayed":
      return t("outlook-delayed");
    case "off":
      return t("outlook-off");
    case "held":
      return t("outlook-held");
    case "due":
      return t("outlook-due", { date: payout.dueAt.toISOString().slice(0, 10) });
  }
}

/** One line saying what was earned and where that money stands, true at the moment it is rendered. */
export function payoutLine(
  t: Translate,
  tokens: TokenRegistry,
  input: { token: TokenSymbol; earned: bigint; payout: PayoutOutlook | null; explorer: (signature: string) => string },
): string {
  const earned = amount(tokens, input.token, input.earned);
  return input.payout
    ? t("grade-earned", { amount: earned, outlook: outlookText(t, tokens, input.payout, input.explorer) })
    : t("grade-earned-plain", { amount: earned });
}

/** The components that cost the most points, largest loss first (at most `count`, none lost nothing). */
export function costliest(grade: Grade, count = 2): Grade["components"] {
  return [...grade.components]
    .filter((c) => c.weight - c.points >= 1)
    .sort((a, b) => b.weight - b.points - (a.weight - a.points))
    .slice(0, count);
}

export function gradeNotice(t: Translate, tokens: TokenRegistry, input: GradeNoticeInput): string {
  const { grade } = input;
  const where = { factory: plain(input.factoryName), task: plain(input.taskTitle) };
  // A recording that failed a gate was not graded on its merits: the one reason that stopped it,
  // and what to do; no breakdown of parts that never applied, and no appeal (the same files
  // would fail the same way).
  if (grade.rejected && !input.topUpRefused) {
    const first = grade.reasons[0];
    return [
      t("grade-rejected-title", where),
      first ? reasonText(t, first) : t("reason-archive_invalid"),
      "",
      t("grade-rejected-next"),
    ].join("\n");
  }
  const head = input.before
    ? t("grade-regraded", { before: input.before.score, score: grade.score })
    : t("grade-title", { score: grade.score, ...where });
  const below = !input.topUpRefused && input.earned === 0n && grade.score < input.threshold;
  const outcome = input.topUpRefused
    ? t("grade-topup-refused", { reason: t(`error-${input.topUpRefused}`) })
    : input.earned > 0n
      ? payoutLine(t, tokens, input)
      : below
        ? t("grade-below", { threshold: input.threshold })
        : t("grade-nothing-more");
  const breakdown = grade.components.map((c) =>
    t("grade-component", { name: t(`grade-part-${c.name}`), points: c.points, weight: c.weight }),
  );
  // Below the threshold: where the points went, and what would bring them back.
  const advice = below
    ? costliest(grade).map((c) =>
        t("grade-advice-line", {
          name: t(`grade-part-${c.name}`),
          lost: Math.round((c.weight - c.points) * 10) / 10,
          advice: t(`grade-advice-${c.name}`),
        }),
      )
    : [];
  const reasons = grade.reasons.map((r) => `• ${reasonText(t, r)}`);
  return [
    head,
    outcome,
    ...(advice.length ? ["", t("grade-advice-title"), ...advice] : []),
    "",
    t("grade-breakdown"),
    ...breakdown,
    ...(reasons.length ? ["", t("grade-reasons"), ...reasons] : []),
    ...(input.before ? [] : ["", t("grade-appeal-hint")]),
  ].join("\n");
}

function reasonText(t: Translate, reason: Grade["reasons"][number]): string {
  if (reason.code === "llm_reason") return t("reason-llm_reason", { text: plain(String(reason.params.text ?? "")) });
  // Details may quote a file's content: shown as they are, never as markup.
  const params = Object.fromEntries(
    Object.entries(reason.params).map(([k, v]) => [k, typeof v === "string" ? plain(v) : v]),
  );
  return t(`reason-${reason.code}`, params);
}
