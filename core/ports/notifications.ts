// Ports of the notifications, shared by the bots (producing and delivering) and the jobs
// (queueing). Notifications as one durable queue per platform: a producer writes rows to an outbox in
// Postgres (idempotent by id: the same notification is stored once), then a BullMQ job per row
// delivers it within the platform's rate limits. Redis can lose jobs; the outbox cannot, and a
// sweeper re-queues what is still pending. Each notification is delivered at most once.
import type { Platform } from "../accounts/account.js";

export type { Platform };

/** A button under a message: a callback (bots answer it) or a link. */
export type NotificationButton =
  { readonly label: string; readonly data: string } | { readonly label: string; readonly url: string };

export interface NotificationContent {
  /**
   * The text in our markup (bots/views/markup.ts, as a view's text): each platform's delivery
   * renders it. Rows stored before markup payloads existed hold Telegram HTML (`format: "html"`).
   */
  readonly text: string;
  readonly buttons?: readonly (readonly NotificationButton[])[];
  /** Edits an earlier message instead of sending a new one. */
  readonly edit?: {
    /** The chat message to edit, as the platform names it (a decimal string: Discord ids exceed 2^53). */
    readonly messageId: string;
    /** A photo's caption or a text message. */
    readonly kind: "photo" | "text";
    /**
     * Edits of one message apply in rank order: an edit is skipped when one of a higher rank was
     * delivered already (a late "seen" never overwrites "paid").
     */
    readonly rank: number;
  };
}

export interface NewNotification extends NotificationContent {
  /** Chosen by the producer: a second notification with the same id is dropped. */
  readonly id: string;
  /** The person it is for (null for a chat that has no account, e.g. an admin who never started the bot). */
  readonly accountId: string | null;
  readonly platform: Platform;
  /**
   * Where it goes: Telegram's chat id; Discord's user id for a new message (the delivery opens the
   * DM channel) or, for an edit, the channel the message is in.
   */
  readonly chatId: string;
}

export type NotificationStatus = "pending" | "sending" | "sent" | "failed" | "unreachable" | "superseded";

export interface StoredNotification extends NewNotification {
  /** markup: `text` is our markup (every row stored now); html: Telegram HTML from an older version, sent as it is. */
  readonly format: "markup" | "html";
  readonly status: NotificationStatus;
  readonly attempts: number;
  readonly createdAt: Date;
}

export interface NotificationStore {
  /** Stores new notifications; ids already stored are skipped. Returns the ids stored now. */
  add(notifications: readonly NewNotification[]): Promise<string[]>;
  /** pending → sending, once: the notification, or null when it is not pending (taken, done). */
  claim(id: string): Promise<StoredNotification | null>;
  /** sending → sent. `messageId` is the platform's id of the message (for later edits). */
  sent(id: string, messageId: string | null): Promise<void>;
  /** sending → pending again (it was certainly not delivered). */
  release(id: string, error: string): Promise<void>;
  /** sending → failed, unreachable or superseded: never retried. */
  finish(id: string, status: "failed" | "unreachable" | "superseded", error: string | null): Promise<void>;
  /** Whether an edit of this message with a higher rank was already delivered. */
  supersededEdit(platform: Platform, chatId: string, messageId: string, rank: number): Promise<boolean>;
  /** Marks a chat unreachable (the person blocked the bot): later notifications to it are dropped. */
  markUnreachable(platform: string, chatId: string): Promise<void>;
  isUnreachable(platform: string, chatId: string): Promise<boolean>;
  /** One platform's notifications pending since before `before` (their queue job may be lost), oldest first. */
  listPending(platform: Platform, before: Date, limit: number): Promise<Array<{ id: string; chatId: string }>>;
  /** sending since before `before`: their worker died mid-send; marked failed (at most once). Returns how many. */
  failStale(before: Date): Promise<number>;
}

/** What happened when a platform was asked to deliver. */
export type DeliveryOutcome =
  | { readonly kind: "sent"; readonly messageId: string | null }
  /** The platform's rate limit: try again after this long (nothing was delivered). */
  | { readonly kind: "rate_limited"; readonly retryAfterMs: number }
  /** The person blocked the bot or the chat is gone: never retry this chat. */
  | { readonly kind: "unreachable"; readonly reason: string }
  /** Certainly not delivered (the platform never took it): try again later. */
  | { readonly kind: "retry"; readonly reason: string }
  /** Refused, or the outcome is unknown: give up (at most once). */
  | { readonly kind: "failed"; readonly reason: string };

export type Deliver = (notification: StoredNotification) => Promise<DeliveryOutcome>;
