// The community feature inside the whole Discord bot (createDiscordBot's router, deploy, intents):
// an ambassador's invite attributes a join, /join works, /settings is for Manage Server only.
import { GatewayIntentBits, PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { communityFeature } from "../../../bots/discord/community/feature.js";
import type { DiscordBotDeps } from "../../../bots/discord/context.js";
import { discordFeatures, intentsOf } from "../../../bots/discord/create-bot.js";
import { deployCommands } from "../../../bots/discord/deploy-commands.js";
import { startDiscordBot, type RunningDiscordBot } from "../../../bots/discord/start.js";
import { createI18n } from "../../../bots/i18n.js";
import type { Database } from "../../../prisma/database.js";
import { prismaCommunityStore } from "../../../prisma/community-store.js";
import { prismaUnitOfWork } from "../../../prisma/unit-of-work.js";
import { startDiscordEmulator, type DiscordEmulator } from "../../support/discord/emulator.js";
import { memoryNotifier } from "../../support/memory-notifier.js";
import { must, scenario } from "../../support/scenario.js";
import { eventually, openCommunityDatabase, silentLogger } from "./community-harness.js";
import { memoryKeyValue } from "../../support/telegram-harness.js";

const OWNER = { id: "500000000000000001", username: "owner" };
const AMBER = { id: "500000000000000002", username: "amber" };
const MEMBER = { id: "500000000000000003", username: "member" };

describe("the community feature in the Discord bot", () => {
  let emulator: DiscordEmulator;
  let db: Database;
  let bot: RunningDiscordBot;
  let s: ReturnType<typeof scenario>;
  let guildId: string;
  const i18n = createI18n();
  const feature = () => communityFeature({ community: prismaCommunityStore(db.query), telegramBot: "forge_test_bot" });

  beforeAll(async () => {
    db = await openCommunityDatabase();
    s = scenario(prismaUnitOfWork(db.prisma, { query: db.query }));
    emulator = await startDiscordEmulator({
      guilds: [{ name: "Forge Community", members: [{ user: OWNER }, { user: AMBER }, { user: MEMBER }] }],
    });
    guildId = [...emulator.world.guilds.keys()][0]!;
    const deps: DiscordBotDeps = {
      core: s.core,
      tokens: s.deps.tokens,
      i18n,
      adminIds: new Set(),
      pairing: { issue: async () => "CODE", revoke: async () => undefined },
      wizards: memoryKeyValue(),
      logger: silentLogger,
      explorer: (signature) => `https://explorer.solana.com/tx/${signature}`,
      notifier: memoryNotifier().notifier,
    };
    const features = [feature()];
    const commands = discordFeatures(features).flatMap((f) => f.commands ?? []);
    await deployCommands({ token: emulator.token, apiRoot: emulator.apiRoot, guildId }, commands, i18n);
    bot = await startDiscordBot({ token: emulator.token, apiRoot: emulator.apiRoot, deps, features });
  }, 120_000);

  afterAll(async () => {
    await bot?.stop();
    await emulator?.close();
    await db?.close();
  });

  const account = async (id: string) =>
    must(await s.core.registerAccount({ platform: "discord", externalId: id })).account;

  it("GIVEN the feature THEN the bot asks for the member and invite intents, and /settings is registered for Manage Server only", () => {
    expect(intentsOf(discordFeatures([feature()]))).toEqual(
      expect.arrayContaining([GatewayIntentBits.GuildMembers, GatewayIntentBits.GuildInvites]),
    );
    const settings = emulator.commands(guildId).find((c) => c.name === "settings");
    expect(settings?.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
  });

  it("GIVEN an ambassador's /invite WHEN a member joins through it THEN the member is referred by the ambassador", async () => {
    const handle = emulator.slashCommand({ user: AMBER.id, guildId, name: "invite" });
    await handle.call(1);
    const code = /discord\.gg\/(\w+)/.exec(handle.original()!.content)?.[1];
    expect(code).toBeTruthy();
    const joined = emulator.memberJoins(guildId, { id: "500000000000000010", username: "newbie" }, code);
    const amber = await account(AMBER.id);
    await eventually(async () => (await account(joined.user.id)).referrerId === amber.id, "the join attributed");
  });

  it("GIVEN a member without Manage Server WHEN they run /settings THEN they are refused", async () => {
    const reply = await emulator.slashCommand({ user: MEMBER.id, guildId, name: "settings" }).response();
    expect(reply.data?.content).toBe(
      "Only members with the Manage Server permission can change this server's settings. Nothing changed.",
    );
    expect(await prismaCommunityStore(db.query).guildSettings(guildId)).toBeNull();
  });

  it("GIVEN /join with the ambassador's code THEN the member is referred", async () => {
    const amber = await account(AMBER.id);
    const handle = emulator.slashCommand({
      user: MEMBER.id,
      guildId,
      name: "join",
      options: { code: amber.referralCode },
    });
    expect((await handle.response()).data?.content).toContain("You joined through @amber, for good.");
    expect((await account(MEMBER.id)).referrerId).toBe(amber.id);
  });
});
