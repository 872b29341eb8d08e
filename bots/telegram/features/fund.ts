// Funding a factory's pool: amount in the factory's token → a Solana Pay request (link, QR and
// an "Open in wallet" button) from the payments edge. Without it, the card says how to enable it.
import type { Conversation } from "@grammyjs/conversations";
import { Composer, InputFile, InlineKeyboard, type Context } from "grammy";
import type { Locale } from "../../i18n.js";
import { decodeAction } from "../../views/actions.js";
import { errorView } from "../../views/errors.js";
import { amount, plain } from "../../views/view.js";
import { asker } from "../ask.js";
import type { BotContext, TelegramBotDeps } from "../context.js";
import { toHtml } from "../render.js";
import { rewardAnswer } from "./new-factory.js";

export const FUND_FACTORY = "fundfactory";

export function fundConversation(deps: TelegramBotDeps) {
  return async (
    conversation: Conversation<BotContext, Context>,
    ctx: Context,
    input: { accountId: string; locale: Locale; factoryId: string },
  ) => {
    const t = deps.i18n.translator(input.locale);
    const { ask, say } = asker(conversation, ctx, t);
    const factory = await conversation.external(async () => {
      const overview = await deps.core.getFactoryOverview(input.factoryId);
      if (!overview.ok) return null;
      const { factory: f, available } = overview.value;
      return { name: f.name, token: f.token, available: amount(deps.tokens, f.token, available) };
    });
    if (!factory || !deps.payments) return say(`⚠️ ${t("error-FACTORY_NOT_FOUND")}`);
    const units = await ask(
      t("fund-ask-amount", { token: factory.token, name: plain(factory.name), available: factory.available }),
      rewardAnswer(t, deps.tokens.get(factory.token).decimals),
    );
    const request = await conversation.external({
      task: () => deps.payments!.requestFunding({ accountId: input.accountId, factoryId: input.factoryId, units }),
      beforeStore: (r) => ({
        url: r.url,
        qr: Buffer.from(r.qrPng).toString("base64"),
        expiresAt: r.expiresAt.toISOString(),
      }),
      afterLoad: (s) => ({ url: s.url, qrPng: Buffer.from(s.qr, "base64"), expiresAt: new Date(s.expiresAt) }),
    });
    const caption = t("fund-request", {
      amount: amount(deps.tokens, factory.token, units),
      name: plain(factory.name),
      expires: request.expiresAt.toISOString().slice(0, 16).replace("T", " ") + " UTC",
    });
    await ctx.replyWithPhoto(new InputFile(request.qrPng, "solana-pay.png"), {
      caption: `${toHtml(caption)}\n${request.url}`,
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().url(t("fund-open-wallet"), request.url),
    });
  };
}

export const fundFeature = new Composer<BotContext>();

fundFeature.callbackQuery(/^fund:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  if (action?.kind !== "fund") return;
  const overview = await ctx.deps.core.getFactoryOverview(action.factoryId);
  if (!overview.ok) return ctx.render(errorView(ctx.t, overview.error));
  const { factory, available } = overview.value;
  if (!ctx.deps.payments)
    return ctx.render({
      text: ctx.t("factory-fund-soon", { available: amount(ctx.deps.tokens, factory.token, available) }),
    });
  // Anyone may fund a pool; the deposit is credited to this factory whoever pays.
  await ctx.conversation.enter(FUND_FACTORY, { accountId: ctx.account.id, locale: ctx.locale, factoryId: factory.id });
});
