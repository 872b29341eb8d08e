// Tells people, in their language, on Telegram, what happened to their money. The worker
// uses only the Bot API client: no bot, no updates.
import { Api, GrammyError } from "grammy";
import { createI18n, pickLocale, type Translate } from "../bots/i18n.js";
import { toHtml } from "../bots/telegram/render.js";
import type { Core } from "../core/index.js";
import type { Logger } from "./logger.js";

export function telegramNotifier(options: { token: string; apiRoot?: string; core: Core; logger: Logger }) {
  const api = new Api(options.token, options.apiRoot ? { apiRoot: options.apiRoot } : undefined);
  const i18n = createI18n();
  return async (accountId: string, message: (t: Translate) => string): Promise<void> => {
    const identity = (await options.core.listIdentities(accountId)).find((i) => i.platform === "telegram");
    if (!identity) return;
    const profile = await options.core.getProfile(accountId);
    const t = i18n.translator(pickLocale(profile.ok ? profile.value.account.locale : null));
    try {
      await api.sendMessage(Number(identity.externalId), toHtml(message(t)), { parse_mode: "HTML" });
    } catch (error) {
      if (error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400)) {
        options.logger.warn({ accountId, description: error.description }, "person unreachable on Telegram");
        return;
      }
      throw error;
    }
  };
}
