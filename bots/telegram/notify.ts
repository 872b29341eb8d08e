import type { TelegramBotDeps } from "./context.js";

/** "@alice", or the account's first Telegram name we know. */
export async function displayName(deps: TelegramBotDeps, accountId: string): Promise<string> {
  const identities = await deps.core.listIdentities(accountId);
  const tg = identities.find((i) => i.platform === "telegram") ?? identities[0];
  return tg?.username ? `@${tg.username}` : "a CLONES Forge member";
}
