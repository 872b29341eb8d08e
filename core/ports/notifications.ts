// Ports of the notifications, shared by the bots (producing and delivering) and the jobs
// (queueing). Notifications as one durable queue per platform: a producer writes rows to an outbox in
// Postgres (idempotent by id: the same notification is stored once), then a BullMQ job per row
// delivers it within the platform's rate limits. Redis can lose jobs; the outbox cannot, and a
// sweeper re-queues what is still pending. Each notification is delivered at most once.

/** A button under a message: a callback (bots answer it) or a link. */
export type NotificationButton =
  { readonly label: string; readonly data: string } | { readonly label: string; readonly url: string };

export interface NotificationContent {
  /** Platform-ready text (Telegram: HTML). */
  readonly text: string;
  readonly buttons?: readonly (readonly NotificationButton[])[];
  /** Edits an earlier message instead of sending a new one. */
  readonly edit?: {
    /** The chat message to edit, as the platform names it. */
    readonly messageId: number;
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
  readonly platform: "telegram";
  readonly chatId: string;
}

export type NotificationStatus = "pending" | "sending" | "sent" | "failed" | "unreachable" | "superseded";

export interface StoredNotification extends NewNotification {
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
  sent(id: string, messageId: number | null): Promise<void>;
  /** sending → pending again (it was certainly not delivered). */
  release(id: string, error: string): Promise<void>;
  /** sending → failed, unreachable or superseded: never retried. */
  finish(id: string, status: "failed" | "unreachable" | "superseded", error: string | null): Promise<void>;
  /** Whether an edit of this message with a higher rank was already delivered. */
  supersededEdit(chatId: string, messageId: number, rank: number): Promise<boolean>;
  /** Marks a chat unreachable (the person blocked the bot): later notifications to it are dropped. */
  markUnreachable(platform: string, chatId: string): Promise<void>;
  isUnreachable(platform: string, chatId: string): Promise<boolean>;
  /** Notifications pending since before `before` (their queue job may be lost), oldest first. */
  listPending(before: Date, limit: number): Promise<Array<{ id: string; chatId: string }>>;
  /** sending since before `before`: their worker died mid-send; marked failed (at most once). Returns how many. */
  failStale(before: Date): Promise<number>;
}

/** What happened when a platform was asked to deliver. */
export type DeliveryOutcome =
  | { readonly kind: "sent"; readonly messageId: number | null }
  /** The platform's rate limit: try again after this long (nothing was delivered). */
  | { readonly kind: "rate_limited"; readonly retryAfterMs: number }
  /** The person blocked the bot or the chat is gone: never retry this chat. */
  | { readonly kind: "unreachable"; readonly reason: string }
  /** Certainly not delivered (the platform never took it): try again later. */
  | { readonly kind: "retry"; readonly reason: string }
  /** Refused, or the outcome is unknown: give up (at most once). */
  | { readonly kind: "failed"; readonly reason: string };

export type Deliver = (notification: StoredNotification) => Promise<DeliveryOutcome>;
