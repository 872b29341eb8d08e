import type { InviteUses } from "../ports/community.js";

/** Which invite a member joined through: one invite, or no way to tell. */
export type JoinInvite =
  | { readonly kind: "invite"; readonly code: string }
  /** Several invites could be the one (two joins at once, an invite unseen before, a spent one-use invite). */
  | { readonly kind: "ambiguous"; readonly candidates: readonly string[] }
  /** No invite's uses grew: the vanity URL, Discovery, or an invite gone with its last use. */
  | { readonly kind: "none" };

/**
 * The invite a member joined through, from the uses snapshot before the join and the uses Discord
 * reports after it. Exactly one invite must have grown by exactly one, and nothing else may have
 * changed in a way that could hide a use: an invite never seen before that has uses, or a known
 * invite that vanished with its last use spent, each make the join ambiguous. Wrong attribution is
 * worse than none: a person left out can still type /join.
 */
export function findJoinInvite(before: readonly InviteUses[], after: readonly InviteUses[]): JoinInvite {
  const previous = new Map(before.map((i) => [i.code, i.uses]));
  const now = new Set(after.map((i) => i.code));
  const grown: Array<{ code: string; by: number }> = [];
  for (const { code, uses } of after) {
    const was = previous.get(code);
    if (was === undefined ? uses > 0 : uses > was) grown.push({ code, by: was === undefined ? Infinity : uses - was });
  }
  // Deleted or expired invites vanish too (and their events may have been missed); only one a
  // single use would have spent can hide this join.
  const vanished = before
    .filter((i) => !now.has(i.code) && i.maxUses > 0 && i.uses + 1 >= i.maxUses)
    .map((i) => i.code);
  const candidates = [...grown.map((g) => g.code), ...vanished];
  if (candidates.length === 0) return { kind: "none" };
  if (candidates.length === 1 && grown.length === 1 && grown[0]!.by === 1)
    return { kind: "invite", code: grown[0]!.code };
  return { kind: "ambiguous", candidates };
}
