// /settings (Manage Server): the announcements channel, the channel for DM-closed notices, and
// the factories featured in the announcements channel (newly featured ones are announced), all
// picked in the panel /settings shows.
import {
  ActionRowBuilder,
  ChannelSelectMenuBuilder,
  ChannelType,
  MessageFlags,
  PermissionFlagsBits,
  StringSelectMenuBuilder,
  type ChatInputCommandInteraction,
  type Guild,
  type GuildBasedChannel,
  type InteractionReplyOptions,
  type MessageComponentInteraction,
} from "discord.js";
import { z } from "zod";
import type { BrowseItem } from "../../../core/factories/list-factories.js";
import type { GuildSettings } from "../../../core/ports/community.js";
import type { Translate } from "../../i18n.js";
import { label, plain } from "../../views/view.js";
import { announceFactory, type AnnounceDeps } from "./announce.js";
import { SETTINGS_IDS } from "./ids.js";
import { nowOf, type CommunityDeps } from "./deps.js";
import { content } from "./text.js";

export type SettingsDeps = CommunityDeps & Pick<AnnounceDeps, "rest">;

type ChannelField = "announceChannelId" | "noticeChannelId";

/** Discord's limit of options in a select menu. */
const SELECT_MAX = 25;
const FactoryIds = z.array(z.string().min(1).max(40)).max(SELECT_MAX);
const POSTABLE = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

const ephemeral = (text: string): InteractionReplyOptions => ({
  content: content(text),
  flags: MessageFlags.Ephemeral,
  allowedMentions: { parse: [] },
});

/** Checked on every use: a server can override who sees a command, so the default permission is not enough. */
const mayManage = (interaction: ChatInputCommandInteraction | MessageComponentInteraction) =>
  interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true;

const empty = (guild: Guild, now: Date): GuildSettings => ({
  guildId: guild.id,
  announceChannelId: null,
  noticeChannelId: null,
  featuredFactoryIds: [],
  locale: guild.preferredLocale,
  updatedBy: null,
  updatedAt: now,
});

/** A channel the bot can post in (text or announcement, View Channel + Send Messages). */
function postable(guild: Guild, channel: GuildBasedChannel | undefined): boolean {
  const me = guild.members.me;
  if (!channel || !me) return false;
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) return false;
  return me.permissionsIn(channel).has(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages);
}

const live = async (deps: CommunityDeps): Promise<BrowseItem[]> =>
  (await deps.core.browseFactories({ offset: 0, limit: SELECT_MAX })).items;

/**
 * Saves the chosen channel when the bot can post in it: the new settings, or the refusal's text
 * (and nothing saved).
 */
async function saveChannel(
  deps: CommunityDeps,
  guild: Guild,
  userId: string,
  chosen: { field: ChannelField; id: string; name: string | null },
  t: Translate,
): Promise<{ settings: GuildSettings } | { refusal: string }> {
  const now = nowOf(deps);
  const settings = (await deps.community.guildSettings(guild.id)) ?? empty(guild, now);
  if (!postable(guild, guild.channels.cache.get(chosen.id)))
    return { refusal: t("discord-settings-bad-channel", { channel: `#${plain(chosen.name ?? chosen.id)}` }) };
  const saved = {
    ...settings,
    [chosen.field]: chosen.id,
    locale: guild.preferredLocale,
    updatedBy: userId,
    updatedAt: now,
  };
  await deps.community.saveGuildSettings(saved);
  return { settings: saved };
}

/** /settings: the server's settings, with pickers for the channels and the featured factories. */
export async function settingsCommand(deps: SettingsDeps, interaction: ChatInputCommandInteraction, t: Translate) {
  const guild = interaction.guild;
  if (!guild) return void (await interaction.reply(ephemeral(t("discord-settings-guild-only"))));
  if (!mayManage(interaction)) return void (await interaction.reply(ephemeral(t("discord-settings-forbidden"))));
  const settings = (await deps.community.guildSettings(guild.id)) ?? empty(guild, nowOf(deps));
  const panel = await settingsPanel(deps, guild, settings, t);
  await interaction.reply({ ...ephemeral(panel.text), components: panel.components });
}

async function settingsPanel(deps: CommunityDeps, guild: Guild, s: GuildSettings, t: Translate) {
  const items = await live(deps);
  const channelName = (id: string | null) => {
    const channel = id ? guild.channels.cache.get(id) : undefined;
    return channel ? `#${plain(channel.name)}` : t("discord-settings-unset");
  };
  const names = items.filter((i) => s.featuredFactoryIds.includes(i.factory.id)).map((i) => plain(i.factory.name));
  const text = [
    t("discord-settings-title", { server: plain(guild.name) }),
    t("discord-settings-announce", { channel: channelName(s.announceChannelId) }),
    t("discord-settings-notice", {
      channel: s.noticeChannelId ? channelName(s.noticeChannelId) : t("discord-settings-notice-default"),
    }),
    t("discord-settings-featured", { names: names.length ? names.join(", ") : t("discord-settings-featured-none") }),
    "",
    t(items.length ? "discord-settings-help" : "discord-settings-no-factories"),
  ].join("\n");
  const channelSelect = (customId: string, placeholder: string, current: string | null) => {
    const select = new ChannelSelectMenuBuilder()
      .setCustomId(customId)
      .setPlaceholder(t(placeholder))
      .setChannelTypes(...POSTABLE);
    if (current) select.setDefaultChannels(current);
    return new ActionRowBuilder<ChannelSelectMenuBuilder>().addComponents(select);
  };
  const rows: Array<ActionRowBuilder<ChannelSelectMenuBuilder> | ActionRowBuilder<StringSelectMenuBuilder>> = [
    channelSelect(SETTINGS_IDS.announce, "discord-settings-pick-announce", s.announceChannelId),
    channelSelect(SETTINGS_IDS.notices, "discord-settings-pick-notices", s.noticeChannelId),
  ];
  if (items.length) {
    const select = new StringSelectMenuBuilder()
      .setCustomId(SETTINGS_IDS.feature)
      .setPlaceholder(t("discord-settings-pick"))
      .setMinValues(0)
      .setMaxValues(items.length)
      .addOptions(
        items.map((i) => ({
          label: label(i.factory.name),
          value: i.factory.id,
          default: s.featuredFactoryIds.includes(i.factory.id),
        })),
      );
    rows.push(new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(select));
  }
  return { text, components: rows };
}

/**
 * The settings panel's selects (custom ids SETTINGS_IDS): a channel picked, or the featured
 * factories (only live ones; newly featured ones are announced). Manage Server is checked again.
 */
export async function settingsComponent(
  deps: SettingsDeps,
  interaction: MessageComponentInteraction,
  t: Translate,
): Promise<void> {
  const guild = interaction.guild;
  if (!guild) return void (await interaction.reply(ephemeral(t("discord-settings-guild-only"))));
  if (!mayManage(interaction)) return void (await interaction.reply(ephemeral(t("discord-settings-forbidden"))));
  if (interaction.isChannelSelectMenu()) {
    const field: ChannelField = interaction.customId === SETTINGS_IDS.notices ? "noticeChannelId" : "announceChannelId";
    const picked = interaction.channels.first();
    if (!picked) return void (await interaction.deferUpdate()); // nothing picked: nothing changes
    const chosen = { field, id: picked.id, name: "name" in picked ? picked.name : null };
    const result = await saveChannel(deps, guild, interaction.user.id, chosen, t);
    if ("refusal" in result) return void (await interaction.reply(ephemeral(result.refusal)));
    const panel = await settingsPanel(deps, guild, result.settings, t);
    await interaction.update({
      content: content([t("discord-settings-saved"), "", panel.text].join("\n")),
      components: panel.components,
    });
    return;
  }
  if (interaction.isStringSelectMenu() && interaction.customId === SETTINGS_IDS.feature)
    return featureFactories(deps, interaction, guild, t);
  await interaction.deferUpdate(); // a select from an older panel: nothing to do
}

async function featureFactories(
  deps: SettingsDeps,
  interaction: MessageComponentInteraction & { values: string[] },
  guild: Guild,
  t: Translate,
): Promise<void> {
  const parsed = FactoryIds.safeParse(interaction.values);
  const items = await live(deps);
  const byId = new Map(items.map((i) => [i.factory.id, i.factory]));
  if (!parsed.success || parsed.data.some((id) => !byId.has(id)))
    return void (await interaction.reply(ephemeral(t("discord-settings-featured-gone"))));
  await interaction.deferUpdate();
  const now = nowOf(deps);
  const before = (await deps.community.guildSettings(guild.id)) ?? empty(guild, now);
  // Featured factories the select could not list (beyond its 25 options) stay featured.
  const unlisted = before.featuredFactoryIds.filter((id) => !byId.has(id));
  const chosen = [...new Set([...parsed.data, ...unlisted])];
  const settings = { ...before, featuredFactoryIds: chosen, updatedBy: interaction.user.id, updatedAt: now };
  await deps.community.saveGuildSettings(settings);
  const added = chosen.filter((id) => !before.featuredFactoryIds.includes(id));
  let announced = 0;
  for (const id of added) if ((await announceFactory(deps, guild.id, byId.get(id)!)).posted) announced++;
  const channel = settings.announceChannelId ? guild.channels.cache.get(settings.announceChannelId) : undefined;
  const result = channel
    ? t("discord-settings-featured-saved", { announced, channel: `#${plain(channel.name)}` })
    : t("discord-settings-featured-no-channel");
  const panel = await settingsPanel(deps, guild, settings, t);
  await interaction.editReply({ content: content([result, "", panel.text].join("\n")), components: panel.components });
}
