// The emulator's in-memory Discord: users, guilds (roles, channels, members, invites), DM channels,
// messages and application commands, plus the builders that turn them into API payloads.
import {
  ChannelType,
  MessageType,
  OverwriteType,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIAttachment,
  type APIChannel,
  type APIGuildMember,
  type APIMessage,
  type APIOverwrite,
  type APIRole,
  type APIUser,
} from "discord.js";
import { randomCode, snowflake, snowflakeTime } from "./ids.js";

export interface UserSeed {
  id?: string;
  username: string;
  globalName?: string;
  bot?: boolean;
}

export interface RoleSeed {
  id?: string;
  name: string;
  /** Permission bits (`PermissionFlagsBits.*` or'ed together). */
  permissions?: bigint;
}

/** A channel permission overwrite; `role` is a role name, a role id or "@everyone". */
export interface OverwriteSeed {
  role?: string;
  member?: string;
  allow?: bigint;
  deny?: bigint;
}

export interface ChannelSeed {
  id?: string;
  name: string;
  type?: ChannelType.GuildText | ChannelType.GuildAnnouncement | ChannelType.GuildVoice | ChannelType.GuildCategory;
  overwrites?: OverwriteSeed[];
}

export interface MemberSeed {
  /** A user id already known to the emulator, or a user to create. */
  user: string | UserSeed;
  /** Role names or ids. */
  roles?: string[];
  nick?: string;
}

export interface GuildSeed {
  id?: string;
  name: string;
  /** Defaults to the first member, or the bot when there is none. */
  ownerId?: string;
  preferredLocale?: string;
  /** The @everyone role's permissions. */
  everyonePermissions?: bigint;
  /** The permissions of the bot's own (managed) role. */
  botPermissions?: bigint;
  roles?: RoleSeed[];
  /** Defaults to one text channel, #general. */
  channels?: ChannelSeed[];
  members?: MemberSeed[];
}

export interface RecordedAttachment {
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface MemberState {
  userId: string;
  roles: string[];
  nick: string | null;
  joinedAt: string;
}

export interface InviteState {
  code: string;
  guildId: string;
  channelId: string;
  inviterId: string;
  maxAge: number;
  maxUses: number;
  temporary: boolean;
  uses: number;
  createdAt: Date;
}

export interface ChannelState {
  id: string;
  type: ChannelType;
  name: string | null;
  guildId: string | null;
  /** DM channels: the person on the other side. */
  recipientId: string | null;
  position: number;
  overwrites: APIOverwrite[];
  /** Messages the bot posted here, in order (edits update them in place). */
  messages: APIMessage[];
}

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  roles: Map<string, APIRole>;
  channels: Map<string, ChannelState>;
  members: Map<string, MemberState>;
  invites: Map<string, InviteState>;
}

const P = PermissionFlagsBits;
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);
export const DEFAULT_EVERYONE_PERMISSIONS =
  P.ViewChannel |
  P.SendMessages |
  P.ReadMessageHistory |
  P.CreateInstantInvite |
  P.UseApplicationCommands |
  P.AddReactions |
  P.EmbedLinks |
  P.AttachFiles;
/** What a bot invited with a typical scope gets: enough to post, attach and manage invites. */
export const DEFAULT_BOT_PERMISSIONS =
  DEFAULT_EVERYONE_PERMISSIONS | P.ManageGuild | P.ManageMessages | P.SendMessagesInThreads;

export class World {
  readonly users = new Map<string, APIUser>();
  readonly guilds = new Map<string, GuildState>();
  readonly channels = new Map<string, ChannelState>();
  /** Every message the bot created anywhere (channels, interaction replies, follow-ups), by id. */
  readonly messages = new Map<string, APIMessage>();
  readonly dmChannelByUser = new Map<string, string>();
  readonly closedDms = new Set<string>();
  readonly globalCommands = new Map<string, APIApplicationCommand>();
  readonly guildCommands = new Map<string, Map<string, APIApplicationCommand>>();
  readonly bot: APIUser;
  readonly applicationId: string;

  /** `applicationId` defaults to the bot user's id, as for every bot created since 2019. */
  constructor(bot: UserSeed, applicationId?: string) {
    this.bot = this.addUser({ ...bot, bot: true });
    this.applicationId = applicationId ?? this.bot.id;
  }

  addUser(seed: UserSeed): APIUser {
    const id = seed.id ?? snowflake();
    const user: APIUser = {
      id,
      username: seed.username,
      global_name: seed.globalName ?? seed.username,
      discriminator: "0",
      avatar: null,
      ...(seed.bot ? { bot: true } : {}),
    };
    this.users.set(id, user);
    return user;
  }

  /** A user by id, or the seed created as a new user. */
  resolveUser(user: string | UserSeed | APIUser): APIUser {
    if (typeof user !== "string") {
      const known = user.id ? this.users.get(user.id) : undefined;
      return (
        known ??
        this.addUser({ ...user, globalName: "global_name" in user ? (user.global_name ?? undefined) : user.globalName })
      );
    }
    const known = this.users.get(user);
    if (!known)
      throw new Error(`discord emulator: unknown user ${user} (seed it in options.users or a guild's members)`);
    return known;
  }

  addGuild(seed: GuildSeed): GuildState {
    const id = seed.id ?? snowflake();
    const members = (seed.members ?? []).map((m) => ({ ...m, user: this.resolveUser(m.user) }));
    const guild: GuildState = {
      id,
      name: seed.name,
      ownerId: seed.ownerId ?? members[0]?.user.id ?? this.bot.id,
      preferredLocale: seed.preferredLocale ?? "en-US",
      roles: new Map(),
      channels: new Map(),
      members: new Map(),
      invites: new Map(),
    };
    this.guilds.set(id, guild);
    this.addRole(
      guild,
      { id, name: "@everyone", permissions: seed.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS },
      0,
      false,
    );
    const botRole = this.addRole(
      guild,
      { name: this.bot.username, permissions: seed.botPermissions ?? DEFAULT_BOT_PERMISSIONS },
      1,
      true,
    );
    (seed.roles ?? []).forEach((role, i) => this.addRole(guild, role, i + 2, false));
    const channels = seed.channels ?? [{ name: "general" }];
    channels.forEach((channel, position) => this.addGuildChannel(guild, channel, position));
    this.addMember(guild, this.bot.id, [botRole.id]);
    for (const member of members) this.addMember(guild, member.user.id, member.roles ?? [], member.nick);
    return guild;
  }

  private addRole(guild: GuildState, seed: RoleSeed, position: number, managed: boolean): APIRole {
    const role: APIRole = {
      id: seed.id ?? snowflake(),
      name: seed.name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions: (seed.permissions ?? 0n).toString(),
      managed,
      mentionable: false,
      flags: 0 as APIRole["flags"],
      ...(managed ? { tags: { bot_id: this.bot.id } } : {}),
    };
    guild.roles.set(role.id, role);
    return role;
  }

  private addGuildChannel(guild: GuildState, seed: ChannelSeed, position: number): ChannelState {
    const channel: ChannelState = {
      id: seed.id ?? snowflake(),
      type: seed.type ?? ChannelType.GuildText,
      name: seed.name,
      guildId: guild.id,
      recipientId: null,
      position,
      overwrites: (seed.overwrites ?? []).map((o) => this.overwrite(guild, o)),
      messages: [],
    };
    guild.channels.set(channel.id, channel);
    this.channels.set(channel.id, channel);
    return channel;
  }

  private overwrite(guild: GuildState, seed: OverwriteSeed): APIOverwrite {
    const target = seed.member ?? seed.role;
    if (!target) throw new Error("discord emulator: an overwrite needs a role or a member");
    const id = seed.member ? seed.member : target === "@everyone" ? guild.id : this.roleId(guild, target);
    return {
      id,
      type: seed.member ? OverwriteType.Member : OverwriteType.Role,
      allow: (seed.allow ?? 0n).toString(),
      deny: (seed.deny ?? 0n).toString(),
    };
  }

  roleId(guild: GuildState, nameOrId: string): string {
    if (guild.roles.has(nameOrId)) return nameOrId;
    const role = [...guild.roles.values()].find((r) => r.name === nameOrId);
    if (!role) throw new Error(`discord emulator: no role ${nameOrId} in guild ${guild.name}`);
    return role.id;
  }

  addMember(guild: GuildState, userId: string, roles: string[], nick?: string): MemberState {
    const member: MemberState = {
      userId,
      roles: roles.map((r) => this.roleId(guild, r)),
      nick: nick ?? null,
      joinedAt: new Date().toISOString(),
    };
    guild.members.set(userId, member);
    return member;
  }

  guild(id: string): GuildState {
    const guild = this.guilds.get(id);
    if (!guild) throw new Error(`discord emulator: unknown guild ${id}`);
    return guild;
  }

  /** The DM channel between the bot and a user, created on first use. */
  dmChannel(userId: string): ChannelState {
    const existing = this.dmChannelByUser.get(userId);
    if (existing) return this.channels.get(existing)!;
    const channel: ChannelState = {
      id: snowflake(),
      type: ChannelType.DM,
      name: null,
      guildId: null,
      recipientId: userId,
      position: 0,
      overwrites: [],
      messages: [],
    };
    this.channels.set(channel.id, channel);
    this.dmChannelByUser.set(userId, channel.id);
    return channel;
  }

  /** Guild-wide permissions: owner and Administrator get everything. */
  basePermissions(guild: GuildState, userId: string): bigint {
    if (guild.ownerId === userId) return ALL_PERMISSIONS;
    const member = guild.members.get(userId);
    let perms = BigInt(guild.roles.get(guild.id)!.permissions);
    for (const roleId of member?.roles ?? []) perms |= BigInt(guild.roles.get(roleId)?.permissions ?? "0");
    return perms & P.Administrator ? ALL_PERMISSIONS : perms;
  }

  /** Channel permissions, with overwrites applied in Discord's order: @everyone, roles, member. */
  permissionsIn(channel: ChannelState, userId: string): bigint {
    if (!channel.guildId) return ALL_PERMISSIONS & ~P.Administrator;
    const guild = this.guild(channel.guildId);
    let perms = this.basePermissions(guild, userId);
    if (perms === ALL_PERMISSIONS) return perms;
    const apply = (o: APIOverwrite | undefined) => {
      if (o) perms = (perms & ~BigInt(o.deny)) | BigInt(o.allow);
    };
    apply(channel.overwrites.find((o) => o.id === guild.id));
    const roles = new Set(guild.members.get(userId)?.roles ?? []);
    let allow = 0n;
    let deny = 0n;
    for (const o of channel.overwrites) {
      if (o.type === OverwriteType.Role && roles.has(o.id)) {
        allow |= BigInt(o.allow);
        deny |= BigInt(o.deny);
      }
    }
    perms = (perms & ~deny) | allow;
    apply(channel.overwrites.find((o) => o.type === OverwriteType.Member && o.id === userId));
    return perms;
  }

  apiChannel(channel: ChannelState): APIChannel {
    if (channel.recipientId) {
      return {
        id: channel.id,
        type: ChannelType.DM,
        last_message_id: channel.messages.at(-1)?.id ?? null,
        recipients: [this.users.get(channel.recipientId)!],
        flags: 0,
      } as unknown as APIChannel;
    }
    return {
      id: channel.id,
      type: channel.type,
      guild_id: channel.guildId,
      name: channel.name,
      position: channel.position,
      permission_overwrites: channel.overwrites,
      parent_id: null,
      nsfw: false,
      topic: null,
      last_message_id: channel.messages.at(-1)?.id ?? null,
      rate_limit_per_user: 0,
      flags: 0,
    } as unknown as APIChannel;
  }

  apiMember(guild: GuildState, member: MemberState): APIGuildMember {
    return {
      user: this.users.get(member.userId)!,
      nick: member.nick,
      avatar: null,
      banner: null,
      roles: member.roles,
      joined_at: member.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as APIGuildMember["flags"],
      pending: false,
      communication_disabled_until: null,
    };
  }

  /** A bot-authored message from a create-message body (also used for webhook and interaction replies). */
  createMessage(
    channelId: string,
    body: MessageBody,
    attachments: RecordedAttachment[],
    extra: Partial<APIMessage> = {},
  ): APIMessage {
    const id = snowflake();
    const message: APIMessage = {
      id,
      channel_id: channelId,
      author: this.bot,
      content: body.content ?? "",
      timestamp: snowflakeTime(id).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: this.apiAttachments(attachments, body),
      embeds: body.embeds ?? [],
      pinned: false,
      type: MessageType.Default,
      flags: body.flags ?? 0,
      components: body.components ?? [],
      ...extra,
    };
    this.messages.set(id, message);
    return message;
  }

  /** Applies an edit body to a message in place (the same object stays in every list). */
  editMessage(message: APIMessage, body: MessageBody, attachments: RecordedAttachment[]): APIMessage {
    if (body.content !== undefined) message.content = body.content ?? "";
    if (body.embeds !== undefined) message.embeds = body.embeds ?? [];
    if (body.components !== undefined) message.components = body.components ?? [];
    if (body.flags !== undefined) message.flags = body.flags ?? 0;
    if (body.attachments !== undefined || attachments.length > 0) {
      const kept = message.attachments.filter((a) => body.attachments?.some((b) => String(b.id) === a.id));
      message.attachments = [...kept, ...this.apiAttachments(attachments, body)];
    }
    message.edited_timestamp = new Date().toISOString();
    return message;
  }

  private apiAttachments(files: RecordedAttachment[], body: MessageBody): APIAttachment[] {
    return files.map((file) => {
      const id = snowflake();
      return {
        id,
        filename: file.name,
        description: body.attachments?.find((a) => a.filename === file.name)?.description,
        content_type: file.contentType,
        size: file.bytes.length,
        url: `https://cdn.discordapp.test/attachments/${id}/${file.name}`,
        proxy_url: `https://media.discordapp.test/attachments/${id}/${file.name}`,
      };
    });
  }

  newInvite(channel: ChannelState, body: InviteBody): InviteState {
    const guildId = channel.guildId!;
    const maxAge = body.max_age ?? 86_400;
    const maxUses = body.max_uses ?? 0;
    const temporary = body.temporary ?? false;
    const guild = this.guild(guildId);
    if (!body.unique) {
      const same = [...guild.invites.values()].find(
        (i) =>
          i.channelId === channel.id &&
          i.inviterId === this.bot.id &&
          i.maxAge === maxAge &&
          i.maxUses === maxUses &&
          i.temporary === temporary &&
          !this.inviteExpired(i),
      );
      if (same) return same;
    }
    const invite: InviteState = {
      code: randomCode(8),
      guildId,
      channelId: channel.id,
      inviterId: this.bot.id,
      maxAge,
      maxUses,
      temporary,
      uses: 0,
      createdAt: new Date(),
    };
    guild.invites.set(invite.code, invite);
    return invite;
  }

  inviteExpired(invite: InviteState, now = Date.now()): boolean {
    return invite.maxAge > 0 && invite.createdAt.getTime() + invite.maxAge * 1000 <= now;
  }

  /** Invite with metadata (what `GET /guilds/{id}/invites` and `POST /channels/{id}/invites` return). */
  apiInvite(invite: InviteState) {
    const guild = this.guild(invite.guildId);
    const channel = guild.channels.get(invite.channelId)!;
    return {
      type: 0,
      code: invite.code,
      guild: {
        id: guild.id,
        name: guild.name,
        icon: null,
        splash: null,
        banner: null,
        features: [],
        verification_level: 0,
        vanity_url_code: null,
        nsfw_level: 0,
        premium_subscription_count: 0,
      },
      channel: { id: channel.id, name: channel.name, type: channel.type },
      inviter: this.users.get(invite.inviterId),
      uses: invite.uses,
      max_uses: invite.maxUses,
      max_age: invite.maxAge,
      temporary: invite.temporary,
      created_at: invite.createdAt.toISOString(),
      expires_at: invite.maxAge > 0 ? new Date(invite.createdAt.getTime() + invite.maxAge * 1000).toISOString() : null,
    };
  }

  /** The GUILD_CREATE payload: everything discord.js caches for permission checks. */
  guildCreate(guild: GuildState) {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      preferred_locale: guild.preferredLocale,
      features: [],
      application_id: null,
      max_members: 500_000,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      roles: [...guild.roles.values()],
      emojis: [],
      stickers: [],
      channels: [...guild.channels.values()].map((c) => {
        const { guild_id: _omitted, ...channel } = this.apiChannel(c) as APIChannel & { guild_id?: string };
        return channel;
      }),
      threads: [],
      members: [...guild.members.values()].map((m) => this.apiMember(guild, m)),
      member_count: guild.members.size,
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      joined_at: guild.members.get(this.bot.id)!.joinedAt,
      large: false,
      unavailable: false,
      lazy: true,
    };
  }
}

/** The fields the emulator reads from a create/edit message body (channel, webhook or callback). */
export interface MessageBody {
  content?: string | null;
  embeds?: APIMessage["embeds"] | null;
  components?: APIMessage["components"] | null;
  flags?: number | null;
  attachments?: Array<{ id: string | number; filename?: string; description?: string }> | null;
  poll?: unknown;
  sticker_ids?: string[];
}

export interface InviteBody {
  max_age?: number;
  max_uses?: number;
  temporary?: boolean;
  unique?: boolean;
}
