// Telegram Mini App launch data (initData): verified with the bot token by Telegram's own
// library, and refused once older than an hour, so a copied URL does not sign in for long.
import { validate } from "@telegram-apps/init-data-node";
import { z } from "zod";

/** How long after Telegram signed it (auth_date) launch data still signs in. */
export const INIT_DATA_MAX_AGE_S = 60 * 60;

const User = z.object({ id: z.number().int().positive(), language_code: z.string().max(35).optional() });

/** The Telegram user the launch data speaks for, or null when forged, stale or malformed. */
export function verifyInitData(
  initData: string,
  botToken: string,
): { telegramUserId: string; languageCode: string | null } | null {
  try {
    validate(initData, botToken, { expiresIn: INIT_DATA_MAX_AGE_S });
  } catch {
    return null;
  }
  const raw = new URLSearchParams(initData).get("user");
  let user: unknown;
  try {
    user = raw === null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = User.safeParse(user);
  return parsed.success
    ? { telegramUserId: String(parsed.data.id), languageCode: parsed.data.language_code ?? null }
    : null;
}
