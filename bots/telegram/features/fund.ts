// Money in: funding a factory's pool, staking CLONES and verifying a wallet, each a Solana
// Pay request (QR photo, link, "Open in wallet") from the payments edge. Without it, the bot
// says the feature is not enabled.
import type { Conversation } from "@grammyjs/conversations";
import { Composer, GrammyError, InputFile, InlineKeyboard, type Context } from "grammy";
import { randomUUID } from "node:crypto";
import { formatAmount } from "../../../core/money/amount.js";
import type { Units } from "../../../core/money/units.js";
import type { Locale, Translate } from "../../i18n.js";
import { formatMessageRef } from "../../notices/message-ref.js";
import { decodeAction } from "../../views/actions.js";
import { errorView } from "../../views/errors.js";
import { amount, plain } from "../../views/view.js";
import { asker } from "../ask.js";
import type { BotContext, ShownPayment, TelegramBotDeps } from "../context.js";
import { toHtml } from "../render.js";
import { rewardAnswer } from "./new-factory.js";

export const FUND_FACTORY = "fundfactory";

const expiry = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * Sends a payment request as a QR photo with its link and an "Open in wallet" button, and
 * returns where it went (the worker updates that message once the payment is in).
 */
export async function sendPayment(ctx: Context, t: Translate, caption: string, shown: ShownPayment): Promise<string> {
  const text = `${toHtml(caption)}\n\n${toHtml(shown.url)}`;
  const reply_markup = new InlineKeyboard().url(t("fund-open-wallet"), shown.url);
  try {
    const photo = new InputFile(shown.qrPng, "solana-pay.png");
    const sent = await ctx.replyWithPhoto(photo, { caption: text, parse_mode: "HTML", reply_markup });
    return telegramRef(sent, "photo");
  } catch (error) {
    // A Bot API server that refuses the photo still gets the request as text: the link works alone.
    if (!(error instanceof GrammyError)) throw error;
    const sent = await ctx.reply(text, {
      parse_mode: "HTML",
      reply_markup,
      link_preview_options: { is_disabled: true },
    });
    return telegramRef(sent, "text");
  }
}

const telegramRef = (sent: { chat: { id: number }; message_id: number }, kind: "photo" | "text") =>
  formatMessageRef({ platform: "telegram", chatId: String(sent.chat.id), messageId: String(sent.message_id), kind });

type PaymentInput = { accountId: string; locale: Locale } & (
  { purpose: "fund"; factoryId: string } | { purpose: "stake" } | { purpose: "unstake" } | { purpose: "gas" }
);

export function fundConversation(deps: TelegramBotDeps) {
  return async (conversation: Conversation<BotContext, Context>, ctx: Context, input: PaymentInput) => {
    const t = deps.i18n.translator(input.locale);
    const { ask, say } = asker(conversation, ctx, t);
    const clones = deps.tokens.get("CLONES").decimals;
    if (input.purpose === "unstake") {
      const staked = await conversation.external(async () =>
        formatAmount((await deps.core.getStakeTier(input.accountId)).staked, clones),
      );
      const units = await ask(t("unstake-ask-amount", { staked }), rewardAnswer(t, clones, input.locale));
      const done = await conversation.external(async () => {
        const r = await deps.core.requestUnstake({
          accountId: input.accountId,
          units: units as Units,
          requestId: randomUUID(),
        });
        const tier = (await deps.core.getStakeTier(input.accountId)).tier;
        return r.ok
          ? { ok: true as const, date: r.value.availableAt.toISOString().slice(0, 10), tier }
          : { ok: false as const, code: r.error.code };
      });
      return say(
        done.ok
          ? t("unstake-started", { amount: amount(deps.tokens, "CLONES", units), tier: done.tier, date: done.date })
          : `⚠️ ${t(`error-${done.code}`)}`,
      );
    }
    if (!deps.payments) return say(`⚠️ ${t("error-PAYMENTS_NOT_CONFIGURED")}`);
    const payments = deps.payments;
    if (input.purpose === "gas") {
      const units = await ask(t("gas-ask-amount"), rewardAnswer(t, deps.tokens.get("SOL").decimals, input.locale));
      const shown = await conversation.external(
        storable(() => payments.requestGasTopUp({ accountId: input.accountId, units })),
      );
      const ref = await sendPayment(
        ctx,
        t,
        t("gas-request", { amount: amount(deps.tokens, "SOL", units), expires: expiry(shown.expiresAt) }),
        shown,
      );
      return conversation.external(() =>
        deps.core.attachPaymentMessage({ requestId: shown.requestId, messageRef: ref }),
      );
    }
    if (input.purpose === "stake") {
      const staked = await conversation.external(async () =>
        formatAmount((await deps.core.getStakeTier(input.accountId)).staked, deps.tokens.get("CLONES").decimals),
      );
      const units = await ask(
        t("stake-ask-amount", { staked }),
        rewardAnswer(t, deps.tokens.get("CLONES").decimals, input.locale),
      );
      const shown = await conversation.external(
        storable(() => payments.requestStake({ accountId: input.accountId, units })),
      );
      return sendPayment(
        ctx,
        t,
        t("stake-request", { amount: amount(deps.tokens, "CLONES", units), expires: expiry(shown.expiresAt) }),
        shown,
      );
    }
    const factory = await conversation.external(async () => {
      const overview = await deps.core.getFactoryOverview(input.factoryId);
      if (!overview.ok) return null;
      const { factory: f, available } = overview.value;
      return { name: f.name, token: f.token, available: amount(deps.tokens, f.token, available) };
    });
    if (!factory) return say(`⚠️ ${t("error-FACTORY_NOT_FOUND")}`);
    const prompt = t("fund-ask-amount", {
      token: factory.token,
      name: plain(factory.name),
      available: factory.available,
    });
    const units = await ask(prompt, rewardAnswer(t, deps.tokens.get(factory.token).decimals, input.locale));
    const shown = await conversation.external(
      storable(() => payments.requestFunding({ accountId: input.accountId, factoryId: input.factoryId, units })),
    );
    const caption = t("fund-request", {
      amount: amount(deps.tokens, factory.token, units),
      name: plain(factory.name),
      expires: expiry(shown.expiresAt),
    });
    const ref = await sendPayment(ctx, t, caption, shown);
    await conversation.external(() => deps.core.attachPaymentMessage({ requestId: shown.requestId, messageRef: ref }));
  };
}

/** Conversation state is JSON: the QR's bytes and the date travel as text. */
const storable = (task: () => Promise<ShownPayment>) => ({
  task,
  beforeStore: (r: ShownPayment) => ({
    id: r.requestId,
    url: r.url,
    qr: Buffer.from(r.qrPng).toString("base64"),
    expiresAt: r.expiresAt.toISOString(),
  }),
  afterLoad: (s: { id: string; url: string; qr: string; expiresAt: string }): ShownPayment => ({
    requestId: s.id,
    url: s.url,
    qrPng: Buffer.from(s.qr, "base64"),
    expiresAt: new Date(s.expiresAt),
  }),
});

export const fundFeature = new Composer<BotContext>();

fundFeature.callbackQuery(/^fund:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  if (action?.kind !== "fund") return;
  // The prompt shows the pool's balance: its owner's (or an admin's) to see, whoever pays in.
  const overview = await ctx.deps.core.getOwnedFactoryOverview({
    actor: { accountId: ctx.account.id, isAdmin: ctx.isAdmin },
    factoryId: action.factoryId,
    dialog: "fund",
  });
  if (!overview.ok) return ctx.render(errorView(ctx.t, overview.error));
  const { factory, available } = overview.value;
  if (!ctx.deps.payments)
    return ctx.render({
      text: ctx.t("factory-fund-soon", { available: amount(ctx.deps.tokens, factory.token, available) }),
    });
  // The deposit is credited to this factory whoever pays.
  await ctx.conversation.enter(FUND_FACTORY, {
    accountId: ctx.account.id,
    locale: ctx.locale,
    purpose: "fund",
    factoryId: factory.id,
  });
});

fundFeature.callbackQuery("stake:ask", async (ctx) => {
  await ctx.answerCallbackQuery();
  if (!ctx.deps.payments) return ctx.reply(`⚠️ ${ctx.t("error-PAYMENTS_NOT_CONFIGURED")}`);
  await ctx.conversation.enter(FUND_FACTORY, { accountId: ctx.account.id, locale: ctx.locale, purpose: "stake" });
});

fundFeature.callbackQuery("stake:unstake", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(FUND_FACTORY, { accountId: ctx.account.id, locale: ctx.locale, purpose: "unstake" });
});

fundFeature.callbackQuery("wallet:verify", async (ctx) => {
  await ctx.answerCallbackQuery();
  if (!ctx.deps.payments) return ctx.reply(`⚠️ ${ctx.t("error-PAYMENTS_NOT_CONFIGURED")}`);
  const shown = await ctx.deps.payments.requestWalletVerification({ accountId: ctx.account.id });
  const caption = ctx.t("wallet-verify-request", {
    amount: amount(ctx.deps.tokens, "SOL", VERIFY_UNITS),
    expires: expiry(shown.expiresAt),
  });
  const ref = await sendPayment(ctx, ctx.t, caption, shown);
  await ctx.deps.core.attachPaymentMessage({ requestId: shown.requestId, messageRef: ref });
});

const VERIFY_UNITS = 1_000n;

fundFeature.callbackQuery("admin:gas", async (ctx) => {
  await ctx.answerCallbackQuery();
  if (!ctx.isAdmin) return ctx.reply(ctx.t("admin-only"));
  if (!ctx.deps.payments) return ctx.reply(`⚠️ ${ctx.t("error-PAYMENTS_NOT_CONFIGURED")}`);
  await ctx.conversation.enter(FUND_FACTORY, { accountId: ctx.account.id, locale: ctx.locale, purpose: "gas" });
});
