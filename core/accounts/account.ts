import { z } from "zod";

export const PLATFORMS = ["telegram", "discord"] as const;
export const PlatformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof PlatformSchema>;

/** One person, whatever chat they come from. */
export interface Account {
  readonly id: string;
  readonly referralCode: string;
  readonly referrerId: string | null;
  readonly referredAt: Date | null;
  readonly xp: bigint;
  /** Active XP multiplier in basis points (10 000 = ×1) until `boostUntil`. */
  readonly boostBps: number;
  readonly boostUntil: Date | null;
  readonly locale: string | null;
  readonly createdAt: Date;
}

export interface Identity {
  readonly platform: Platform;
  readonly externalId: string;
  readonly accountId: string;
  readonly username: string | null;
  readonly createdAt: Date;
}

export interface Wallet {
  readonly address: string;
  readonly accountId: string;
  readonly verifiedAt: Date;
}

/** The boost in force at `now`. */
export const activeBoostBps = (account: Account, now: Date): number =>
  account.boostUntil && account.boostUntil > now ? account.boostBps : 10_000;
