// The notification outbox in Postgres (jobs/notifications/notification.ts describes its use).
// Every state change is one conditional statement, so racing workers never both send a row.
import { z } from "zod";
import type { NewNotification, Platform, StoredNotification } from "../core/ports/notifications.js";
import type { PrismaClient } from "./generated/client.js";

type Status = StoredNotification["status"];

// Message ids are bigint columns: Telegram's and Discord's (snowflakes, beyond 2^53) both fit
// in 64 bits. They cross into SQL as decimal strings and come back with ::text, never as a JS number.
const MessageId = z.union([z.string().regex(/^\d{1,19}$/), z.number().int().nonnegative()]).transform(String);

const Button = z.union([
  z.object({ label: z.string(), data: z.string() }),
  z.object({ label: z.string(), url: z.string() }),
]);

/**
 * The payload column. `format: "markup"` marks rows whose text is our markup; rows from before it
 * hold Telegram HTML (and numeric message ids) and are delivered as they are.
 */
const Payload = z.object({
  format: z.enum(["markup", "html"]).default("html"),
  text: z.string(),
  buttons: z.array(z.array(Button)).optional(),
  edit: z.object({ messageId: MessageId, kind: z.enum(["photo", "text"]), rank: z.number().int() }).optional(),
});

interface Row {
  id: string;
  account_id: string | null;
  platform: string;
  chat_id: string;
  payload: unknown;
  status: Status;
  attempts: number;
  created_at: Date | string;
}

const fromRow = (r: Row): StoredNotification => {
  const payload = Payload.parse(typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload);
  return {
    id: r.id,
    accountId: r.account_id,
    platform: r.platform as Platform,
    chatId: r.chat_id,
    ...payload,
    status: r.status,
    attempts: r.attempts,
    createdAt: new Date(r.created_at),
  };
};

const checkedId = (id: string) => MessageId.parse(id);

export function prismaNotificationStore(prisma: PrismaClient) {
  const now = () => new Date();
  return {
    async add(rows: readonly NewNotification[]): Promise<string[]> {
      if (rows.length === 0) return [];
      const inserted = await prisma.$queryRawUnsafe<Array<{ id: string }>>(
        `INSERT INTO notification (id, account_id, platform, chat_id, payload, edit_message_id, edit_rank, status, created_at, updated_at)
         SELECT u.id, u.account_id, u.platform, u.chat_id, u.payload::jsonb, u.edit_message_id, u.edit_rank, 'pending', $8, $8
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::int[])
             AS u(id, account_id, platform, chat_id, payload, edit_message_id, edit_rank)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        rows.map((r) => r.id),
        rows.map((r) => r.accountId),
        rows.map((r) => r.platform),
        rows.map((r) => r.chatId),
        rows.map((r) => JSON.stringify({ format: "markup", text: r.text, buttons: r.buttons, edit: r.edit })),
        rows.map((r) => (r.edit ? checkedId(r.edit.messageId) : null)),
        rows.map((r) => r.edit?.rank ?? null),
        now(),
      );
      return inserted.map((r) => r.id);
    },
    async claim(id: string) {
      const rows = await prisma.$queryRawUnsafe<Row[]>(
        `UPDATE notification SET status = 'sending', updated_at = $2
          WHERE id = $1 AND status = 'pending'
          RETURNING id, account_id, platform, chat_id, payload, status, attempts, created_at`,
        id,
        now(),
      );
      return rows[0] ? fromRow(rows[0]) : null;
    },
    async sent(id: string, messageId: string | null) {
      await prisma.$executeRawUnsafe(
        `UPDATE notification SET status = 'sent', sent_at = $2, updated_at = $2, message_id = $3, error = NULL
          WHERE id = $1 AND status = 'sending'`,
        id,
        now(),
        messageId === null ? null : BigInt(checkedId(messageId)),
      );
    },
    async release(id: string, error: string) {
      await prisma.$executeRawUnsafe(
        `UPDATE notification SET status = 'pending', attempts = attempts + 1, error = $2, updated_at = $3
          WHERE id = $1 AND status = 'sending'`,
        id,
        error.slice(0, 500),
        now(),
      );
    },
    async finish(id: string, status: "failed" | "unreachable" | "superseded", error: string | null) {
      await prisma.$executeRawUnsafe(
        `UPDATE notification SET status = $2, error = $3, updated_at = $4 WHERE id = $1 AND status = 'sending'`,
        id,
        status,
        error?.slice(0, 500) ?? null,
        now(),
      );
    },
    async supersededEdit(platform: Platform, chatId: string, messageId: string, rank: number) {
      const rows = await prisma.$queryRawUnsafe<unknown[]>(
        `SELECT 1 FROM notification WHERE platform = $1 AND chat_id = $2 AND edit_message_id = $3
            AND edit_rank > $4 AND status = 'sent' LIMIT 1`,
        platform,
        chatId,
        BigInt(checkedId(messageId)),
        rank,
      );
      return rows.length > 0;
    },
    async markUnreachable(platform: string, chatId: string) {
      await prisma.$executeRawUnsafe(
        `INSERT INTO unreachable_chat (platform, chat_id, since) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        platform,
        chatId,
        now(),
      );
    },
    async isUnreachable(platform: string, chatId: string) {
      const rows = await prisma.$queryRawUnsafe<unknown[]>(
        `SELECT 1 FROM unreachable_chat WHERE platform = $1 AND chat_id = $2`,
        platform,
        chatId,
      );
      return rows.length > 0;
    },
    /** The person wrote to the bot again: they can be reached. */
    async markReachable(platform: string, chatId: string) {
      await prisma.$executeRawUnsafe(
        `DELETE FROM unreachable_chat WHERE platform = $1 AND chat_id = $2`,
        platform,
        chatId,
      );
    },
    async listPending(platform: Platform, before: Date, limit: number) {
      const rows = await prisma.$queryRawUnsafe<Array<{ id: string; chat_id: string }>>(
        `SELECT id, chat_id FROM notification WHERE platform = $1 AND status = 'pending' AND created_at < $2
          ORDER BY created_at LIMIT $3`,
        platform,
        before,
        limit,
      );
      return rows.map((r) => ({ id: r.id, chatId: r.chat_id }));
    },
    async failStale(before: Date) {
      return prisma.$executeRawUnsafe(
        `UPDATE notification SET status = 'failed', error = 'the delivering worker stopped mid-send', updated_at = $2
          WHERE status = 'sending' AND updated_at < $1`,
        before,
        now(),
      );
    },
    /** A notification as stored (for tests and admins). */
    async get(id: string) {
      const rows = await prisma.$queryRawUnsafe<Array<Row & { message_id: string | null; error: string | null }>>(
        `SELECT id, account_id, platform, chat_id, payload, status, attempts, created_at, message_id::text, error
           FROM notification WHERE id = $1`,
        id,
      );
      const r = rows[0];
      return r ? { ...fromRow(r), messageId: r.message_id, error: r.error } : null;
    },
  };
}

export type PrismaNotificationStore = ReturnType<typeof prismaNotificationStore>;
