import { platformDisplayName } from "../../core/shared/display-text.js";
import type { Translate } from "../i18n.js";
import type { BotDeps } from "./deps.js";

/**
 * How others see a person: "@alice" (a username of theirs, Telegram's first, cleaned), or a
 * neutral word in the reader's language. Never their account id.
 */
export async function displayName(deps: Pick<BotDeps, "core">, accountId: string, t: Translate): Promise<string> {
  const identities = await deps.core.listIdentities(accountId);
  const named = [...identities].sort((a, b) => Number(b.platform === "telegram") - Number(a.platform === "telegram"));
  const username = named.map((i) => platformDisplayName(i.username)).find((name) => name);
  return username ? `@${username}` : t("person-unnamed");
}
