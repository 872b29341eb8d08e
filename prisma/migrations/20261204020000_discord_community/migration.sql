-- The Discord bot's community state, shared by every shard and process.
--
-- One permanent server invite per ambassador per guild, created by the bot and reused.
CREATE TABLE "discord_ambassador_invite" (
    "guild_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "referral_code" TEXT NOT NULL,
    "invite_code" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "discord_ambassador_invite_pkey" PRIMARY KEY ("guild_id", "account_id")
);
CREATE UNIQUE INDEX "discord_ambassador_invite_guild_id_invite_code_key"
    ON "discord_ambassador_invite"("guild_id", "invite_code");

-- The last known uses of every invite of a guild (not only the ambassadors'): a join is
-- attributed by comparing them with the uses Discord reports right after it.
CREATE TABLE "discord_invite_use" (
    "guild_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "uses" INTEGER NOT NULL,
    "max_uses" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "discord_invite_use_pkey" PRIMARY KEY ("guild_id", "code")
);

-- What a server's admins chose: the announcements channel, the factories featured there, and
-- the channel for DM-closed notices (the announcements channel when unset).
CREATE TABLE "discord_guild_settings" (
    "guild_id" TEXT NOT NULL,
    "announce_channel_id" TEXT,
    "notice_channel_id" TEXT,
    "featured_factory_ids" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "locale" TEXT,
    "updated_by" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "discord_guild_settings_pkey" PRIMARY KEY ("guild_id")
);

-- The servers where a person was seen (joined, or used the bot): where a DM-closed notice can reach them.
CREATE TABLE "discord_guild_member" (
    "guild_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "account_id" TEXT,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "discord_guild_member_pkey" PRIMARY KEY ("guild_id", "user_id")
);
CREATE INDEX "discord_guild_member_user_id_seen_at_idx" ON "discord_guild_member"("user_id", "seen_at" DESC);

-- The last DM-closed notice posted for a person: at most one per period, whatever the shard.
CREATE TABLE "discord_dm_notice" (
    "user_id" TEXT NOT NULL,
    "guild_id" TEXT NOT NULL,
    "posted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "discord_dm_notice_pkey" PRIMARY KEY ("user_id")
);
