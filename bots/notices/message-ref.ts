// Where a message was shown, so a later notice can edit it (a payment request's messageRef: the
// bot that showed the request writes it, the payment notices edit it).
import { z } from "zod";
import { PlatformSchema, type Platform } from "../../core/accounts/account.js";

/** Ids as decimal strings: Discord's snowflakes exceed 2^53. Older refs hold numbers. */
const Id = z.union([z.string().regex(/^-?\d{1,20}$/), z.number().int()]).transform(String);

const Ref = z.object({
  // Refs written before Discord have no platform: they are Telegram's.
  platform: PlatformSchema.default("telegram"),
  chatId: Id,
  messageId: Id,
  kind: z.enum(["photo", "text"]),
});

export interface MessageRef {
  readonly platform: Platform;
  /** Telegram: the chat id. Discord: the channel the message is in (a DM channel's id too). */
  readonly chatId: string;
  readonly messageId: string;
  /** A photo's caption or a text message. */
  readonly kind: "photo" | "text";
}

/** A stored ref as a `MessageRef`, or null when it is not one (it is then never edited). */
export function parseMessageRef(ref: string): MessageRef | null {
  try {
    const parsed = Ref.safeParse(JSON.parse(ref));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A ref as stored. */
export const formatMessageRef = (ref: MessageRef): string =>
  JSON.stringify({ platform: ref.platform, chatId: ref.chatId, messageId: ref.messageId, kind: ref.kind });
