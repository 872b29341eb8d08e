// Starts the Discord bot: logs in (through DISCORD_API_ROOT when given, a local Discord in
// tests) and resolves once every shard is ready. Shards: "auto" asks Discord how many this bot
// needs and runs them all in this process (discord.js's internal sharding); a list runs only
// those, so several processes can split the shards (each with the same shardCount). Either way
// no state that matters lives in the process.
import { once } from "node:events";
import { Events, IntentsBitField, type Client } from "discord.js";
import type { DiscordBotDeps } from "./context.js";
import { createDiscordBot, type DiscordBot } from "./create-bot.js";
import type { DiscordFeature } from "./feature.js";

export interface DiscordBotStart {
  readonly token: string;
  /** `http://host:port/api`: a Discord other than discord.com (tests, a proxy). */
  readonly apiRoot?: string;
  readonly shards?: "auto" | readonly number[];
  readonly shardCount?: number;
  readonly deps: DiscordBotDeps;
  readonly features?: readonly DiscordFeature[];
}

export interface RunningDiscordBot extends DiscordBot {
  /** The bot's Discord username, for the start-up line. */
  readonly username: string;
  readonly shardCount: number;
  /** The gateway intents it identified with, by name ("Guilds", "GuildMembers", ...). */
  readonly intents: readonly string[];
  stop(): Promise<void>;
}

export async function startDiscordBot(start: DiscordBotStart): Promise<RunningDiscordBot> {
  const bot = createDiscordBot(start.deps, {
    features: start.features,
    client: {
      ...(start.apiRoot ? { rest: { api: start.apiRoot } } : {}),
      shards: start.shards === "auto" || start.shards === undefined ? "auto" : [...start.shards],
      ...(start.shardCount ? { shardCount: start.shardCount } : {}),
    },
  });
  const client: Client = bot.client;
  const ready = once(client, Events.ClientReady);
  try {
    await client.login(start.token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  return {
    ...bot,
    username: client.user?.username ?? "",
    shardCount: client.ws.shards.size,
    intents: new IntentsBitField(client.options.intents).toArray(),
    stop: () => client.destroy(),
  };
}
