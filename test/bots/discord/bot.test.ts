// The Discord bot end to end on loopback: a real discord.js Client logs in to the local Discord
// (test/support/discord), people run slash commands and press buttons there, and what they see
// and what changes in the core (on a real database) is checked.
import { once } from "node:events";
import { ComponentType, Events, InteractionResponseType, MessageFlags, type APIMessage } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConfiguredDiscordBot } from "../../../app/discord.js";
import { postgresPairingCodes } from "../../../app/pairing.js";
import { parseEnv } from "../../../config/env.js";
import { BotEnv, discordShardsFit, DISCORD_SHARDS_MISFIT } from "../../../config/schemas.js";
import type { DiscordBotDeps } from "../../../bots/discord/context.js";
import { createDiscordBot, discordFeatures } from "../../../bots/discord/create-bot.js";
import { deployCommands } from "../../../bots/discord/deploy-commands.js";
import { toDiscordMarkdown } from "../../../bots/discord/render.js";
import { startDiscordBot, type RunningDiscordBot } from "../../../bots/discord/start.js";
import { createI18n } from "../../../bots/i18n.js";
import { encodeAction } from "../../../bots/views/actions.js";
import { openDatabase, type Database } from "../../../prisma/database.js";
import { prismaUnitOfWork } from "../../../prisma/unit-of-work.js";
import { startDiscordEmulator, type DiscordEmulator } from "../../support/discord/emulator.js";
import { shardOf } from "../../support/discord/ids.js";
import { memoryNotifier } from "../../support/memory-notifier.js";
import { createTestDatabase } from "../../support/postgres-server.js";
import { must, scenario, USDC } from "../../support/scenario.js";
import { testBotDeps } from "./bot-harness.js";
import { memoryKeyValue } from "../../support/telegram-harness.js";

const FARMER = { id: "200000000000000001", username: "fern" };
const CREATOR = { id: "200000000000000002", username: "cora" };
const ADMIN = { id: "200000000000000003", username: "ada" };
const MALLORY = { id: "200000000000000004", username: "mallory" };
const SOFIA = { id: "200000000000000005", username: "sofia" };

const i18n = createI18n();
const en = i18n.translator("en");

/** A real database: a fresh one on TEST_DATABASE_URL's server when given, else PGlite. */
async function testDatabase(): Promise<Database> {
  const admin = process.env.TEST_DATABASE_URL;
  return admin
    ? openDatabase({ kind: "postgres", url: await createTestDatabase(admin) })
    : openDatabase({ kind: "pglite" });
}

/** What a person reads in a message: its content with Discord's escapes undone. */
const readable = (message: { content?: string | null } | null | undefined) =>
  (message?.content ?? "").replace(/\\(.)/g, "$1").replace(/\*\*/g, "");

const buttons = (message: APIMessage | null) =>
  (message?.components ?? []).flatMap((row) =>
    "components" in row ? (row.components as Array<{ label?: string; custom_id?: string }>) : [],
  );

describe("the Discord bot on a local Discord, with a real discord.js Client and database", () => {
  let emulator: DiscordEmulator;
  let db: Database;
  let bot: RunningDiscordBot;
  let s: ReturnType<typeof scenario>;
  let guildId: string;
  let pairing: ReturnType<typeof postgresPairingCodes>;

  beforeAll(async () => {
    db = await testDatabase();
    s = scenario(prismaUnitOfWork(db.prisma, { query: db.query }));
    pairing = postgresPairingCodes(db);
    emulator = await startDiscordEmulator({
      guilds: [
        {
          name: "Forge Community",
          members: [{ user: CREATOR }, { user: FARMER }, { user: ADMIN }, { user: MALLORY }, { user: SOFIA }],
        },
      ],
    });
    guildId = [...emulator.world.guilds.keys()][0]!;
    const deps: DiscordBotDeps = {
      core: s.core,
      tokens: s.deps.tokens,
      i18n,
      adminIds: new Set([ADMIN.id]),
      pairing,
      wizards: memoryKeyValue(),
      logger: { info: () => undefined, warn: () => undefined, error: (o) => console.error(o) },
      explorer: (signature) => `https://explorer.solana.com/tx/${signature}`,
      notifier: memoryNotifier().notifier,
      recorderServer: "https://forge.example",
    };
    const commands = discordFeatures().flatMap((f) => f.commands ?? []);
    await deployCommands({ token: emulator.token, apiRoot: emulator.apiRoot, guildId }, commands, i18n);
    bot = await startDiscordBot({ token: emulator.token, apiRoot: emulator.apiRoot, shards: "auto", deps });
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await emulator?.close();
    await db?.close();
  });

  /** The creator's account (the one the bot makes for their Discord identity) and a funded factory of theirs. */
  async function creatorFactory(name: string) {
    const creator = must(await s.core.registerAccount({ platform: "discord", externalId: CREATOR.id })).account;
    const factory = await s.factory(creator, { name });
    await s.fund(factory, USDC(10));
    return factory;
  }

  it("GIVEN the deploy WHEN commands are registered in the guild THEN each has its Spanish description", () => {
    const registered = emulator.commands(guildId);
    expect(registered.map((c) => c.name)).toEqual(expect.arrayContaining(["browse", "factories", "admin", "help"]));
    const browse = registered.find((c) => c.name === "browse")!;
    expect(browse.description).toBe(en("cmd-browse"));
    expect(browse.description_localizations?.["es-ES"]).toBe(i18n.t("es", "cmd-browse"));
    expect(browse.options?.[0]).toMatchObject({ name: "factory", autocomplete: true });
  });

  it("GIVEN a live factory WHEN a farmer runs /browse, opens it and picks a task THEN they alone get recorder instructions with a pairing code that works", async () => {
    const factory = await creatorFactory("Spreadsheet drills");
    const list = emulator.slashCommand({ user: FARMER.id, guildId, name: "browse" });
    const shown = await list.response();
    expect(shown.data?.flags).toBe(MessageFlags.Ephemeral);
    const open = encodeAction({ kind: "open", factoryId: factory.id });
    const page = list.original()!;
    const selectOrButton = buttons(page).find((b) => b.custom_id === open);
    expect(selectOrButton, JSON.stringify(page.components)).toBeDefined();

    const opened = emulator.button({ user: FARMER.id, message: page, customId: open });
    expect((await opened.response()).type).toBe(InteractionResponseType.UpdateMessage);
    const tasks = emulator.world.messages.get(page.id)!;
    expect(readable(tasks)).toContain("Spreadsheet drills");

    const pick = emulator.button({
      user: FARMER.id,
      message: tasks,
      customId: encodeAction({ kind: "task", factoryId: factory.id, task: 1 }),
    });
    const instructions = await pick.response();
    expect(instructions.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(instructions.data?.flags).toBe(MessageFlags.Ephemeral);
    const text = readable(instructions.data);
    expect(text).toContain("Sort rows");
    // The Discord bot takes no zips in chat, so it does not offer to.
    expect(text).not.toContain(en("submit-send-zip"));
    expect(text).toMatch(/expires in 15 minutes\.$/);
    const code = /forge login (\S+) --server https:\/\/forge\.example/.exec(text)?.[1];
    expect(code).toBeDefined();
    // Nothing of it in the channel: ephemeral replies are not channel messages.
    const channel = emulator.messages(list.payload.channel!.id).map((m) => m.id);
    expect(channel).not.toContain(pick.original()?.id);
    expect(channel).not.toContain(page.id);

    const farmer = must(await s.core.registerAccount({ platform: "discord", externalId: FARMER.id })).account;
    const grant = await pairing.redeem(code!);
    expect(grant).toMatchObject({ accountId: farmer.id, factoryId: factory.id, taskId: factory.tasks[1]!.id });
    expect(await pairing.redeem(code!)).toBeNull();
  });

  it("GIVEN a creator's live factory WHEN they open /factories, its card, and press Pause then Resume THEN the factory's status changes in the core", async () => {
    const factory = await creatorFactory("Invoice entry");
    const list = emulator.slashCommand({ user: CREATOR.id, guildId, name: "factories" });
    await list.response();
    const card = encodeAction({ kind: "card", factoryId: factory.id });
    const opened = emulator.button({ user: CREATOR.id, message: list.original()!, customId: card });
    await opened.response();
    const message = emulator.world.messages.get(list.original()!.id)!;
    expect(readable(message)).toContain("Invoice entry");

    const pause = encodeAction({ kind: "status", factoryId: factory.id, op: "pause" });
    const paused = emulator.button({ user: CREATOR.id, message, customId: pause });
    expect((await paused.response()).type).toBe(InteractionResponseType.UpdateMessage);
    expect(must(await s.core.getFactoryOverview(factory.id)).factory.status).toBe("paused");
    // The notice follows privately; the card now offers Resume.
    expect(readable((await paused.call(1)).message)).toBe(en("factory-paused"));
    const resume = encodeAction({ kind: "status", factoryId: factory.id, op: "resume" });
    expect(buttons(emulator.world.messages.get(message.id)!).map((b) => b.custom_id)).toContain(resume);

    const resumed = emulator.button({
      user: CREATOR.id,
      message: emulator.world.messages.get(message.id)!,
      customId: resume,
    });
    await resumed.response();
    expect(must(await s.core.getFactoryOverview(factory.id)).factory.status).toBe("active");
  });

  it("GIVEN someone else's factory id WHEN a member opens it with /factories THEN they are refused and nothing changes", async () => {
    const factory = await creatorFactory("Not yours");
    const handle = emulator.slashCommand({
      user: MALLORY.id,
      guildId,
      name: "factories",
      options: { factory: factory.id },
    });
    const answer = await handle.response();
    expect(readable(answer.data)).toContain(en("error-FACTORY_NOT_OWNER"));
    expect(buttons(handle.original())).toEqual([]);
    expect(must(await s.core.getFactoryOverview(factory.id)).factory.status).toBe("active");
  });

  it("GIVEN factories WHEN a creator types in /factories' option, and a farmer in /browse's THEN each gets matching factories as choices", async () => {
    const mine = await creatorFactory("Calendar cleanup");
    const own = emulator.autocomplete({
      user: CREATOR.id,
      guildId,
      name: "factories",
      options: { factory: "calendar" },
      focused: "factory",
    });
    const ownChoices = (await own.response()).data?.choices;
    expect(ownChoices).toEqual([{ name: "Calendar cleanup", value: mine.id }]);

    const live = emulator.autocomplete({
      user: FARMER.id,
      guildId,
      name: "browse",
      options: { factory: "CALENDAR" },
      focused: "factory",
    });
    expect((await live.response()).data?.choices).toEqual([{ name: "Calendar cleanup", value: mine.id }]);
    const none = emulator.autocomplete({
      user: FARMER.id,
      guildId,
      name: "factories",
      options: { factory: "calendar" },
      focused: "factory",
    });
    expect((await none.response()).data?.choices).toEqual([]);
  });

  it("GIVEN a member who is not a platform admin WHEN they run /admin THEN they are told it is for admins and see no admin tools; an admin sees them", async () => {
    const refused = emulator.slashCommand({ user: MALLORY.id, guildId, name: "admin" });
    const answer = await refused.response();
    expect(answer.data?.content).toBe(en("admin-only"));
    expect(answer.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(buttons(refused.original())).toEqual([]);

    const allowed = emulator.slashCommand({ user: ADMIN.id, guildId, name: "admin" });
    await allowed.response();
    expect(buttons(allowed.original()).map((b) => b.custom_id)).toContain("admin:unattributed");
    const press = emulator.button({ user: MALLORY.id, message: allowed.original()!, customId: "admin:unattributed" });
    expect((await press.response()).data?.content).toBe(en("admin-only"));
  });

  it("GIVEN a person whose Discord app is in Spanish (es-ES) WHEN they run /start and /help THEN the bot answers in Spanish", async () => {
    const start = emulator.slashCommand({ user: SOFIA.id, guildId, name: "start", locale: "es-ES" });
    expect((await start.response()).data?.content).toBe(toDiscordMarkdown(i18n.t("es", "welcome")));
    expect(buttons(start.original()).map((b) => b.label)).toContain(i18n.t("es", "nav-browse"));
    const help = emulator.slashCommand({ user: SOFIA.id, guildId, name: "help", locale: "es-ES" });
    const text = readable((await help.response()).data);
    expect(text).toContain(`/browse — ${i18n.t("es", "cmd-browse")}`);
    expect(text).not.toContain("/admin");
  });

  it("GIVEN no payments edge WHEN a creator presses Fund on their card THEN they are told funding is not enabled (no form opens) and nothing changes", async () => {
    const factory = await creatorFactory("Fund me");
    const handle = emulator.slashCommand({
      user: CREATOR.id,
      guildId,
      name: "factories",
      options: { factory: factory.id },
    });
    await handle.response();
    const press = emulator.button({
      user: CREATOR.id,
      message: handle.original()!,
      customId: encodeAction({ kind: "fund", factoryId: factory.id }),
    });
    const answer = await press.response();
    expect(answer.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(readable(answer.data)).toContain("Funding with Solana Pay is off on this bot");
  });

  it("GIVEN more live factories than a page has rows for buttons WHEN a farmer browses THEN they pick a factory from a select menu and the page arrows stay buttons", async () => {
    const names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"].map((n) => `${n} drills`);
    for (const name of names) await creatorFactory(name);
    const list = emulator.slashCommand({ user: FARMER.id, guildId, name: "browse" });
    await list.response();
    const page = list.original()!;
    expect(page.components!.length).toBeLessThanOrEqual(5);
    const select = page
      .components!.flatMap((row) => ("components" in row ? (row.components as Array<{ type: number }>) : []))
      .find((c) => c.type === ComponentType.StringSelect) as unknown as {
      custom_id: string;
      options: Array<{ label: string; value: string }>;
    };
    expect(select.options.length).toBeGreaterThan(1);
    expect(buttons(page).map((b) => b.label)).toContain(en("browse-next"));

    const choice = select.options[0]!;
    const picked = emulator.stringSelect({
      user: FARMER.id,
      message: page,
      customId: select.custom_id,
      values: [choice.value],
    });
    expect((await picked.response()).type).toBe(InteractionResponseType.UpdateMessage);
    const opened = emulator.world.messages.get(page.id)!;
    expect(buttons(opened).some((b) => b.custom_id?.startsWith("task:"))).toBe(true);
  });
});

describe("the Discord bot when work takes longer than Discord waits for a first answer", () => {
  it("GIVEN handlers slower than the defer threshold WHEN a command runs and a button is pressed THEN each is deferred first, then answered by editing", async () => {
    const db = await testDatabase();
    const emulator = await startDiscordEmulator({ guilds: [{ name: "Slow", members: [{ user: CREATOR }] }] });
    const s = scenario(prismaUnitOfWork(db.prisma, { query: db.query }));
    // Every core call takes a while (a slow database): longer than the defer threshold below.
    const slowCore = new Proxy(s.core, {
      get: (target, key) => {
        const value = target[key as keyof typeof target] as unknown;
        return typeof value === "function"
          ? async (...args: unknown[]) => {
              await new Promise((resolve) => setTimeout(resolve, 50));
              return (value as (...a: unknown[]) => unknown).apply(target, args);
            }
          : value;
      },
    });
    const deps: DiscordBotDeps = { ...testBotDeps(s, db), core: slowCore };
    const bot = createDiscordBot(deps, { client: { rest: { api: emulator.apiRoot } }, deferAfterMs: 5 });
    try {
      const ready = once(bot.client, Events.ClientReady);
      await bot.client.login(emulator.token);
      await ready;
      const guildId = [...emulator.world.guilds.keys()][0]!;
      const creator = must(await s.core.registerAccount({ platform: "discord", externalId: CREATOR.id })).account;
      const factory = await s.factory(creator, { name: "Slow factory" });

      const list = emulator.slashCommand({ user: CREATOR.id, guildId, name: "factories" });
      const deferred = await list.response();
      expect(deferred.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
      expect(deferred.data?.flags).toBe(MessageFlags.Ephemeral);
      expect((await list.call(1)).kind).toBe("edit-original");
      const message = list.original()!;
      expect(buttons(message).map((b) => b.custom_id)).toContain(encodeAction({ kind: "card", factoryId: factory.id }));

      const press = emulator.button({
        user: CREATOR.id,
        message,
        customId: encodeAction({ kind: "card", factoryId: factory.id }),
      });
      expect((await press.response()).type).toBe(InteractionResponseType.DeferredMessageUpdate);
      expect((await press.call(1)).kind).toBe("edit-original");
      expect(buttons(emulator.world.messages.get(message.id)!).map((b) => b.custom_id)).toContain(
        encodeAction({ kind: "status", factoryId: factory.id, op: "pause" }),
      );
    } finally {
      await bot.client.destroy();
      await emulator.close();
      await db.close();
    }
  }, 60_000);
});

describe("the Discord bot with discord.js's internal sharding", () => {
  it("GIVEN DISCORD_SHARDS=0 and =1 of DISCORD_SHARD_COUNT=2 in two bot processes THEN each runs its shard, answers its guilds only, and together they answer every guild", async () => {
    const db = await testDatabase();
    const emulator = await startDiscordEmulator({
      shards: 1, // what Discord recommends does not matter: the operator chose 2
      guilds: ["One", "Two", "Three", "Four"].map((name) => ({ name, members: [{ user: FARMER }] })),
    });
    const s = scenario(prismaUnitOfWork(db.prisma, { query: db.query }));
    const deps = testBotDeps(s, db);
    const env = (shards: string) =>
      parseEnv(BotEnv.refine(discordShardsFit, DISCORD_SHARDS_MISFIT), {
        DISCORD_TOKEN: emulator.token,
        DISCORD_API_ROOT: emulator.apiRoot,
        DISCORD_SHARDS: shards,
        DISCORD_SHARD_COUNT: "2",
      });
    const bots = [
      await startConfiguredDiscordBot(env("0"), deps, []),
      await startConfiguredDiscordBot(env(" 1 "), deps, []),
    ];
    try {
      expect(emulator.identifies.map((i) => i.shard)).toEqual([
        [0, 2],
        [1, 2],
      ]);
      const guilds = [...emulator.world.guilds.keys()];
      expect(new Set(guilds.map((id) => shardOf(id, 2))).size).toBe(2);
      for (const guildId of guilds) {
        const handle = emulator.slashCommand({ user: FARMER.id, guildId, name: "profile" });
        expect((await handle.response()).data?.flags).toBe(MessageFlags.Ephemeral);
      }
      // Each process saw only the guilds of its shard.
      const seen = bots.map((bot) => [...bot.client.guilds.cache.keys()].sort());
      expect(seen[0]!.every((id) => shardOf(id, 2) === 0)).toBe(true);
      expect(seen[1]!.every((id) => shardOf(id, 2) === 1)).toBe(true);
      expect([...seen[0]!, ...seen[1]!].sort()).toEqual([...guilds].sort());
    } finally {
      for (const bot of bots) await bot.stop();
      await emulator.close();
      await db.close();
    }
  }, 60_000);

  it("GIVEN Discord recommends 2 shards WHEN the bot starts with shards auto THEN one process runs both and answers in guilds of each", async () => {
    const db = await testDatabase();
    const emulator = await startDiscordEmulator({
      shards: 2,
      guilds: ["One", "Two", "Three", "Four"].map((name) => ({ name, members: [{ user: FARMER }] })),
    });
    const s = scenario(prismaUnitOfWork(db.prisma, { query: db.query }));
    const deps = testBotDeps(s, db);
    const bot = await startDiscordBot({ token: emulator.token, apiRoot: emulator.apiRoot, shards: "auto", deps });
    try {
      expect(bot.shardCount).toBe(2);
      expect(emulator.identifies.map((i) => i.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      const guilds = [...emulator.world.guilds.keys()];
      const shards = new Set(guilds.map((id) => shardOf(id, 2)));
      expect(shards.size).toBe(2);
      for (const guildId of guilds) {
        const handle = emulator.slashCommand({ user: FARMER.id, guildId, name: "profile" });
        expect((await handle.response()).data?.flags).toBe(MessageFlags.Ephemeral);
      }
      // One account whichever shard answered: the state is in the database, not the shard.
      const accounts = await s.core.listIdentities(
        must(await s.core.registerAccount({ platform: "discord", externalId: FARMER.id })).account.id,
      );
      expect(accounts.map((i) => i.externalId)).toEqual([FARMER.id]);
    } finally {
      await bot.stop();
      await emulator.close();
      await db.close();
    }
  }, 60_000);
});
