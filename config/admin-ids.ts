// ADMIN_IDS names admins on either platform: "tg:123" / "telegram:123" or a bare "123" are
// Telegram user ids, "dc:123" / "discord:123" Discord user ids (the schema checks the shape).
import type { Platform } from "../core/accounts/account.js";

export interface AdminAddress {
  readonly platform: Platform;
  /** The person's user id on that platform. */
  readonly id: string;
}

const PREFIXES: Record<string, Platform> = { tg: "telegram", telegram: "telegram", dc: "discord", discord: "discord" };

/** Each ADMIN_IDS entry with its platform; entries of another shape are left out. */
export function adminAddresses(ids: readonly string[]): AdminAddress[] {
  return ids.flatMap((entry) => {
    const match = /^(?:(tg|telegram|dc|discord):)?(\d+)$/.exec(entry.trim());
    return match ? [{ platform: match[1] ? PREFIXES[match[1]]! : "telegram", id: match[2]! }] : [];
  });
}

/** The Telegram user ids among ADMIN_IDS. */
export const telegramAdminIds = (ids: readonly string[]): Set<string> =>
  new Set(adminAddresses(ids).flatMap((a) => (a.platform === "telegram" ? [a.id] : [])));
