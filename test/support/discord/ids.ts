// Snowflakes for the emulator. Every id gets its own millisecond in the timestamp bits, so
// consecutive guild ids land on alternating shards ((id >> 22) % n), like real guilds spread out.
const DISCORD_EPOCH = 1_420_070_400_000n;
const START = BigInt(Date.UTC(2024, 0, 1)) - DISCORD_EPOCH;
let sequence = 0n;

/** A fresh snowflake, unique within this process (shared by every emulator instance). */
export function snowflake(): string {
  sequence += 1n;
  return (((START + sequence) << 22n) | (sequence & 0xfffn)).toString();
}

/** The shard Discord routes a guild to: `(guild_id >> 22) % shard_count`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** The creation time Discord encodes in a snowflake. */
export function snowflakeTime(id: string): Date {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH));
}

const TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A random string from Discord's invite-code alphabet (also used for interaction tokens). */
export function randomCode(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += TOKEN_ALPHABET[Math.floor(Math.random() * TOKEN_ALPHABET.length)];
  return out;
}
