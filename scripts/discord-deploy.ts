// npm run discord:deploy [-- --guild <id>]: registers the Discord bot's slash commands, with
// their Spanish descriptions, in one guild (development: at once) or globally (production).
// Reads DISCORD_TOKEN and DISCORD_API_ROOT from the environment (or .env, like the app).
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { discordExtraFeatures } from "../app/discord.js";
import { discordFeatures } from "../bots/discord/create-bot.js";
import { deployCommands } from "../bots/discord/deploy-commands.js";
import { createI18n } from "../bots/i18n.js";

async function main(): Promise<void> {
  const envFile = process.env.ENV_FILE ?? ".env";
  if (envFile && existsSync(envFile)) process.loadEnvFile(envFile);
  const { values } = parseArgs({ options: { guild: { type: "string" } } });
  const token = process.env.DISCORD_TOKEN;
  if (!token) throw new Error("set DISCORD_TOKEN (the bot's token) to register its commands");
  if (values.guild !== undefined && !/^\d{17,20}$/.test(values.guild))
    throw new Error(`--guild: "${values.guild}" is not a Discord server id (17-20 digits)`);
  const commands = discordFeatures(discordExtraFeatures()).flatMap((f) => f.commands ?? []);
  const done = await deployCommands(
    { token, apiRoot: process.env.DISCORD_API_ROOT, guildId: values.guild },
    commands,
    createI18n(),
  );
  process.stdout.write(
    `Registered ${done.names.length} commands ${values.guild ? `in guild ${values.guild} (available now)` : "globally (Discord may take up to an hour to show changes)"}: ${done.names.map((n) => `/${n}`).join(" ")}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`discord:deploy failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
