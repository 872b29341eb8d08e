// Where people were seen: a DM-closed notice can reach a person only in a server they are in.
import type { CommunityDeps } from "./deps.js";
import { nowOf } from "./deps.js";

/** A person seen again within this long is not written again (one write per person, server and hour). */
const REFRESH_MS = 60 * 60 * 1000;
const REMEMBERED_MAX = 50_000;

export function memberTracker(deps: Pick<CommunityDeps, "community" | "now">) {
  const written = new Map<string, number>();
  return {
    /** Call on every interaction in a guild (and on joins): records the guild membership of the person's account. */
    async seen(guildId: string, userId: string, accountId: string | null): Promise<void> {
      const key = `${guildId}:${userId}:${accountId ?? ""}`;
      const now = nowOf(deps);
      const last = written.get(key);
      if (last !== undefined && now.getTime() - last < REFRESH_MS) return;
      await deps.community.rememberMember(guildId, userId, accountId, now);
      if (written.size >= REMEMBERED_MAX) written.delete(written.keys().next().value!);
      written.delete(key);
      written.set(key, now.getTime());
    },
  };
}

export type MemberTracker = ReturnType<typeof memberTracker>;
