// The community state of a chat server (a Discord guild): ambassadors' server invites, the
// invite-uses snapshot joins are compared with, the admins' settings, where people were seen,
// and when a DM-closed notice was last posted for someone. Kept in Postgres so every shard and
// process shares it.

/** An invite's use count as last seen. */
export interface InviteUses {
  readonly code: string;
  readonly uses: number;
  /** 0: unlimited. An invite is deleted when its last use is spent. */
  readonly maxUses: number;
}

/** The one permanent server invite the bot made for an ambassador in a guild. */
export interface AmbassadorInvite {
  readonly guildId: string;
  readonly accountId: string;
  /** The ambassador's referral code (it never changes): what a join through the invite is attributed with. */
  readonly referralCode: string;
  readonly inviteCode: string;
  readonly channelId: string;
  readonly createdAt: Date;
}

export interface GuildSettings {
  readonly guildId: string;
  /** Where featured factories are announced. */
  readonly announceChannelId: string | null;
  /** Where DM-closed notices go; the announcements channel when null. */
  readonly noticeChannelId: string | null;
  readonly featuredFactoryIds: readonly string[];
  /** The server's language (its preferred locale when the settings were saved). */
  readonly locale: string | null;
  readonly updatedBy: string | null;
  readonly updatedAt: Date;
}

/** A channel a person can be told something in publicly, in a server where they were seen. */
export interface NoticePlace {
  readonly guildId: string;
  readonly channelId: string;
  readonly locale: string | null;
}

export interface CommunityStore {
  ambassadorInvite(guildId: string, accountId: string): Promise<AmbassadorInvite | null>;
  /** Stores (or replaces, when the old one was deleted) the ambassador's invite in that guild. */
  saveAmbassadorInvite(invite: AmbassadorInvite): Promise<void>;
  inviteOwner(guildId: string, inviteCode: string): Promise<AmbassadorInvite | null>;
  /** Sets one invite's uses (an invite just created or seen). */
  putInviteUses(guildId: string, invite: InviteUses, at: Date): Promise<void>;
  deleteInviteUses(guildId: string, code: string): Promise<void>;
  /**
   * Replaces the guild's snapshot with `current` and returns the one it replaces (empty when the
   * guild had none), in one statement.
   */
  swapInviteUses(guildId: string, current: readonly InviteUses[], at: Date): Promise<InviteUses[]>;

  guildSettings(guildId: string): Promise<GuildSettings | null>;
  saveGuildSettings(settings: GuildSettings): Promise<void>;

  /** The person was seen in the guild (joined, or used the bot there). */
  rememberMember(guildId: string, userId: string, accountId: string | null, at: Date): Promise<void>;
  forgetMember(guildId: string, userId: string): Promise<void>;
  /** Channels for DM-closed notices in the servers where the person was seen, latest seen first. */
  noticePlaces(userId: string): Promise<NoticePlace[]>;
  /**
   * Claims the person's DM-closed notice: true (and `at` recorded) when none was posted after
   * `notBefore`; false otherwise. One statement, so two processes never both post.
   */
  claimDmNotice(userId: string, guildId: string, at: Date, notBefore: Date): Promise<boolean>;
  /** Gives a claim back (the notice could not be posted). */
  releaseDmNotice(userId: string, at: Date): Promise<void>;
}
