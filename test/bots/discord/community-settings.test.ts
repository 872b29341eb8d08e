// /settings (Manage Server only): the channels and the featured factories, announced in the chosen channel.
import {
  ButtonStyle,
  Collection,
  ComponentType,
  PermissionFlagsBits,
  PermissionsBitField,
  type MessageComponentInteraction,
} from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SETTINGS_IDS } from "../../../bots/discord/community/ids.js";
import { settingsComponent } from "../../../bots/discord/community/settings.js";
import type { Factory } from "../../../core/factories/factory.js";
import { startCommunityBot, type CommunityBot } from "./community-harness.js";

const OWNER = { id: "300000000000000001", username: "owner" };
const MOD = { id: "300000000000000002", username: "mod" };
const MEMBER = { id: "300000000000000003", username: "member" };
const FORBIDDEN = "Only members with the Manage Server permission can change this server's settings. Nothing changed.";

describe("Discord server settings", () => {
  let bot: CommunityBot;
  let guildId: string;
  let channel: (name: string) => string;
  let factories: Factory[];

  beforeAll(async () => {
    bot = await startCommunityBot({
      guilds: [
        {
          name: "Forge Community",
          channels: [
            { name: "general" },
            { name: "announcements" },
            { name: "staff", overwrites: [{ role: "Forge Bot", deny: PermissionFlagsBits.SendMessages }] },
          ],
          roles: [{ name: "Moderator", permissions: PermissionFlagsBits.ManageGuild }],
          members: [{ user: OWNER }, { user: MOD, roles: ["Moderator"] }, { user: MEMBER }],
        },
      ],
    });
    guildId = [...bot.emulator.world.guilds.keys()][0]!;
    const channels = [...bot.emulator.guild(guildId).channels.values()];
    channel = (name) => channels.find((c) => c.name === name)!.id;
    const creator = await bot.account("300000000000000009");
    factories = [];
    for (const name of ["Spreadsheet skills", "Photo editing"]) {
      const created = await bot.core.createFactory({
        ownerId: creator.id,
        factory: {
          name,
          useCase: "Teach agents real desktop work",
          token: "USDC",
          rewardPerDemo: 2_000_000n,
          tasks: [{ title: "Sum a column", prompt: "Open the sheet and sum column B" }],
        },
      });
      if (!created.ok) throw new Error(created.error.code);
      factories.push(created.value);
    }
  }, 120_000);
  afterAll(() => bot?.close());

  const settings = (user: string) => bot.emulator.slashCommand({ user, guildId, name: "settings" });

  // The emulator has no channel-select helper: the panel's channel select is driven with the
  // interaction fields the handler reads, on the logged-in client's real guild.
  const pickChannel = async (user: string, customId: string, channelId: string, permissions: bigint) => {
    const guild = bot.client.guilds.cache.get(guildId)!;
    const answers: Array<[string, { content?: string }]> = [];
    const interaction = {
      guild,
      user: { id: user },
      customId,
      memberPermissions: new PermissionsBitField(permissions),
      channels: new Collection([[channelId, guild.channels.cache.get(channelId)!]]),
      isChannelSelectMenu: () => true,
      isStringSelectMenu: () => false,
      reply: async (o: { content?: string }) => void answers.push(["reply", o]),
      update: async (o: { content?: string }) => void answers.push(["update", o]),
    } as unknown as MessageComponentInteraction;
    await settingsComponent(bot.settingsDeps, interaction, bot.i18n.translator("en"));
    return answers;
  };

  it("GIVEN a member without Manage Server WHEN they run /settings anyway or use its selects THEN they are refused and nothing is saved", async () => {
    const reply = await settings(MEMBER.id).response();
    expect(reply.data?.content).toBe(FORBIDDEN);
    expect(reply.data?.flags).toBe(64);
    expect(reply.data?.components ?? []).toEqual([]);
    const picked = await pickChannel(MEMBER.id, SETTINGS_IDS.announce, channel("general"), 0n);
    expect(picked).toEqual([["reply", expect.objectContaining({ content: FORBIDDEN })]]);
    expect(await bot.community.guildSettings(guildId)).toBeNull();
  });

  it("GIVEN a channel the bot cannot post in WHEN a moderator picks it THEN it is refused and nothing is saved", async () => {
    const picked = await pickChannel(MOD.id, SETTINGS_IDS.notices, channel("staff"), PermissionFlagsBits.ManageGuild);
    expect(picked[0]?.[1].content).toContain("I cannot post in #staff");
    expect(await bot.community.guildSettings(guildId)).toBeNull();
  });

  it("GIVEN a moderator with Manage Server WHEN they choose the channel and feature a factory THEN it is saved and announced there, with an Open button", async () => {
    const handle = settings(MOD.id);
    expect((await handle.response()).data?.content).toContain("Announcements channel: not set");
    const picked = await pickChannel(
      MOD.id,
      SETTINGS_IDS.announce,
      channel("announcements"),
      PermissionFlagsBits.ManageGuild,
    );
    expect(picked[0]?.[0]).toBe("update");
    expect(picked[0]?.[1].content).toContain("Announcements channel: #announcements");
    expect(await bot.community.guildSettings(guildId)).toMatchObject({
      announceChannelId: channel("announcements"),
      noticeChannelId: null,
      featuredFactoryIds: [],
      updatedBy: MOD.id,
    });

    const pick = bot.emulator.stringSelect({
      user: MOD.id,
      message: handle.original()!,
      customId: SETTINGS_IDS.feature,
      values: [factories[0]!.id],
    });
    await pick.response();
    await pick.call(1);
    expect(handle.original()!.content).toContain("The new one was announced in #announcements.");
    expect((await bot.community.guildSettings(guildId))?.featuredFactoryIds).toEqual([factories[0]!.id]);
    const [posted] = bot.emulator.messages(channel("announcements"));
    expect(posted?.content).toBe(
      "📢 **Featured factory: Spreadsheet skills**\nTeach agents real desktop work\n\nEarn up to 1.8 USDC per demonstration (after the 10% platform fee), paid from a score of 50.",
    );
    expect(posted?.components).toEqual([
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            label: "🎬 Open",
            custom_id: `open:${factories[0]!.id}`,
          },
        ],
      },
    ]);
    expect(bot.errors).toEqual([]);
  });

  it("GIVEN the notices channel picked THEN DM notices go there, not to announcements", async () => {
    await pickChannel(MOD.id, SETTINGS_IDS.notices, channel("general"), PermissionFlagsBits.ManageGuild);
    expect(await bot.community.guildSettings(guildId)).toMatchObject({
      noticeChannelId: channel("general"),
      announceChannelId: channel("announcements"),
    });
    await bot.community.rememberMember(guildId, MEMBER.id, null, bot.clock.now());
    expect(await bot.community.noticePlaces(MEMBER.id)).toEqual([
      { guildId, channelId: channel("general"), locale: "en-US" },
    ]);
  });

  it("GIVEN announceFactory THEN it posts only factories featured in that server", async () => {
    const before = bot.emulator.messages(channel("announcements")).length;
    expect(await bot.announce(guildId, factories[1]!.id)).toEqual({ posted: false, reason: "not_featured" });
    expect(await bot.announce("399999999999999999", factories[0]!.id)).toEqual({ posted: false, reason: "no_channel" });
    const again = await bot.announce(guildId, factories[0]!.id);
    expect(again.posted).toBe(true);
    const messages = bot.emulator.messages(channel("announcements"));
    expect(messages).toHaveLength(before + 1);
    expect(messages.at(-1)?.content).toContain("Spreadsheet skills");
  });
});
