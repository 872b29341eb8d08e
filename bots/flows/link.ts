// One account across platforms (/link). Platform-neutral: on one bot `/link` gives a one-time
// code; on the other `/link CODE` merges the two accounts (core/accounts/redeem-link-code.ts has
// the rules) and shows what the merged account holds. Each bot's edge only parses the command:
//
//   const { view } = await link(deps, person, { here: "discord", code: interaction.options.getString("code") });
//
// `account` in the result is the merged account: an edge that keeps the person's account for the
// rest of the update should use it from then on (the absorbed account no longer exists).
import type { Account, Platform } from "../../core/accounts/account.js";
import { errorView } from "../views/errors.js";
import { linkCodeView, linkedView } from "../views/link.js";
import type { View } from "../views/view.js";
import type { BotDeps, Person } from "./deps.js";

export type LinkDeps = Pick<BotDeps, "core" | "tokens">;

export interface LinkResult {
  readonly view: View;
  /** The merged account, when this step linked the two. */
  readonly account?: Account;
}

const OTHER: Record<Platform, Platform> = { telegram: "discord", discord: "telegram" };

/**
 * `/link` on the bot of platform `here`: without a code (absent or blank), a new code for the
 * other platform's bot; with one, the link.
 */
export async function link(
  deps: LinkDeps,
  person: Person,
  input: { readonly here: Platform; readonly code?: string | null },
): Promise<LinkResult> {
  const code = input.code?.trim();
  if (!code) return { view: await showLinkCode(deps, person, input.here) };
  return redeemLink(deps, person, code);
}

/** A fresh one-time code, to send to the bot on the other platform. */
export async function showLinkCode(deps: LinkDeps, person: Person, here: Platform): Promise<View> {
  const issued = await deps.core.issueLinkCode(person.account.id);
  if (!issued.ok) return errorView(person.t, issued.error);
  return linkCodeView({ t: person.t, tokens: deps.tokens }, issued.value.code, OTHER[here]);
}

/** Merges the account that issued `code` with the person's, and shows the result. */
export async function redeemLink(deps: LinkDeps, person: Person, code: string): Promise<LinkResult> {
  const linked = await deps.core.redeemLinkCode(person.account.id, code);
  if (!linked.ok) return { view: errorView(person.t, linked.error) };
  const account = linked.value.account;
  const profile = await deps.core.getProfile(account.id);
  if (!profile.ok) return { view: errorView(person.t, profile.error), account };
  const merged = {
    profile: profile.value,
    referrals: (await deps.core.listReferrals(account.id)).length,
    earnings: await deps.core.getEarnings(account.id),
  };
  const view = linkedView({ t: person.t, tokens: deps.tokens }, merged, await deps.core.getPayoutMinimums());
  return { view, account };
}
