import { GrammyError } from "grammy";
import { pickLocale, type Translate } from "../i18n.js";
import type { BotContext, TelegramBotDeps } from "./context.js";
import { toHtml } from "./render.js";

/** "@alice", or the account's first Telegram name we know. */
export async function displayName(deps: TelegramBotDeps, accountId: string): Promise<string> {
  const identities = await deps.core.listIdentities(accountId);
  const tg = identities.find((i) => i.platform === "telegram") ?? identities[0];
  return tg?.username ? `@${tg.username}` : "a CLONES Forge member";
}

/**
 * DMs another person on Telegram, in their language. A person who blocked the bot (403) or
 * never started it cannot be reached: that is logged and not retried.
 */
export async function notifyAccount(
  ctx: BotContext,
  accountId: string,
  message: (t: Translate) => string,
): Promise<boolean> {
  const identities = await ctx.deps.core.listIdentities(accountId);
  const tg = identities.find((i) => i.platform === "telegram");
  if (!tg) return false;
  const profile = await ctx.deps.core.getProfile(accountId);
  const locale = pickLocale(profile.ok ? profile.value.account.locale : null);
  try {
    await ctx.api.sendMessage(Number(tg.externalId), toHtml(message(ctx.deps.i18n.translator(locale))), {
      parse_mode: "HTML",
    });
    return true;
  } catch (error) {
    if (error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400)) {
      ctx.deps.logger.warn({ accountId, description: error.description }, "person unreachable on Telegram");
      return false;
    }
    throw error;
  }
}
