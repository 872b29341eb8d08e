import { randomUUID } from "node:crypto";
import { sequentialize } from "@grammyjs/runner";
import { Bot, Composer, InlineKeyboard, lazySession, type BotConfig, type Context } from "grammy";
import { LOCALES, pickLocale, type I18n, type Locale } from "../i18n.js";
import { COMMANDS } from "../views/commands.js";
import type { BotContext, SessionData, TelegramBotDeps } from "./context.js";
import { accountFeature } from "./features/account.js";
import { adminFeature } from "./features/admin.js";
import { ambassadorFeature } from "./features/ambassador.js";
import { browseFeature } from "./features/browse.js";
import { editFactoryFeature } from "./features/edit-factory.js";
import { devicesFeature } from "./features/devices.js";
import { documentsFeature } from "./features/documents.js";
import { factoriesFeature } from "./features/factories.js";
import { boostFeature } from "./features/boost.js";
import { datasetTokensFeature } from "./features/dataset-tokens.js";
import { fundFeature } from "./features/fund.js";
import { walletSignatureFeature } from "./features/wallet-signature.js";
import { helpFeature, languageFeature } from "./features/help.js";
import { linkFeature } from "./features/link.js";
import { newFactoryFeature } from "./features/new-factory.js";
import { wizardFeature } from "./features/wizard.js";
import { startFeature } from "./features/start.js";
import { unhandledFeature } from "./features/unhandled.js";
import { apiRetries } from "./api-retries.js";
import { renderView } from "./render.js";
import { chatState } from "./chat-state.js";

const GROUP_COMMANDS = new Set<string>(COMMANDS.filter((c) => c.group).map((c) => c.command));

/** The chat (or, without one, the user) whose updates are processed one at a time. */
const chatKey = (ctx: Context) => (ctx.chat?.id ?? ctx.from?.id)?.toString();

export function createBot(token: string, deps: TelegramBotDeps, config?: BotConfig<BotContext>): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, config);
  bot.api.config.use(
    ...apiRetries({
      onPollingFailure: (error, retryInMs) =>
        deps.logger.warn({ err: error, retryInMs }, "Telegram unreachable while polling; trying again"),
    }),
  );
  bot.use(sequentialize(chatKey));
  bot.use(async (ctx, next) => {
    deps.onUpdate?.();
    (ctx as { deps: TelegramBotDeps }).deps = deps;
    await next();
  });
  bot.catch(({ error, ctx }) => deps.logger.error({ err: error, update: loggedUpdate(ctx) }, "unhandled bot error"));

  const guarded = bot.errorBoundary(async ({ error, ctx }) => {
    const ref = randomUUID().slice(0, 8);
    deps.logger.error({ err: error, ref, update: loggedUpdate(ctx) }, "bot handler failed");
    const t = ctx.t ?? deps.i18n.translator("en");
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    if (ctx.chat) await ctx.reply(t("error-generic", { ref })).catch(() => undefined);
  });
  // Lazy: only handlers that use the session read (and write) it, and an unchanged one is not
  // written back.
  const state = chatState(deps.sessions, chatKey);
  guarded.use(state.scope);
  guarded.use(
    lazySession({ initial: (): SessionData => ({ browsePage: 0 }), storage: state.sessions, getSessionKey: chatKey }),
  );
  // Blocking the bot (or coming back) changes whether it may message the person.
  guarded.on("my_chat_member", async (ctx, next) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (ctx.chat.type === "private") {
      if (status === "kicked") await ctx.deps.reachability?.unreachable(String(ctx.chat.id));
      else if (status === "member") await ctx.deps.reachability?.reachable(String(ctx.chat.id));
    }
    return next();
  });
  guarded.use(identify);
  guarded.use(groupGuard);
  guarded.use(
    startFeature,
    helpFeature,
    languageFeature,
    accountFeature,
    newFactoryFeature,
    wizardFeature,
    editFactoryFeature,
    fundFeature,
    boostFeature,
    datasetTokensFeature,
    walletSignatureFeature,
    documentsFeature,
    devicesFeature,
    linkFeature,
    factoriesFeature,
    browseFeature,
    ambassadorFeature,
    adminFeature,
  );
  guarded.use(unhandledFeature);
  return bot;
}

const CONTENT = ["text", "document", "photo", "video", "voice", "audio", "sticker", "location", "contact"] as const;

/**
 * What a log line says about an update: ids and kinds (a command's name, a button's action),
 * never people's names, what they typed, or a command's argument (a referral code, say).
 */
export function loggedUpdate(ctx: Context) {
  const msg = ctx.callbackQuery ? undefined : ctx.msg; // a button's message is ours, not theirs
  return {
    id: ctx.update.update_id,
    kind: Object.keys(ctx.update).find((key) => key !== "update_id"),
    content: msg ? CONTENT.find((key) => key in msg) : undefined,
    chatId: ctx.chat?.id,
    userId: ctx.from?.id,
    command: msg?.text?.match(/^\/([A-Za-z0-9_]+)/)?.[1],
    action: ctx.callbackQuery?.data?.match(/^[A-Za-z_]+/)?.[0],
  };
}

/** Finds or creates the person's account and sets their language for this update. */
const identify = new Composer<BotContext>().use(async (ctx, next) => {
  if (!ctx.from || ctx.from.is_bot) return;
  // Group chatter is none of our business: only commands and buttons there reach us.
  if (ctx.chat && ctx.chat.type !== "private" && !ctx.callbackQuery && !ctx.msg?.text?.startsWith("/")) return;
  const result = await ctx.deps.core.registerAccount({
    platform: "telegram",
    externalId: String(ctx.from.id),
    username: ctx.from.username ?? null,
    locale: pickLocale(ctx.from.language_code),
  });
  if (!result.ok) throw result.error;
  ctx.account = result.value.account;
  ctx.firstContact = result.value.created;
  ctx.locale = (result.value.account.locale as Locale | null) ?? pickLocale(ctx.from.language_code);
  ctx.locale = pickLocale(ctx.locale);
  ctx.t = ctx.deps.i18n.translator(ctx.locale);
  ctx.isAdmin = ctx.deps.adminIds.has(String(ctx.from.id));
  ctx.render = (view, options) => renderView(ctx, view, options);
  await next();
});

/** In groups only public commands answer there; the rest point to a private chat. */
const groupGuard = new Composer<BotContext>().use(async (ctx, next) => {
  if (ctx.chat?.type === "private" || !ctx.chat) return next();
  if (ctx.callbackQuery) return ctx.answerCallbackQuery();
  const command = ctx.msg?.text?.match(/^\/([a-z_]+)(@\w+)?/)?.[1];
  if (!command) return; // groups: ignore chatter and stray buttons
  if (GROUP_COMMANDS.has(command)) return next();
  await ctx.reply(ctx.t("private-only-failed"), {
    reply_markup: new InlineKeyboard().url("🤖 Open", `https://t.me/${ctx.me.username}?start`),
  });
});

/** Registers the command menu in every language (Telegram shows it by the user's language). */
export async function registerCommands(bot: Bot<BotContext>, i18n: I18n): Promise<void> {
  for (const locale of LOCALES) {
    const t = i18n.translator(locale);
    const all = COMMANDS.map((c) => ({ command: c.command, description: t(`cmd-${c.command}`) }));
    const group = COMMANDS.filter((c) => c.group).map((c) => ({
      command: c.command,
      description: t(`cmd-${c.command}`),
    }));
    const language_code = locale === "en" ? undefined : locale;
    await bot.api.setMyCommands(all, { scope: { type: "all_private_chats" }, language_code });
    await bot.api.setMyCommands(group, { scope: { type: "all_group_chats" }, language_code });
  }
}
