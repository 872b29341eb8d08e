import type { I18n, Locale, Translate } from "../i18n.js";

/**
 * The Discord bot's translator: the Fluent texts both bots share, as they are. What differs
 * between the bots is said by the flows' arguments (e.g. `pickTask`'s `acceptsFiles`), not by
 * editing the texts here.
 */
export const discordTranslator = (i18n: I18n, locale: Locale): Translate => i18n.translator(locale);
