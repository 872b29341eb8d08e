import { Composer } from "grammy";
import { decodeAction } from "../../views/actions.js";
import { helpView, languageView, welcomeView } from "../../views/onboarding.js";
import { LOCALES, type Locale } from "../../i18n.js";
import type { BotContext } from "../context.js";

export const helpFeature = new Composer<BotContext>();

helpFeature.command("help", (ctx) => ctx.render(helpView(ctx.t, { isAdmin: ctx.isAdmin })));
helpFeature.callbackQuery("nav:help", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.render(helpView(ctx.t, { isAdmin: ctx.isAdmin }));
});
helpFeature.callbackQuery("nav:start", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.render(welcomeView(ctx.t, { returning: true, referrerName: null }), { edit: true });
});

export const languageFeature = new Composer<BotContext>();

languageFeature.command("language", (ctx) => ctx.render(languageView(ctx.t)));
languageFeature.callbackQuery(/^lang:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  if (action?.kind !== "lang" || !(LOCALES as readonly string[]).includes(action.locale))
    return ctx.answerCallbackQuery();
  await ctx.deps.core.setLocale({ accountId: ctx.account.id, locale: action.locale });
  ctx.locale = action.locale as Locale;
  ctx.t = ctx.deps.i18n.translator(ctx.locale);
  await ctx.answerCallbackQuery();
  await ctx.render({ text: ctx.t("language-set") }, { edit: true });
});
