// A Discord bot on loopback for end-to-end tests: the local Discord (test/support/discord), a
// real discord.js Client logged in to it, a real database, and the commands deployed in one guild.
import type { APIMessage } from "discord.js";
import { paymentRequests } from "../../../app/payments.js";
import { postgresPairingCodes } from "../../../app/pairing.js";
import type { DiscordBotDeps } from "../../../bots/discord/context.js";
import { discordFeatures } from "../../../bots/discord/create-bot.js";
import { deployCommands } from "../../../bots/discord/deploy-commands.js";
import { startDiscordBot, type RunningDiscordBot } from "../../../bots/discord/start.js";
import { createI18n } from "../../../bots/i18n.js";
import { openDatabase, type Database } from "../../../prisma/database.js";
import { prismaUnitOfWork } from "../../../prisma/unit-of-work.js";
import { startDiscordEmulator, type DiscordEmulator } from "../../support/discord/emulator.js";
import { memoryNotifier } from "../../support/memory-notifier.js";
import { createTestDatabase } from "../../support/postgres-server.js";
import { scenario } from "../../support/scenario.js";
import { memoryKeyValue } from "../../support/telegram-harness.js";

export const i18n = createI18n();
export const en = i18n.translator("en");

/** What a person reads in a message: its content with Discord's escapes undone. */
export const readable = (message: { content?: string | null } | null | undefined) =>
  (message?.content ?? "").replace(/\\(.)/g, "$1").replace(/\*\*/g, "");

/** Every component of a message (buttons and selects), flattened. */
export const componentsOf = (message: APIMessage | null | undefined) =>
  (message?.components ?? []).flatMap((row) =>
    "components" in row
      ? (row.components as Array<{ type: number; label?: string; custom_id?: string; options?: { value: string }[] }>)
      : [],
  );

export interface DiscordHarness {
  emulator: DiscordEmulator;
  db: Database;
  bot: RunningDiscordBot;
  s: ReturnType<typeof scenario>;
  deps: DiscordBotDeps;
  guildId: string;
  close(): Promise<void>;
}

/** A bot's deps on a test database: its core, pairing codes in Postgres, wizards in memory, notices kept. */
export const testBotDeps = (s: ReturnType<typeof scenario>, db: Database): DiscordBotDeps => ({
  core: s.core,
  tokens: s.deps.tokens,
  i18n,
  adminIds: new Set(),
  pairing: postgresPairingCodes(db),
  wizards: memoryKeyValue(),
  logger: { info: () => undefined, warn: () => undefined, error: (o) => console.error(o) },
  explorer: (signature) => `https://explorer.solana.com/tx/${signature}`,
  notifier: memoryNotifier().notifier,
});

/** Members of the one guild; payments are the app's real ones (requests are made in the core). */
export async function startDiscordHarness(
  members: readonly { id: string; username: string }[],
  extra: Partial<DiscordBotDeps> = {},
): Promise<DiscordHarness> {
  const admin = process.env.TEST_DATABASE_URL;
  const db = admin
    ? await openDatabase({ kind: "postgres", url: await createTestDatabase(admin) })
    : await openDatabase({ kind: "pglite" });
  const s = scenario(prismaUnitOfWork(db.prisma, { query: db.query }));
  const emulator = await startDiscordEmulator({
    guilds: [{ name: "Forge Community", members: members.map((user) => ({ user })) }],
  });
  const guildId = [...emulator.world.guilds.keys()][0]!;
  const deps: DiscordBotDeps = {
    ...testBotDeps(s, db),
    payments: paymentRequests(s.core, s.deps.tokens),
    recorderServer: "https://forge.example",
    ...extra,
  };
  const commands = discordFeatures().flatMap((f) => f.commands ?? []);
  await deployCommands({ token: emulator.token, apiRoot: emulator.apiRoot, guildId }, commands, i18n);
  const bot = await startDiscordBot({ token: emulator.token, apiRoot: emulator.apiRoot, shards: "auto", deps });
  return {
    emulator,
    db,
    bot,
    s,
    deps,
    guildId,
    async close() {
      await bot.stop();
      await emulator.close();
      await db.close();
    },
  };
}
