// /newfactory: a guided conversation. Its state lives in Postgres (conversations plugin with
// our storage), so a restart or another process can continue it; /cancel or the Cancel
// button ends it without saving anything.
import type { Conversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard, type Context } from "grammy";
import { MIN_THRESHOLD } from "../../../core/economics/rules.js";
import {
  FactoryNameSchema,
  TaskInputSchema,
  UseCaseSchema,
  type FactoryLimits,
  type TaskInput,
} from "../../../core/factories/factory.js";
import { parseTypedAmount } from "../../../core/money/typed-amount.js";
import type { DomainError } from "../../../core/shared/errors.js";
import type { TokenSymbol } from "../../../core/money/tokens.js";
import type { Locale, Translate } from "../../i18n.js";
import { encodeAction } from "../../views/actions.js";
import { errorText } from "../../views/errors.js";
import { limitsText } from "../../views/creator.js";
import { amount, plain } from "../../views/view.js";
import type { BotContext, TelegramBotDeps } from "../context.js";
import { asker, CANCEL, type Parsed } from "../ask.js";

export const NEW_FACTORY = "newfactory";

export function parseTasks(text: string): TaskInput[] | null {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0 || lines.length > 50) return null;
  const tasks: TaskInput[] = [];
  for (const line of lines) {
    const [title, ...rest] = line.split(":");
    const prompt = rest.join(":").trim() || title!.trim();
    // Core's rules for typed text: a visible character, a length in characters people see.
    const task = TaskInputSchema.safeParse({ title: title!.trim(), prompt, app: null });
    if (!task.success) return null;
    tasks.push(task.data);
  }
  return tasks;
}

/** Typed text as core will keep it (cleaned), or null when core would refuse it. */
const typedText =
  (schema: typeof FactoryNameSchema | typeof UseCaseSchema) =>
  (s: string): string | null => {
    const parsed = schema.safeParse(s);
    return parsed.success ? parsed.data : null;
  };

export function parseLimits(text: string): FactoryLimits | null {
  const trimmed = text.trim().toLowerCase();
  if (["none", "no", "ninguno", "0"].includes(trimmed)) return { perTask: null, perDay: null, total: null };
  const parts = trimmed.split(/[\s,;/]+/).filter(Boolean);
  if (parts.length !== 3 || !parts.every((p) => /^\d{1,6}$/.test(p))) return null;
  const [perTask, perDay, total] = parts.map((p) => (Number(p) === 0 ? null : Number(p))) as [
    number | null,
    number | null,
    number | null,
  ];
  return { perTask, perDay, total };
}

export const parseThreshold = (s: string): number | null => {
  const n = Number(s);
  return /^\d+$/.test(s) && n >= MIN_THRESHOLD && n <= 100 ? n : null;
};

/**
 * A positive amount in a token's decimals, as people of `locale` write it ("12,5" in Spanish);
 * what could be read two ways is asked again, naming both ways to write it.
 */
export const rewardAnswer =
  (t: Translate, decimals: number, locale: Locale) =>
  (a: { text?: string }): Parsed<bigint> => {
    const parsed = parseTypedAmount(a.text ?? "", decimals, locale);
    if (parsed.ok && parsed.value > 0n) return { ok: true, value: parsed.value };
    return { ok: false, retry: t("retry-amount", { reason: amountProblem(t, parsed.ok ? null : parsed.error) }) };
  };

function amountProblem(t: Translate, error: DomainError | null): string {
  if (error?.code === "AMOUNT_AMBIGUOUS") {
    const { input, whole, decimal } = error.context as Record<string, string>;
    return t("error-AMOUNT_AMBIGUOUS", { input: plain(input ?? ""), whole: whole ?? "", decimal: decimal ?? "" });
  }
  return t(`error-${error?.code ?? "AMOUNT_INVALID"}`);
}

export function newFactoryConversation(deps: TelegramBotDeps) {
  return async (
    conversation: Conversation<BotContext, Context>,
    ctx: Context,
    input: { accountId: string; locale: Locale },
  ) => {
    const t: Translate = deps.i18n.translator(input.locale);
    const { ask, say, textOnly } = asker(conversation, ctx, t);
    const name = await ask(t("nf-name"), textOnly(t("retry-name"), typedText(FactoryNameSchema)));
    const useCase = await ask(t("nf-usecase"), textOnly(t("retry-usecase"), typedText(UseCaseSchema)));
    const tasks = await ask(t("nf-tasks"), textOnly(t("retry-tasks"), parseTasks));
    const tokens = deps.tokens.list();
    const tokenKeyboard = new InlineKeyboard();
    for (const token of tokens) tokenKeyboard.text(token.symbol, `nf:token:${token.symbol}`);
    tokenKeyboard.row().text(t("conv-cancel"), CANCEL);
    const token = await ask<TokenSymbol>(
      t("nf-token"),
      (a) => {
        const symbol = a.data?.startsWith("nf:token:") ? a.data.slice("nf:token:".length) : a.text;
        const parsed = symbol === undefined ? null : deps.tokens.parseSymbol(symbol);
        return parsed?.ok ? { ok: true, value: parsed.value.symbol } : { ok: false, retry: t("nf-token") };
      },
      tokenKeyboard,
    );
    const decimals = deps.tokens.get(token).decimals;
    const rewardText = await ask(t("nf-reward", { token }), (a) => {
      const parsed = rewardAnswer(t, decimals, input.locale)(a);
      return parsed.ok ? { ok: true, value: parsed.value.toString() } : parsed;
    });
    const reward = BigInt(rewardText);
    const threshold = await ask(
      t("nf-threshold", { min: MIN_THRESHOLD }),
      textOnly(t("retry-threshold", { min: MIN_THRESHOLD }), (s) => {
        const n = Number(s);
        return /^\d+$/.test(s) && n >= MIN_THRESHOLD && n <= 100 ? n : null;
      }),
    );
    const limits = await ask(t("nf-limits"), textOnly(t("retry-limits"), parseLimits));
    const confirm = new InlineKeyboard().text(t("nf-create"), "nf:create").text(t("conv-cancel"), CANCEL);
    const summary = t("nf-confirm", {
      name: plain(name),
      useCase: plain(useCase),
      tasks: tasks.map((task) => plain(task.title)).join(", "),
      reward: amount(deps.tokens, token, reward),
      threshold,
      limits: limitsText(t, limits),
    });
    await ask(
      summary,
      (a) => (a.data === "nf:create" ? { ok: true, value: true } : { ok: false, retry: summary }),
      confirm,
    );
    const created = await conversation.external(async () => {
      const result = await deps.core.createFactory({
        ownerId: input.accountId,
        factory: { name, useCase, token, rewardPerDemo: reward, threshold, limits, tasks },
      });
      return result.ok
        ? { ok: true as const, id: result.value.id }
        : { ok: false as const, text: errorText(t, result.error) };
    });
    if (!created.ok) return say(`⚠️ ${created.text}`);
    const open = new InlineKeyboard().text(t("factory-open"), encodeAction({ kind: "card", factoryId: created.id }));
    await say(t("nf-created"), open);
  };
}

export const newFactoryFeature = new Composer<BotContext>();

const enter = (ctx: BotContext) =>
  ctx.conversation.enter(NEW_FACTORY, { accountId: ctx.account.id, locale: ctx.locale });
newFactoryFeature.chatType("private").command("newfactory", enter);
newFactoryFeature.callbackQuery("nav:create", async (ctx) => {
  await ctx.answerCallbackQuery();
  await enter(ctx);
});
newFactoryFeature.command("cancel", (ctx) => ctx.reply(ctx.t("conv-cancelled")));
