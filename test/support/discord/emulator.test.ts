import { once } from "node:events";
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  InteractionResponseType,
  MessageFlags,
  ModalBuilder,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  type Interaction,
  type TextChannel,
} from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startDiscordEmulator, type DiscordEmulator, type DiscordEmulatorOptions } from "./emulator.js";
import { shardOf } from "./ids.js";

const ALICE = { id: "100000000000000001", username: "alice" };
const CAROL = { id: "100000000000000003", username: "carol" };
const DAVE = { id: "100000000000000004", username: "dave" };

const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers, GatewayIntentBits.GuildInvites];

async function loggedInClient(emulator: DiscordEmulator, extra: Partial<ConstructorParameters<typeof Client>[0]> = {}) {
  const client = new Client({ intents: INTENTS, rest: { api: emulator.apiRoot }, ...extra });
  const ready = once(client, Events.ClientReady);
  await client.login(emulator.token);
  await ready;
  return client;
}

describe("the Discord emulator with a real discord.js Client", () => {
  let emulator: DiscordEmulator;
  let client: Client;
  let guildId: string;
  let onInteraction: (interaction: Interaction) => Promise<unknown> = async () => undefined;

  beforeAll(async () => {
    emulator = await startDiscordEmulator({
      users: [CAROL, DAVE],
      closedDms: [DAVE.id],
      guilds: [
        {
          name: "Forge Community",
          channels: [{ name: "general" }, { name: "announcements" }],
          members: [{ user: ALICE }],
        },
      ],
    });
    guildId = [...emulator.world.guilds.keys()][0]!;
    client = await loggedInClient(emulator);
    client.on(Events.InteractionCreate, (interaction) => void onInteraction(interaction).catch(() => undefined));
  });

  afterAll(async () => {
    await client?.destroy();
    await emulator?.close();
  });

  afterEach(() => {
    onInteraction = async () => undefined;
  });

  it("GIVEN a bot token WHEN the client logs in THEN it is ready, sees its guild, and identified with its intents", async () => {
    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(emulator.bot.id);
    const guild = client.guilds.cache.get(guildId);
    expect(guild?.name).toBe("Forge Community");
    expect(guild?.channels.cache.map((c) => c.name).sort()).toEqual(["announcements", "general"]);
    expect(guild?.members.me?.permissions.has("ManageGuild")).toBe(true);
    expect((await client.application!.fetch()).id).toBe(emulator.applicationId);
    const identify = emulator.identifies[0]!;
    expect(identify.shard).toEqual([0, 1]);
    expect(identify.intents).toBe(INTENTS.reduce((all, bit) => all | bit, 0));
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toContain("GET /gateway/bot");
    expect(emulator.unknownRequests).toEqual([]);
  });

  it("GIVEN a wrong token WHEN a client logs in THEN login fails", async () => {
    const intruder = new Client({ intents: INTENTS, rest: { api: emulator.apiRoot } });
    await expect(intruder.login("not-the-token")).rejects.toThrow();
    await intruder.destroy();
  });

  it("GIVEN registered guild commands WHEN a person runs one in Spanish THEN the ephemeral reply carries flags 64", async () => {
    const command = new SlashCommandBuilder()
      .setName("earnings")
      .setDescription("Your earnings")
      .addStringOption((o) => o.setName("period").setDescription("Period").setRequired(true))
      .addIntegerOption((o) => o.setName("top").setDescription("Top"));
    await client.application!.commands.set([command.toJSON()], guildId);
    expect(emulator.commands(guildId).map((c) => c.name)).toEqual(["earnings"]);

    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const { locale, options } = interaction;
      await interaction.reply({
        content: `${locale} ${options.getString("period")} ${options.getInteger("top")}`,
        flags: MessageFlags.Ephemeral,
      });
    };
    const handle = emulator.slashCommand({
      user: ALICE.id,
      guildId,
      name: "earnings",
      options: { period: "week", top: 3 },
      locale: "es-ES",
    });
    const response = await handle.response();

    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(response.data?.content).toBe("es-ES week 3");
    const general = [...emulator.guild(guildId).channels.values()].find((c) => c.name === "general")!;
    expect(emulator.messages(general.id)).toEqual([]);
  });

  it("GIVEN slow work WHEN the bot defers then edits with a file THEN the edit and its attachment are recorded", async () => {
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply({
        content: "report ready",
        files: [{ attachment: Buffer.from("a,b\n1,2\n"), name: "report.csv" }],
      });
    };
    const handle = emulator.slashCommand({ user: ALICE.id, guildId, name: "earnings", options: { period: "month" } });

    expect((await handle.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const edit = await handle.call(1);
    expect(edit.kind).toBe("edit-original");
    expect(edit.attachments.map((a) => [a.name, a.bytes.toString()])).toEqual([["report.csv", "a,b\n1,2\n"]]);
    expect(handle.original()?.content).toBe("report ready");
    expect(handle.original()?.attachments.map((a) => a.filename)).toEqual(["report.csv"]);
  });

  it("GIVEN a modal WHEN the person submits it THEN the bot reads the fields and answers", async () => {
    onInteraction = async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const title = new TextInputBuilder().setCustomId("title").setLabel("Title").setStyle(TextInputStyle.Short);
        const modal = new ModalBuilder().setCustomId("factory:new").setTitle("New factory");
        modal.addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(title));
        await interaction.showModal(modal);
      } else if (interaction.isModalSubmit()) {
        await interaction.reply({
          content: `created ${interaction.fields.getTextInputValue("title")}`,
          flags: MessageFlags.Ephemeral,
        });
      }
    };
    const command = emulator.slashCommand({ user: ALICE.id, guildId, name: "earnings", options: { period: "day" } });
    const modal = await command.response();
    expect(modal.type).toBe(InteractionResponseType.Modal);
    expect(modal.data?.custom_id).toBe("factory:new");

    const submit = emulator.modalSubmit({ from: command, values: { title: "Desk tasks" } });
    expect((await submit.response()).data?.content).toBe("created Desk tasks");
    expect(() => emulator.modalSubmit({ from: command, values: {} })).toThrow(/required/);
  });

  it("GIVEN a public reply with a button and a select WHEN the person uses them THEN the bot updates the message", async () => {
    onInteraction = async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const next = new ButtonBuilder().setCustomId("page:2").setLabel("Next").setStyle(ButtonStyle.Primary);
        const pick = new StringSelectMenuBuilder()
          .setCustomId("task")
          .addOptions({ label: "Desk", value: "t1" }, { label: "Phone", value: "t2" });
        await interaction.reply({
          content: "page 1",
          components: [
            new ActionRowBuilder<ButtonBuilder>().addComponents(next),
            new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(pick),
          ],
        });
      } else if (interaction.isButton()) {
        await interaction.update({ content: `page ${interaction.customId.split(":")[1]}` });
      } else if (interaction.isStringSelectMenu()) {
        await interaction.reply({ content: `picked ${interaction.values.join()}`, flags: MessageFlags.Ephemeral });
      }
    };
    const command = emulator.slashCommand({ user: ALICE.id, guildId, name: "earnings", options: { period: "all" } });
    await command.response();
    const message = command.original()!;
    expect(emulator.messages(message.channel_id)).toContain(message);

    const press = emulator.button({ user: ALICE.id, message, label: "Next" });
    expect((await press.response()).type).toBe(InteractionResponseType.UpdateMessage);
    expect(emulator.world.messages.get(message.id)?.content).toBe("page 2");

    const select = emulator.stringSelect({ user: ALICE.id, message, customId: "task", values: ["t2"] });
    expect((await select.response()).data?.content).toBe("picked t2");
  });

  it("GIVEN an autocompleted option WHEN the person types THEN the bot's choices are the callback", async () => {
    onInteraction = async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused();
      await interaction.respond(
        ["weekly", "monthly"].filter((p) => p.startsWith(typed)).map((p) => ({ name: p, value: p })),
      );
    };
    const handle = emulator.autocomplete({
      user: ALICE.id,
      guildId,
      name: "earnings",
      options: { period: "we" },
      focused: "period",
    });
    const response = await handle.response();
    expect(response.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(response.data?.choices).toEqual([{ name: "weekly", value: "weekly" }]);
  });

  it("GIVEN a person in DMs WHEN they run a command THEN the bot gets a DM interaction and its reply is recorded", async () => {
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ content: `${interaction.inGuild() ? "guild" : "dm"} ${interaction.user.username}` });
    };
    const handle = emulator.slashCommand({ user: CAROL.id, name: "start" });
    expect((await handle.response()).data?.content).toBe("dm carol");
    expect(emulator.messages(handle.payload.channel!.id).map((m) => m.content)).toEqual(["dm carol"]);
  });

  it("GIVEN closed DMs WHEN the bot DMs that user THEN discord.js rejects with 50007, and another user gets the DM", async () => {
    const failure = await client.users.send(DAVE.id, "your payout").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DiscordAPIError);
    expect((failure as DiscordAPIError).code).toBe(50007);
    expect(emulator.dms(DAVE.id)).toEqual([]);

    await client.users.send(CAROL.id, "your payout is on its way");
    expect(emulator.dms(CAROL.id).at(-1)?.content).toBe("your payout is on its way");
  });

  it("GIVEN an invite WHEN a member joins with it THEN the client sees the join and the invite has one use", async () => {
    const guild = client.guilds.cache.get(guildId)!;
    const channel = guild.channels.cache.find((c) => c.name === "general") as TextChannel;
    const invite = await channel.createInvite({ maxAge: 0, unique: true });
    expect(invite.inviterId).toBe(emulator.bot.id);

    const joined = once(client, Events.GuildMemberAdd);
    emulator.memberJoins(guildId, { username: "erin" }, invite.code);
    const [member] = (await joined) as [{ user: { username: string } }];
    expect(member.user.username).toBe("erin");

    const invites = await guild.invites.fetch();
    expect(invites.get(invite.code)?.uses).toBe(1);
  });

  it("GIVEN a route answering 429 once WHEN the bot posts THEN discord.js retries and the message lands", async () => {
    const channel = client.guilds.cache
      .get(guildId)!
      .channels.cache.find((c) => c.name === "announcements") as TextChannel;
    emulator.rateLimitOnce("POST", `/channels/${channel.id}/messages`);
    await channel.send("featured factories");
    const posts = emulator.requests.filter((r) => r.path === `/channels/${channel.id}/messages`).map((r) => r.status);
    expect(posts).toEqual([429, 200]);
    expect(emulator.messages(channel.id).map((m) => m.content)).toEqual(["featured factories"]);
  });

  it("GIVEN a route the emulator does not know WHEN the bot calls it THEN it gets 404 and the call is recorded", async () => {
    await expect(client.rest.get("/guilds/1/audit-logs")).rejects.toMatchObject({ status: 404 });
    expect(emulator.unknownRequests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /guilds/1/audit-logs"]);
  });
});

describe("the Discord emulator's gateway routing", () => {
  const options: DiscordEmulatorOptions = {
    shards: 2,
    guilds: ["One", "Two", "Three", "Four"].map((name) => ({ name, members: [{ user: ALICE }] })),
  };

  it("GIVEN clients on shards [0,2] and [1,2] WHEN they log in THEN each gets only its guilds and their interactions", async () => {
    const emulator = await startDiscordEmulator(options);
    const clients: Client[] = [];
    try {
      for (const shard of [0, 1]) clients.push(await loggedInClient(emulator, { shards: [shard], shardCount: 2 }));
      const all = [...emulator.world.guilds.keys()];
      for (const shard of [0, 1]) {
        const expected = all.filter((id) => shardOf(id, 2) === shard).sort();
        expect(expected.length).toBeGreaterThan(0);
        expect([...clients[shard]!.guilds.cache.keys()].sort()).toEqual(expected);
      }
      expect(emulator.identifies.map((i) => i.shard)).toEqual([
        [0, 2],
        [1, 2],
      ]);

      const seen: number[] = [];
      clients.forEach((c, shard) =>
        c.on(Events.InteractionCreate, (interaction) => {
          seen.push(shard);
          if (interaction.isChatInputCommand()) void interaction.reply({ content: `shard ${shard}` });
        }),
      );
      const onShard = (shard: number) => all.find((id) => shardOf(id, 2) === shard)!;
      const first = emulator.slashCommand({ user: ALICE.id, guildId: onShard(1), name: "ping" });
      expect((await first.response()).data?.content).toBe("shard 1");
      // Shard 0's socket is FIFO: had it got the first interaction, it would have seen it before this one.
      const second = emulator.slashCommand({ user: ALICE.id, guildId: onShard(0), name: "ping" });
      expect((await second.response()).data?.content).toBe("shard 0");
      expect(seen).toEqual([1, 0]);
    } finally {
      await Promise.all(clients.map((c) => c.destroy()));
      await emulator.close();
    }
  });

  it("GIVEN a client without the GuildMembers intent WHEN a member joins THEN it gets no GUILD_MEMBER_ADD", async () => {
    const emulator = await startDiscordEmulator({ guilds: [{ name: "Quiet" }] });
    const client = await loggedInClient(emulator, { intents: [GatewayIntentBits.Guilds] });
    try {
      const guildId = [...emulator.world.guilds.keys()][0]!;
      let joins = 0;
      client.on(Events.GuildMemberAdd, () => joins++);
      const member = emulator.memberJoins(guildId, { username: "frank" });
      // Anything sent after the join arrives after it on the same socket: once this interaction is
      // seen, a GUILD_MEMBER_ADD would have been handled too.
      const later = once(client, Events.InteractionCreate);
      emulator.slashCommand({ user: member.user.id, guildId, name: "ping" });
      await later;
      expect(emulator.guild(guildId).members.has(member.user.id)).toBe(true);
      expect(joins).toBe(0);
    } finally {
      await client.destroy();
      await emulator.close();
    }
  });
});
