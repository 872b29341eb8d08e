// The ports both chat edges use (Telegram today, Discord next): what a flow may ask of the
// rest of the system. Platform-neutral: no chat library is imported here.
import type { Account } from "../../core/accounts/account.js";
import type { Core } from "../../core/index.js";
import type { TokenRegistry } from "../../core/money/tokens.js";
import type { RecorderDevices } from "../../core/ports/devices.js";
import type { I18n, Locale, Translate } from "../i18n.js";
import type { Notifier } from "../notices/notifier.js";
import type { DatasetTokensPort } from "./dataset-tokens-port.js";
import type { DatasetsPort } from "./datasets-port.js";
import type { ShownPayment } from "./shown-payment.js";
import type { WizardState } from "./wizard.js";

/** Structurally a grammY StorageAdapter; the composition root passes a Postgres one. */
export interface KeyValueStore<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * Pictures already on a chat platform, by their content key: the platform's id for the file
 * (Telegram's file_id), so an unchanged chart is sent by id instead of being uploaded again.
 * Shared by every bot process (the composition root passes a Postgres one).
 */
export interface PhotoCache {
  get(key: string): Promise<string | undefined>;
  /** Records the id of `key`; a key stored twice at once keeps one of the ids. */
  put(key: string, fileId: string): Promise<void>;
  /** Forgets an id the platform no longer accepts. */
  delete(key: string): Promise<void>;
}

export interface BotLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * What every chat edge needs from the rest of the system: the core, the tokens, the texts, and
 * the ports the composition root plugs in (each absent until configured). Telegram and Discord
 * extend it with what only they have.
 */
export interface BotDeps {
  readonly core: Core;
  readonly tokens: TokenRegistry;
  readonly i18n: I18n;
  /**
   * Wizards in progress (new factory, edit, fund), by account id: one begun on one platform
   * continues on the other. The composition root passes a Postgres one.
   */
  readonly wizards: KeyValueStore<WizardState>;
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
  /**
   * The creator dashboard, a web page the server serves; absent until the server's public URL
   * (PUBLIC_URL) is set. Telegram opens it as a Mini App (`webAppUrl`, an https URL); elsewhere a
   * one-time sign-in link opens it in the browser.
   */
  readonly dashboard?: {
    readonly webAppUrl?: string;
    loginLink(accountId: string): Promise<{ url: string; minutes: number }>;
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
  readonly logger: BotLogger;
  /** A transaction's page on the block explorer (of the configured cluster). */
  readonly explorer: (signature: string) => string;
  /** DMs to other people (referrers, ...) go through the notification outbox. */
  readonly notifier: Notifier;
  /** Dataset exports of a factory's paid recordings (DATASETS_SECRET set); absent: no Dataset button. */
  readonly datasets?: DatasetsPort;
  /** Dataset tokens on bonding curves (CURVE_SECRET_KEY set, with payments and PUBLIC_URL); absent: off. */
  readonly datasetTokens?: DatasetTokensPort;
  /** Money became owed (a withdrawal): asks the payout worker for a round. */
  readonly owed?: () => Promise<void>;
  /** Ids of pictures (charts) already uploaded; absent: every picture is uploaded. */
  readonly photoCache?: PhotoCache;
  /** People who block the bot are not messaged until they come back. */
  readonly reachability?: {
    reachable(chatId: string): Promise<void>;
    unreachable(chatId: string): Promise<void>;
  };
}

export type { ShownPayment };

/** The person a flow acts for, in their language. */
export interface Person {
  readonly account: Account;
  readonly locale: Locale;
  readonly t: Translate;
  /** A platform admin (ADMIN_IDS). */
  readonly isAdmin: boolean;
}
