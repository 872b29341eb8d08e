// Registers the bot's slash commands with Discord: in one guild (development: they appear at
// once) or globally (production). A PUT replaces the whole set, so a command removed from the
// code disappears from Discord too.
import { REST, Routes, type RESTGetCurrentApplicationResult } from "discord.js";
import type { I18n } from "../i18n.js";
import { commandsData } from "./commands.js";
import type { DiscordCommand } from "./feature.js";

export interface DeployTarget {
  readonly token: string;
  readonly apiRoot?: string;
  /** Register in this guild only; globally when absent. */
  readonly guildId?: string;
}

export async function deployCommands(
  target: DeployTarget,
  commands: readonly DiscordCommand[],
  i18n: I18n,
): Promise<{ applicationId: string; names: string[] }> {
  const rest = new REST(target.apiRoot ? { api: target.apiRoot } : {}).setToken(target.token);
  const application = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
  const body = commandsData(commands, i18n);
  const route = target.guildId
    ? Routes.applicationGuildCommands(application.id, target.guildId)
    : Routes.applicationCommands(application.id);
  const saved = (await rest.put(route, { body })) as Array<{ name: string }>;
  return { applicationId: application.id, names: saved.map((c) => c.name) };
}
