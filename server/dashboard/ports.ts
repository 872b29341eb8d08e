// What the dashboard needs from the rest of the system, shaped by what it does (the composition
// root, app/dashboard.ts, builds these from the core, Redis, the payments edge and storage).
import type { Core } from "../../core/index.js";
import type { TokenRegistry } from "../../core/money/tokens.js";
import type { RateLimiter } from "../rate-limit.js";
import type { BlobStorage } from "../uploads/storage.js";
import type { DashboardSessions } from "./sessions.js";
import type { DashboardLocale } from "./strings.js";

/** The core use cases the bots' factory card calls, and no others. */
export type DashboardCore = Pick<
  Core,
  | "listOwnedFactories"
  | "getOwnedFactoryOverview"
  | "changeFactoryStatus"
  | "withdrawPool"
  | "getProfile"
  | "getFactoryInsights"
  | "getRecording"
>;

/** A Solana Pay request as the bots show it: its URL, its QR code (PNG) and its expiry. */
export interface ShownFunding {
  readonly url: string;
  readonly qrPng: Uint8Array;
  readonly expiresAt: Date;
}

export interface DashboardOptions {
  readonly core: DashboardCore;
  readonly tokens: TokenRegistry;
  readonly sessions: DashboardSessions;
  /** The account behind a Telegram user id, or null when they never opened the bot. */
  readonly telegramAccount: (telegramUserId: string) => Promise<{ id: string; locale: string | null } | null>;
  /** Absent: only the Discord login link signs in. */
  readonly telegramBotToken?: string;
  /** The bots' payments port; absent when payments are off (TREASURY_ADDRESS unset). */
  readonly payments?: {
    requestFunding(input: { accountId: string; factoryId: string; units: bigint }): Promise<ShownFunding>;
  };
  /** Counts sign-in attempts per client address (Redis-backed, shared by every server process). */
  readonly rateLimit?: Pick<RateLimiter, "hit">;
  /** A core error code in words, as the bots say it (their texts), e.g. "FACTORY_NOT_OWNER". */
  readonly describe: (locale: DashboardLocale, code: string, args?: Readonly<Record<string, string>>) => string;
  /** Money became owed (a withdrawal): asks the payout worker for a round. */
  readonly owed?: () => Promise<void>;
  /** Where recordings' keyframes are: the blob store, and the key of the steps the grader stored. */
  readonly recordings: {
    readonly storage: BlobStorage;
    /** The key of a recording's steps JSON (sft.json, written by app/grading.ts). */
    stepsKey(recordingId: string): string;
  };
}
