// The slash commands as Discord registers them, built from the features' descriptions with
// their texts from the Fluent files: English by default, Spanish for Discord's Spanish locales.
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type LocaleString,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { I18n, Locale } from "../i18n.js";
import type { DiscordCommand } from "./feature.js";

/** Discord's locales for each of ours besides English (the default). */
export const DISCORD_LOCALES: Readonly<Record<Exclude<Locale, "en">, readonly LocaleString[]>> = {
  es: ["es-ES", "es-419"],
};

/** Discord allows 100 characters in a description. */
const DESCRIPTION_MAX = 100;

function describe(i18n: I18n, key: string): { text: string; localized: Partial<Record<LocaleString, string>> } {
  const text = (locale: Locale) => i18n.t(locale, key).slice(0, DESCRIPTION_MAX);
  const localized: Partial<Record<LocaleString, string>> = {};
  for (const [locale, codes] of Object.entries(DISCORD_LOCALES) as [Locale, readonly LocaleString[]][])
    for (const code of codes) localized[code] = text(locale);
  return { text: text("en"), localized };
}

/** One command's registration body. */
export function commandData(command: DiscordCommand, i18n: I18n): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const about = describe(i18n, command.description ?? `cmd-${command.name}`);
  const builder = new SlashCommandBuilder()
    .setName(command.name)
    .setDescription(about.text)
    .setDescriptionLocalizations(about.localized)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(
      command.guildOnly ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM],
    );
  if (command.memberPermissions !== undefined) builder.setDefaultMemberPermissions(command.memberPermissions);
  for (const option of command.options ?? []) {
    const text = describe(i18n, option.description);
    if (option.type === "string")
      builder.addStringOption((o) =>
        o
          .setName(option.name)
          .setDescription(text.text)
          .setDescriptionLocalizations(text.localized)
          .setRequired(option.required ?? false)
          .setAutocomplete(option.autocomplete ?? false),
      );
    else
      builder.addIntegerOption((o) => {
        o.setName(option.name)
          .setDescription(text.text)
          .setDescriptionLocalizations(text.localized)
          .setRequired(option.required ?? false)
          .setAutocomplete(option.autocomplete ?? false);
        if (option.min !== undefined) o.setMinValue(option.min);
        if (option.max !== undefined) o.setMaxValue(option.max);
        return o;
      });
  }
  return builder.toJSON();
}

/** Every command's registration body, as the deploy script sends them. */
export const commandsData = (commands: readonly DiscordCommand[], i18n: I18n) =>
  commands.map((c) => commandData(c, i18n));
