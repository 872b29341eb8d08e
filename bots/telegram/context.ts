import type { RecorderDevices } from "../../core/ports/devices.js";
import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Context, LazySessionFlavor } from "grammy";
import type { Account } from "../../core/accounts/account.js";
import type { Core } from "../../core/index.js";
import type { TokenRegistry } from "../../core/money/tokens.js";
import type { I18n, Locale, Translate } from "../i18n.js";
import type { Notifier } from "../notices/notifier.js";
import type { View } from "../views/view.js";

/** Structurally a grammY StorageAdapter; the composition root passes a Postgres one. */
export interface KeyValueStore<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface BotLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface TelegramBotDeps {
  readonly core: Core;
  readonly tokens: TokenRegistry;
  readonly i18n: I18n;
  /** Telegram user ids of admins. */
  readonly adminIds: ReadonlySet<string>;
  readonly sessions: KeyValueStore<SessionData>;
  readonly conversations: KeyValueStore<unknown>;
  /** One-time codes that pair the recorder with an account for one factory task. */
  readonly pairing: {
    issue(input: { accountId: string; factoryId: string; taskId: string }): Promise<string>;
    /** Voids a code, e.g. one whose message never reached the person. */
    revoke(code: string): Promise<void>;
  };
  /** The person's paired recorders (/devices); absent where recorders are not set up. */
  readonly devices?: RecorderDevices;
  /** Wallet linking by a signed challenge; plugged in by the Solana edge, absent until configured. */
  readonly walletProof?: {
    challenge(accountId: string): Promise<{ message: string; expiresAt: Date }>;
    prove(
      accountId: string,
      wallet: string,
      signature: string,
    ): Promise<{ ok: true; wallet: string; created: boolean } | { ok: false; code: string }>;
  };
  /** Solana Pay funding requests; plugged in by the Solana edge, absent until configured. */
  readonly payments?: {
    requestFunding(input: { accountId: string; factoryId: string; units: bigint }): Promise<ShownPayment>;
    requestStake(input: { accountId: string; units: bigint }): Promise<ShownPayment>;
    requestWalletVerification(input: { accountId: string }): Promise<ShownPayment>;
    requestGasTopUp(input: { accountId: string; units: bigint }): Promise<ShownPayment>;
    /** XP boosts need the server's public URL (PUBLIC_URL) and the CLONES mint. */
    readonly boostsEnabled?: boolean;
    requestBoost?(input: { accountId: string; boostId: string }): Promise<ShownPayment>;
  };
  /** Recordings sent as documents; plugged in by the uploads edge, absent until configured. */
  readonly recordings?: {
    fromChat(input: {
      accountId: string;
      factoryId: string;
      taskId: string;
      fileId: string;
      fileName: string;
      size: number;
    }): Promise<{ ok: true; recordingId: string } | { ok: false; code: string; message: string }>;
    /** One appeal per recording: queues its regrade. Codes: the core's (APPEAL_ALREADY_USED...). */
    appeal(accountId: string, recordingId: string): Promise<{ ok: true } | { ok: false; code: string }>;
  };
  /** The upload server's public URL, for the recorder's `forge login --server`. */
  readonly recorderServer?: string;
  /** The command that installs the recorder (served by the server role); unset without a public URL. */
  readonly recorderInstall?: string;
  /** One-time sign-in links to the queue dashboard; absent without PUBLIC_URL or Redis. */
  readonly queueDashboard?: {
    /** A link that signs `adminId` ("telegram:<user id>") in once, within `minutes`. */
    loginLink(adminId: string): Promise<{ url: string; minutes: number }>;
  };
  /** The largest document the Bot API server lets a bot download (20 MB on Telegram's own). */
  readonly documentLimitBytes?: number;
  readonly logger: BotLogger;
  readonly onUpdate?: () => void;
  /** A transaction's page on the block explorer (of the configured cluster). */
  readonly explorer: (signature: string) => string;
  /** DMs to other people (referrers, ...) go through the notification outbox. */
  readonly notifier: Notifier;
  /** Money became owed (a withdrawal): asks the payout worker for a round. */
  readonly owed?: () => Promise<void>;
  /** People who block the bot are not messaged until they come back. */
  readonly reachability?: {
    reachable(chatId: string): Promise<void>;
    unreachable(chatId: string): Promise<void>;
  };
}

/** A Solana Pay request as shown to a person: its URL, QR code and expiry. */
export interface ShownPayment {
  readonly requestId: string;
  readonly url: string;
  readonly qrPng: Uint8Array;
  readonly expiresAt: Date;
}

export interface SessionData {
  browsePage: number;
  /** The factory task the farmer last picked: a recording sent as a document is for it. */
  pendingTask?: { factoryId: string; taskId: string; title: string };
}

interface Extras {
  readonly deps: TelegramBotDeps;
  account: Account;
  /** True on the update that created the account. */
  firstContact: boolean;
  locale: Locale;
  t: Translate;
  isAdmin: boolean;
  /** Sends a view, or edits the message a button was pressed on. */
  render(view: View, options?: { edit?: boolean }): Promise<void>;
}

export type BotContext = ConversationFlavor<Context & LazySessionFlavor<SessionData> & Extras>;
