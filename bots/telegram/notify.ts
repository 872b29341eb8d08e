import { platformDisplayName } from "../../core/shared/display-text.js";
import type { Translate } from "../i18n.js";
import type { TelegramBotDeps } from "./context.js";

/** "@alice" (the account's Telegram username, cleaned), or a neutral word in the reader's language. */
export async function displayName(deps: TelegramBotDeps, accountId: string, t: Translate): Promise<string> {
  const identities = await deps.core.listIdentities(accountId);
  const tg = identities.find((i) => i.platform === "telegram") ?? identities[0];
  const username = platformDisplayName(tg?.username);
  return username ? `@${username}` : t("person-unnamed");
}
