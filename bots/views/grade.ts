// The Quality Agent's verdict as the farmer reads it: score against the threshold, what was
// paid, the breakdown component by component, and the reasons, in their language.
import type { Factory } from "../../core/factories/factory.js";
import type { Grade } from "../../core/grading/recording.js";
import type { TokenRegistry, TokenSymbol } from "../../core/money/tokens.js";
import type { Translate } from "../i18n.js";
import { amount, plain } from "./view.js";

export interface GradeNoticeInput {
  readonly factoryName: string;
  readonly taskTitle: string;
  readonly token: TokenSymbol;
  readonly threshold: number;
  readonly grade: Grade;
  /** What the farmer received for it (net of the platform fee). */
  readonly paid: bigint;
  /** The first grade, when this is an appeal's regrade. */
  readonly before?: Grade;
  /** Why a higher regrade could not be paid (e.g. POOL_EXHAUSTED). */
  readonly topUpRefused?: string;
}

/** What a notice says about where the recording was made, from its factory. */
export const gradeContext = (
  factory: Pick<Factory, "name" | "token" | "threshold" | "tasks">,
  taskId: string,
): Pick<GradeNoticeInput, "factoryName" | "taskTitle" | "token" | "threshold"> => ({
  factoryName: factory.name,
  taskTitle: factory.tasks.find((t) => t.id === taskId)?.title ?? "?",
  token: factory.token,
  threshold: factory.threshold,
});

export function gradeNotice(t: Translate, tokens: TokenRegistry, input: GradeNoticeInput): string {
  const { grade } = input;
  const head = input.before
    ? t("grade-regraded", { before: input.before.score, score: grade.score })
    : t("grade-title", { score: grade.score, factory: plain(input.factoryName), task: plain(input.taskTitle) });
  const outcome = input.topUpRefused
    ? t("grade-topup-refused", { reason: t(`error-${input.topUpRefused}`) })
    : grade.rejected
      ? t("grade-rejected")
      : input.paid > 0n
        ? t("grade-paid", { amount: amount(tokens, input.token, input.paid) })
        : grade.score >= input.threshold
          ? t("grade-nothing-more")
          : t("grade-below", { threshold: input.threshold });
  const breakdown = grade.components.map((c) =>
    t("grade-component", { name: t(`grade-part-${c.name}`), points: c.points, weight: c.weight }),
  );
  const reasons = grade.reasons.map((r) => `• ${reasonText(t, r)}`);
  return [
    head,
    outcome,
    "",
    t("grade-breakdown"),
    ...breakdown,
    ...(reasons.length ? ["", t("grade-reasons"), ...reasons] : []),
    ...(input.before ? [] : ["", t("grade-appeal-hint")]),
  ].join("\n");
}

function reasonText(t: Translate, reason: Grade["reasons"][number]): string {
  if (reason.code === "llm_reason") return t("reason-llm_reason", { text: plain(String(reason.params.text ?? "")) });
  return t(`reason-${reason.code}`, reason.params);
}
