// A Discord bot with only the community features, as the bot's composition root wires them: a real
// discord.js Client logged in to the local Discord emulator, the core and the community store on a
// real Postgres (the test server when TEST_DATABASE_URL is set, else PGlite), notices kept in memory.
import { once } from "node:events";
import { Client, Events, GatewayIntentBits, type Interaction } from "discord.js";
import { announceFactory } from "../../../bots/discord/community/announce.js";
import { COMMUNITY_KIND } from "../../../bots/discord/community/ids.js";
import type { CommunityDeps } from "../../../bots/discord/community/deps.js";
import {
  inviteCommand,
  onInviteCreate,
  onInviteDelete,
  onMemberJoin,
  onMemberLeave,
  syncGuildInvites,
  type JoinOutcome,
} from "../../../bots/discord/community/invites.js";
import { joinCommand } from "../../../bots/discord/community/join.js";
import { memberTracker } from "../../../bots/discord/community/members.js";
import { settingsCommand, settingsComponent } from "../../../bots/discord/community/settings.js";
import type { Person } from "../../../bots/flows/deps.js";
import { createI18n, pickLocale } from "../../../bots/i18n.js";
import { createCore, type Core } from "../../../core/index.js";
import { openDatabase, type Database } from "../../../prisma/database.js";
import { prismaCommunityStore } from "../../../prisma/community-store.js";
import { prismaUnitOfWork } from "../../../prisma/unit-of-work.js";
import { testDeps, type TestClock } from "../../support/core-deps.js";
import { createTestDatabase } from "../../support/postgres-server.js";
import { startDiscordEmulator, type DiscordEmulatorOptions } from "../../support/discord/emulator.js";
import { memoryNotifier } from "../../support/memory-notifier.js";

export const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Postgres: the test server when TEST_DATABASE_URL is set, else PGlite (Postgres in WASM). */
export async function openCommunityDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  return url
    ? openDatabase({ kind: "postgres", url: await createTestDatabase(url) })
    : openDatabase({ kind: "pglite" });
}

export async function startCommunityBot(options: DiscordEmulatorOptions) {
  const db = await openCommunityDatabase();
  const deps0 = testDeps(prismaUnitOfWork(db.prisma, { query: db.query }));
  const clock: TestClock = deps0.clock;
  const core: Core = createCore(deps0);
  const community = prismaCommunityStore(db.query);
  const i18n = createI18n();
  const notices = memoryNotifier();
  const emulator = await startDiscordEmulator(options);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers, GatewayIntentBits.GuildInvites],
    rest: { api: emulator.apiRoot },
  });
  const deps: CommunityDeps = {
    core,
    community,
    i18n,
    tokens: deps0.tokens,
    notifier: notices.notifier,
    logger: silentLogger,
    telegramBot: "forge_test_bot",
    now: clock.now,
  };
  const settingsDeps = { ...deps, rest: client.rest };
  const members = memberTracker(deps);
  const joins: JoinOutcome[] = [];
  const errors: unknown[] = [];

  const person = async (interaction: Interaction): Promise<Person> => {
    const registered = await core.registerAccount({
      platform: "discord",
      externalId: interaction.user.id,
      username: interaction.user.username,
      locale: pickLocale(interaction.locale),
    });
    if (!registered.ok) throw new Error(registered.error.code);
    const locale = pickLocale(interaction.locale);
    return { account: registered.value.account, locale, t: i18n.translator(locale), isAdmin: false };
  };

  // What the community feature (feature.ts) has the bot's router do with these modules.
  const route = async (interaction: Interaction) => {
    const who = await person(interaction);
    if (interaction.guildId) await members.seen(interaction.guildId, interaction.user.id, who.account.id);
    if (interaction.isChatInputCommand()) {
      if (interaction.commandName === "invite") await inviteCommand(deps, interaction, who);
      if (interaction.commandName === "join") await joinCommand(deps, interaction, who);
      if (interaction.commandName === "settings") await settingsCommand(settingsDeps, interaction, who.t);
    } else if (interaction.isMessageComponent() && interaction.customId.split(":")[0] === COMMUNITY_KIND) {
      await settingsComponent(settingsDeps, interaction, who.t);
    }
  };
  client.on(Events.InteractionCreate, (i) => void route(i).catch((e: unknown) => errors.push(e)));
  client.on(
    Events.GuildMemberAdd,
    (m) =>
      void onMemberJoin(deps, m).then(
        (o) => joins.push(o),
        (e) => errors.push(e),
      ),
  );
  client.on(Events.GuildMemberRemove, (m) => void onMemberLeave(deps, m).catch((e: unknown) => errors.push(e)));
  client.on(Events.InviteCreate, (i) => void onInviteCreate(deps, i).catch((e: unknown) => errors.push(e)));
  client.on(Events.InviteDelete, (i) => void onInviteDelete(deps, i).catch((e: unknown) => errors.push(e)));

  const ready = once(client, Events.ClientReady);
  await client.login(emulator.token);
  await ready;
  // Commands are not registered: the emulator takes options as given (community-bot.test.ts deploys them).
  for (const guild of client.guilds.cache.values()) await syncGuildInvites(deps, guild);

  /** Resolves once the client handled `count` joins in all (their handlers make REST and SQL round trips). */
  const joined = async (count: number): Promise<JoinOutcome[]> => {
    await until(() => joins.length >= count || errors.length > 0, `${count} join(s) handled`);
    if (errors.length) throw errors[0];
    return joins.slice(0, count);
  };

  return {
    db,
    core,
    clock,
    community,
    i18n,
    notices,
    emulator,
    client,
    deps,
    settingsDeps,
    errors,
    joins,
    joined,
    announce: (guildId: string, factoryId: string) =>
      core.getFactoryOverview(factoryId).then((r) => {
        if (!r.ok) throw new Error(r.error.code);
        return announceFactory(settingsDeps, guildId, r.value.factory);
      }),
    async account(userId: string) {
      const r = await core.registerAccount({ platform: "discord", externalId: userId });
      if (!r.ok) throw new Error(r.error.code);
      return r.value.account;
    },
    async close() {
      await client.destroy();
      await emulator.close();
      await db.close();
    },
  };
}

export type CommunityBot = Awaited<ReturnType<typeof startCommunityBot>>;

/** Polls `check` until it holds (handlers run after the events the emulator can see). */
export async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** `until` for a check that needs a round trip (the store). */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
