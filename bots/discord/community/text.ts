// Small helpers the community features share: a view's text as Discord content, a rate, a person's
// name for others to read.
import { platformDisplayName } from "../../../core/shared/display-text.js";
import type { Translate } from "../../i18n.js";
import { plain } from "../../views/view.js";
import { toDiscordMarkdown } from "../render.js";
import type { CommunityDeps } from "./deps.js";

export const content = (markup: string): string => toDiscordMarkdown(markup);

/** 500 bps → "5%". */
export const percent = (bps: bigint): string => `${Number(bps) / 100}%`;

/**
 * "@name" from the person's chat identities (Discord's first here), ready for a view's text, or a
 * neutral word in the reader's language.
 */
export async function nameOf(deps: Pick<CommunityDeps, "core">, accountId: string): Promise<(t: Translate) => string> {
  const identities = await deps.core.listIdentities(accountId);
  const sorted = [...identities].sort((a, b) => Number(b.platform === "discord") - Number(a.platform === "discord"));
  const username = sorted.map((i) => platformDisplayName(i.username)).find((n) => n);
  return (t) => (username ? plain(`@${username}`) : t("person-unnamed"));
}
