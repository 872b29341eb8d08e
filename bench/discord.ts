// Interactions per second through the Discord bot on the local Discord (test/support/discord):
// a real discord.js Client logged in over loopback (REST + gateway WebSocket), people running
// slash commands, pressing buttons and picking from selects, `concurrency` of them at once,
// each waiting for the bot's answer. The full stack (the bot, core, Prisma on Postgres) is
// measured beside a bare discord.js Client answering every interaction with a fixed text on the
// same emulator: the bare figure is the ceiling the emulator and discord.js allow.
import { once } from "node:events";
import { Client, Events, GatewayIntentBits, MessageFlags, type APIMessage } from "discord.js";
import { createI18n } from "../bots/i18n.js";
import type { DiscordBotDeps } from "../bots/discord/context.js";
import { createDiscordBot, discordFeatures } from "../bots/discord/create-bot.js";
import { deployCommands } from "../bots/discord/deploy-commands.js";
import type { Core } from "../core/index.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import { startDiscordEmulator, type DiscordEmulator } from "../test/support/discord/emulator.js";
import { memoryNotifier } from "../test/support/memory-notifier.js";
import { memoryKeyValue } from "../test/support/telegram-harness.js";

type Step = (
  emulator: DiscordEmulator,
  guildId: string,
  user: string,
  last: APIMessage | null,
) => Promise<APIMessage | null>;

/** Runs `steps` in order for each simulated person; `concurrency` people at once; returns answered interactions/s. */
async function drive(
  emulator: DiscordEmulator,
  guildId: string,
  users: readonly string[],
  steps: readonly Step[],
  rounds: number,
  concurrency: number,
): Promise<number> {
  let next = 0;
  let answered = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < rounds; i = next++) {
        const user = users[i % users.length]!;
        let last: APIMessage | null = null;
        for (const step of steps) {
          last = await step(emulator, guildId, user, last);
          answered++;
        }
      }
    }),
  );
  return answered / ((performance.now() - started) / 1000);
}

const command =
  (name: string): Step =>
  async (emulator, guildId, user) => {
    const handle = emulator.slashCommand({ user, guildId, name, locale: Number(user.at(-1)) % 3 ? "en-US" : "es-ES" });
    await handle.response();
    return handle.original();
  };

/** Presses the first button of `last` whose custom id starts with `prefix` (the same message, updated). */
const press =
  (prefix: string): Step =>
  async (emulator, _guildId, user, last) => {
    const message = last && emulator.world.messages.get(last.id);
    const button = message?.components
      ?.flatMap((row) => ("components" in row ? (row.components as Array<{ custom_id?: string }>) : []))
      .find((c) => c.custom_id?.startsWith(prefix));
    if (!message || !button?.custom_id) throw new Error(`bench: no ${prefix} button to press`);
    const handle = emulator.button({ user, message, customId: button.custom_id });
    await handle.response();
    return emulator.world.messages.get(message.id) ?? null;
  };

/** Picks the first option of the select on `last` (a page of factories: opens one). */
const pickFirst: Step = async (emulator, _guildId, user, last) => {
  const message = last && emulator.world.messages.get(last.id);
  const select = message?.components
    ?.flatMap((row) =>
      "components" in row ? (row.components as Array<{ custom_id?: string; options?: Array<{ value: string }> }>) : [],
    )
    .find((c) => c.options?.length);
  if (!message || !select?.custom_id) throw new Error("bench: no select to pick from");
  const handle = emulator.stringSelect({
    user,
    message,
    customId: select.custom_id,
    values: [select.options![0]!.value],
  });
  await handle.response();
  return emulator.world.messages.get(message.id) ?? null;
};

/** The full stack's mix: browse, next page, open a factory, profile, help, own factories. */
const FULL_MIX: Step[] = [
  command("browse"),
  press("page:"),
  pickFirst,
  command("profile"),
  command("help"),
  command("factories"),
];
/** The bare bot's mix, the same kinds of interaction: commands, and presses on the answer's button. */
const BARE_MIX: Step[] = [
  command("browse"),
  press("bare:"),
  press("bare:"),
  command("profile"),
  command("help"),
  command("factories"),
];

async function emulatorWith(users: number) {
  const ids = Array.from({ length: users }, (_, i) => (300_000_000_000_000_000n + BigInt(i)).toString());
  const emulator = await startDiscordEmulator({
    guilds: [{ name: "Bench", members: ids.map((id, i) => ({ user: { id, username: `u${i}` } })) }],
    timeoutMs: 60_000,
  });
  return { emulator, ids, guildId: [...emulator.world.guilds.keys()][0]! };
}

async function loggedIn(client: Client, emulator: DiscordEmulator): Promise<void> {
  const ready = once(client, Events.ClientReady);
  await client.login(emulator.token);
  await ready;
}

/** A bare discord.js Client: every command answered with a fixed private text and a button, every press by an update. */
export async function benchBareDiscord(options: { users: number; rounds: number; concurrency: number }) {
  const { emulator, ids, guildId } = await emulatorWith(options.users);
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiRoot } });
  const components = [{ type: 1, components: [{ type: 2, style: 2, label: "ok", custom_id: "bare:ok" }] }];
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand())
      void interaction.reply({ content: "ok", components, flags: MessageFlags.Ephemeral }).catch(() => undefined);
    else if (interaction.isButton()) void interaction.update({ content: "ok", components }).catch(() => undefined);
  });
  try {
    await loggedIn(client, emulator);
    await drive(emulator, guildId, ids, BARE_MIX, Math.ceil(options.rounds / 5), options.concurrency); // warm-up
    emulator.clearRecords();
    return await drive(emulator, guildId, ids, BARE_MIX, options.rounds, options.concurrency);
  } finally {
    await client.destroy();
    await emulator.close();
  }
}

/** The bot as the app builds it, on `core` (Postgres), with live `factories` to browse. */
export async function benchFullDiscord(
  core: Core,
  tokens: TokenRegistry,
  options: { users: number; rounds: number; concurrency: number },
) {
  const { emulator, ids, guildId } = await emulatorWith(options.users);
  const i18n = createI18n();
  const deps: DiscordBotDeps = {
    core,
    tokens,
    i18n,
    adminIds: new Set(),
    pairing: { issue: async () => "BENCHCODE", revoke: async () => undefined },
    wizards: memoryKeyValue(),
    logger: { info: () => undefined, warn: () => undefined, error: (o) => console.error(o) },
    explorer: (signature) => `https://explorer.solana.com/tx/${signature}`,
    notifier: memoryNotifier().notifier,
  };
  const commands = discordFeatures().flatMap((f) => f.commands ?? []);
  await deployCommands({ token: emulator.token, apiRoot: emulator.apiRoot, guildId }, commands, i18n);
  const bot = createDiscordBot(deps, { client: { rest: { api: emulator.apiRoot } } });
  try {
    await loggedIn(bot.client, emulator);
    // Warm-up: every person's account exists, query plans are cached.
    await drive(emulator, guildId, ids, FULL_MIX, ids.length, options.concurrency);
    emulator.clearRecords();
    return await drive(emulator, guildId, ids, FULL_MIX, options.rounds, options.concurrency);
  } finally {
    await bot.client.destroy();
    await emulator.close();
  }
}
