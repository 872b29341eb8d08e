// The Discord bot as the bot role wires it (app/discord.ts: discordBotDeps, the community feature,
// the start with shards "auto"), logged in to the local Discord emulator, on a real database: the
// server settings panel driven through its selects, and a person who was unreachable on Discord
// becoming reachable again by using the bot.
import { PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discordBotDeps, discordExtraFeatures, startConfiguredDiscordBot } from "../../app/discord.js";
import { createLogger } from "../../app/logger.js";
import { createMetrics } from "../../app/metrics.js";
import { buildNotifications, type Notifications } from "../../app/notifications.js";
import { SETTINGS_IDS } from "../../bots/discord/community/ids.js";
import type { RunningDiscordBot } from "../../bots/discord/start.js";
import { BotEnv } from "../../config/schemas.js";
import type { Factory } from "../../core/factories/factory.js";
import { prismaCommunityStore } from "../../prisma/community-store.js";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { startDiscordEmulator, type DiscordEmulator } from "../support/discord/emulator.js";
import { createTestDatabase } from "../support/postgres-server.js";
import { must, scenario, USDC } from "../support/scenario.js";

const MOD = { id: "500000000000000001", username: "mod" };
const MEMBER = { id: "500000000000000002", username: "member" };
const DORA = { id: "500000000000000003", username: "dora" };
const CREATOR = "500000000000000009";
const FORBIDDEN = "Only members with the Manage Server permission can change this server's settings. Nothing changed.";

/** A real database: a fresh one on TEST_DATABASE_URL's server when given, else PGlite. */
async function testDatabase(): Promise<Database> {
  const admin = process.env.TEST_DATABASE_URL;
  return admin
    ? openDatabase({ kind: "postgres", url: await createTestDatabase(admin) })
    : openDatabase({ kind: "pglite" });
}

/** Polls `check` until it holds (the bot handles an interaction after the emulator dispatched it). */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the Discord bot as the bot role wires it", () => {
  let emulator: DiscordEmulator;
  let db: Database;
  let notifications: Notifications;
  let bot: RunningDiscordBot;
  let s: ReturnType<typeof scenario>;
  let guildId: string;
  let channel: (name: string) => string;
  let factory: Factory;

  beforeAll(async () => {
    db = await testDatabase();
    s = scenario(prismaUnitOfWork(db.prisma, { query: db.query }));
    emulator = await startDiscordEmulator({
      users: [DORA],
      guilds: [
        {
          name: "Forge Community",
          channels: [{ name: "general" }, { name: "announcements" }],
          roles: [{ name: "Moderator", permissions: PermissionFlagsBits.ManageGuild }],
          members: [{ user: MOD, roles: ["Moderator"] }, { user: MEMBER }],
        },
      ],
    });
    guildId = [...emulator.world.guilds.keys()][0]!;
    const channels = [...emulator.guild(guildId).channels.values()];
    channel = (name) => channels.find((c) => c.name === name)!.id;
    const config = BotEnv.parse({ DISCORD_TOKEN: emulator.token, DISCORD_API_ROOT: emulator.apiRoot });
    const logger = createLogger("silent");
    const explorer = (signature: string) => `https://explorer.example/tx/${signature}`;
    notifications = buildNotifications({
      db,
      connection: null,
      core: s.core,
      tokens: s.deps.tokens,
      platforms: new Set(["telegram", "discord"]),
      admins: [],
      explorer,
      logger,
    });
    bot = await startConfiguredDiscordBot(
      config,
      discordBotDeps({
        config,
        core: s.core,
        tokens: s.deps.tokens,
        db,
        logger,
        metrics: createMetrics(),
        explorer,
        notifier: notifications.notifier,
        reachable: (userId) => notifications.store.markReachable("discord", userId),
      }),
      discordExtraFeatures(db, "forge_test_bot"),
    );
    const creator = must(await s.core.registerAccount({ platform: "discord", externalId: CREATOR })).account;
    factory = await s.factory(creator, { name: "Spreadsheet skills" });
    await s.fund(factory, USDC(10));
  }, 120_000);

  afterAll(async () => {
    await bot?.stop();
    await notifications?.close();
    await emulator?.close();
    await db?.close();
  });

  it("GIVEN a member with Manage Server WHEN they pick the announcements channel in /settings and feature a factory THEN it is saved and the factory is announced there", async () => {
    const panel = emulator.slashCommand({ user: MOD.id, guildId, name: "settings" });
    expect((await panel.response()).data?.content).toContain("Announcements channel: not set");

    const pick = emulator.channelSelect({
      user: MOD.id,
      message: panel.original()!,
      customId: SETTINGS_IDS.announce,
      values: [channel("announcements")],
    });
    await pick.response();
    expect(panel.original()!.content).toContain("Announcements channel: #announcements");
    expect(await prismaCommunityStore(db.query).guildSettings(guildId)).toMatchObject({
      announceChannelId: channel("announcements"),
      featuredFactoryIds: [],
      updatedBy: MOD.id,
    });

    const feature = emulator.stringSelect({
      user: MOD.id,
      message: panel.original()!,
      customId: SETTINGS_IDS.feature,
      values: [factory.id],
    });
    await feature.response();
    await feature.call(1);
    expect(panel.original()!.content).toContain("The new one was announced in #announcements.");
    const posted = emulator.messages(channel("announcements"));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.content).toContain("**Featured factory: Spreadsheet skills**");
    expect(emulator.messages(channel("general"))).toEqual([]);
  });

  it("GIVEN a member without Manage Server WHEN they run /settings or use the panel's channel select THEN they are refused and nothing changes", async () => {
    const before = await prismaCommunityStore(db.query).guildSettings(guildId);
    expect((await emulator.slashCommand({ user: MEMBER.id, guildId, name: "settings" }).response()).data?.content).toBe(
      FORBIDDEN,
    );
    // A panel someone else opened (the panel is theirs alone; a modified client could still send this).
    const panel = emulator.slashCommand({ user: MOD.id, guildId, name: "settings" });
    await panel.response();
    const refused = await emulator
      .channelSelect({
        user: MEMBER.id,
        message: panel.original()!,
        customId: SETTINGS_IDS.announce,
        values: [channel("general")],
      })
      .response();
    expect(refused.data?.content).toBe(FORBIDDEN);
    expect(refused.data?.flags).toBe(64);
    expect(await prismaCommunityStore(db.query).guildSettings(guildId)).toEqual(before);
  });

  it("GIVEN the emulator's channel select THEN it only takes channels of the message's guild", async () => {
    const panel = emulator.slashCommand({ user: MOD.id, guildId, name: "settings" });
    await panel.response();
    const dm = emulator.world.dmChannel(DORA.id).id;
    expect(() =>
      emulator.channelSelect({
        user: MOD.id,
        message: panel.original()!,
        customId: SETTINGS_IDS.announce,
        values: [dm],
      }),
    ).toThrow(/not a channel of the guild/);
  });

  it("GIVEN a person marked unreachable on Discord (closed DMs) WHEN they use the bot THEN notifications are tried on Discord again", async () => {
    const dora = must(await s.core.registerAccount({ platform: "discord", externalId: DORA.id })).account;
    await notifications.store.markUnreachable("discord", DORA.id);
    expect(await notifications.notifier.dm("dora:1", dora.id, () => "hi")).toBe("no_chat");

    await emulator.slashCommand({ user: DORA.id, name: "help" }).response();
    await eventually(async () => !(await notifications.store.isUnreachable("discord", DORA.id)), "Dora reachable");
    expect(await notifications.notifier.dm("dora:2", dora.id, () => "hi")).toBe("stored");
    expect(await notifications.store.get("dora:2@discord")).toMatchObject({ chatId: DORA.id, status: "pending" });
  });
});
