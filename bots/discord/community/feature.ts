// The community features as one feature of the Discord bot (bots/discord/feature.ts): /invite,
// /join and /settings, the settings panel's selects, and the gateway events that keep the
// invite-uses snapshot and people's server memberships. Handlers answer interactions themselves.
import { Events, GatewayIntentBits, PermissionFlagsBits, type Client } from "discord.js";
import type { CommunityStore } from "../../../core/ports/community.js";
import type { DiscordBotDeps } from "../context.js";
import { command, option, type DiscordFeature } from "../feature.js";
import { COMMUNITY_KIND } from "./ids.js";
import type { CommunityDeps } from "./deps.js";
import {
  inviteCommand,
  onInviteCreate,
  onInviteDelete,
  onMemberJoin,
  onMemberLeave,
  syncGuildInvites,
} from "./invites.js";
import { joinCommand } from "./join.js";
import { memberTracker } from "./members.js";
import { settingsCommand, settingsComponent } from "./settings.js";

export interface CommunityOptions {
  readonly community: CommunityStore;
  /** The Telegram bot's username, for the cross-platform referral link in /invite. */
  readonly telegramBot?: string;
}

/**
 * The community feature. Without options it only describes its commands (for `discord:deploy`);
 * the running bot passes the store.
 */
export function communityFeature(options: Partial<CommunityOptions> = {}): DiscordFeature {
  const depsOf = (deps: DiscordBotDeps): CommunityDeps => {
    if (!options.community) throw new Error("communityFeature() was built without its community store");
    return { ...deps, community: options.community, telegramBot: options.telegramBot };
  };
  let client: Client | null = null;
  const settingsDeps = (deps: DiscordBotDeps) => ({ ...depsOf(deps), rest: client!.rest });
  return {
    commands: [
      command("invite", (ctx, i) => inviteCommand(depsOf(ctx.deps), i, ctx), { manual: true }),
      command("join", (ctx, i) => joinCommand(depsOf(ctx.deps), i, ctx), {
        manual: true,
        options: [option("code", "string", "cmd-join-code", { required: true })],
      }),
      command("settings", (ctx, i) => settingsCommand(settingsDeps(ctx.deps), i, ctx.t), {
        manual: true,
        guildOnly: true,
        memberPermissions: PermissionFlagsBits.ManageGuild,
      }),
    ],
    actions: { [COMMUNITY_KIND]: (ctx, _action, i) => settingsComponent(settingsDeps(ctx.deps), i, ctx.t) },
    manualActions: new Set([COMMUNITY_KIND]),
    /** GuildMembers (privileged): joins and leaves. GuildInvites: invites created and deleted, for the uses snapshot. */
    intents: [GatewayIntentBits.GuildMembers, GatewayIntentBits.GuildInvites],
    attach(c, deps) {
      client = c;
      const community = depsOf(deps);
      const members = memberTracker(community);
      const log = (event: string) => (error: unknown) =>
        deps.logger.error({ err: error, event }, "discord community event failed");
      c.once(Events.ClientReady, (ready) => {
        for (const guild of ready.guilds.cache.values()) void syncGuildInvites(community, guild).catch(log("ready"));
      });
      c.on(Events.GuildCreate, (guild) => void syncGuildInvites(community, guild).catch(log("guildCreate")));
      c.on(Events.InviteCreate, (invite) => void onInviteCreate(community, invite).catch(log("inviteCreate")));
      c.on(Events.InviteDelete, (invite) => void onInviteDelete(community, invite).catch(log("inviteDelete")));
      c.on(Events.GuildMemberAdd, (member) => void onMemberJoin(community, member).catch(log("guildMemberAdd")));
      c.on(Events.GuildMemberRemove, (member) => void onMemberLeave(community, member).catch(log("guildMemberRemove")));
      // Where people use the bot is where a DM-closed notice can reach them.
      c.on(Events.InteractionCreate, (i) => {
        if (i.guildId && !i.user.bot) void members.seen(i.guildId, i.user.id, null).catch(log("interactionCreate"));
      });
    },
  };
}
