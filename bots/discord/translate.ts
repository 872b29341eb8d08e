import type { I18n, Locale, Translate } from "../i18n.js";

/** Texts that end by offering to take a recording sent in the chat, which only the Telegram bot does. */
const OFFERS_CHAT_UPLOAD = new Set(["submit-instructions"]);

/**
 * The Discord bot's translator: the Fluent texts both bots share, without the sentence offering
 * to take a recording's zip in the chat (`submit-send-zip`): the Discord bot takes recordings
 * through the recorder's upload only.
 */
export function discordTranslator(i18n: I18n, locale: Locale): Translate {
  const t = i18n.translator(locale);
  const offer = t("submit-send-zip");
  return (key, args) => {
    const text = t(key, args);
    return OFFERS_CHAT_UPLOAD.has(key) && text.endsWith(offer) ? text.slice(0, -offer.length).trimEnd() : text;
  };
}
