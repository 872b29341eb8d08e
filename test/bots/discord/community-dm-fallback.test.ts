// A DM refused with 50007 (closed DMs): the delivery says unreachable, as before, and a notice
// without any detail of the message asks the person, in the server's chosen channel, to open
// their DMs, at most once per person per period.
import { REST } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dmClosedFallback } from "../../../bots/discord/community/dm-fallback.js";
import { discordDeliverer } from "../../../bots/discord/deliver.js";
import type { StoredNotification } from "../../../core/ports/notifications.js";
import { eventually, silentLogger, startCommunityBot, type CommunityBot } from "./community-harness.js";

const OWNER = { id: "400000000000000001", username: "owner" };
const DORA = { id: "400000000000000002", username: "dora" };
const ERIN = { id: "400000000000000003", username: "erin" };
const HOUR = 60 * 60 * 1000;

const payout = (chatId: string, id: string): StoredNotification => ({
  id,
  accountId: null,
  platform: "discord",
  chatId,
  format: "markup",
  text: "💸 **Paid** 12.5 USDC to `AbCd…WxYz` for Sum a column — tx 5h7Kq9",
  buttons: [[{ label: "Explorer", url: "https://explorer.solana.com/tx/5h7Kq9" }]],
  status: "sending",
  attempts: 0,
  createdAt: new Date(),
});

describe("Discord DM-closed fallback", () => {
  let bot: CommunityBot;
  let guildId: string;
  let announcements: string;
  let deliver: ReturnType<typeof discordDeliverer>;

  beforeAll(async () => {
    bot = await startCommunityBot({
      users: [ERIN],
      closedDms: [DORA.id, ERIN.id],
      guilds: [
        {
          name: "Forge Community",
          channels: [{ name: "general" }, { name: "announcements" }],
          members: [{ user: OWNER }, { user: DORA }],
        },
      ],
    });
    guildId = [...bot.emulator.world.guilds.keys()][0]!;
    announcements = [...bot.emulator.guild(guildId).channels.values()].find((c) => c.name === "announcements")!.id;
    await bot.community.saveGuildSettings({
      guildId,
      announceChannelId: announcements,
      noticeChannelId: null,
      featuredFactoryIds: [],
      locale: "en-US",
      updatedBy: OWNER.id,
      updatedAt: bot.clock.now(),
    });
    // Dora used the bot in the server: she is known there.
    await bot.emulator.slashCommand({ user: DORA.id, guildId, name: "join", options: { code: "ZZZZ9999" } }).response();
    const rest = new REST({ api: bot.emulator.apiRoot, retries: 0 }).setToken(bot.emulator.token);
    const fallback = dmClosedFallback({
      rest,
      community: bot.community,
      i18n: bot.i18n,
      logger: silentLogger,
      periodMs: 6 * HOUR,
      now: bot.clock.now,
    });
    deliver = discordDeliverer(rest, { onDmClosed: fallback.onDmClosed });
  }, 120_000);
  afterAll(() => bot?.close());

  it("GIVEN closed DMs WHEN a payout notification is delivered THEN unreachable, and the server channel tells the person to open their DMs, without any detail", async () => {
    expect(await deliver(payout(DORA.id, "n1"))).toMatchObject({ kind: "unreachable" });
    expect(bot.emulator.dms(DORA.id)).toEqual([]);
    const notices = bot.emulator.messages(announcements);
    expect(notices).toHaveLength(1);
    const notice = notices[0]!.content;
    expect(notice).toBe(
      `<@${DORA.id}> you have a new notification from me, but I cannot send you direct messages. Open your DMs with me, or enable direct messages from server members in this server's privacy settings, to read it.`,
    );
    for (const secret of ["12.5", "USDC", "AbCd", "Sum a column", "5h7Kq9", "explorer"])
      expect(notice).not.toContain(secret);
    expect(notice.replace(`<@${DORA.id}>`, "")).not.toMatch(/\d/);
    const post = bot.emulator.requests.filter((r) => r.path === `/channels/${announcements}/messages`).at(-1);
    expect(post?.body).toMatchObject({ allowed_mentions: { users: [DORA.id] } });
  });

  it("GIVEN a notice posted WHEN more DMs fail within the period THEN no second notice; after it, one more", async () => {
    expect(await deliver(payout(DORA.id, "n2"))).toMatchObject({ kind: "unreachable" });
    bot.clock.advance(5 * HOUR);
    expect(await deliver(payout(DORA.id, "n3"))).toMatchObject({ kind: "unreachable" });
    expect(bot.emulator.messages(announcements)).toHaveLength(1);
    bot.clock.advance(2 * HOUR);
    expect(await deliver(payout(DORA.id, "n4"))).toMatchObject({ kind: "unreachable" });
    expect(bot.emulator.messages(announcements)).toHaveLength(2);
  });

  it("GIVEN a person seen in no server with a channel THEN nothing is posted anywhere", async () => {
    const before = bot.emulator.messages(announcements).length;
    expect(await deliver(payout(ERIN.id, "n5"))).toMatchObject({ kind: "unreachable" });
    expect(bot.emulator.messages(announcements)).toHaveLength(before);
  });

  it("GIVEN a person who left the server THEN no notice goes there", async () => {
    bot.clock.advance(7 * HOUR);
    bot.emulator.memberLeaves(guildId, DORA.id);
    const before = bot.emulator.messages(announcements).length;
    // The client handles the leave after the emulator sends it.
    await eventually(async () => (await bot.community.noticePlaces(DORA.id)).length === 0, "the leave handled");
    expect(await deliver(payout(DORA.id, "n6"))).toMatchObject({ kind: "unreachable" });
    expect(bot.emulator.messages(announcements)).toHaveLength(before);
  });
});
