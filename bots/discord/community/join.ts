// /join <code>: the always-correct way to name one's ambassador (for whoever joined through a
// link that could not be told apart, the vanity URL, or from outside a server).
import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { z } from "zod";
import type { Person } from "../../flows/deps.js";
import { referralNotice } from "../../views/onboarding.js";
import type { CommunityDeps } from "./deps.js";
import { content, nameOf } from "./text.js";

/** A referral code as typed: spaces and case do not matter, and the Telegram link's `ref-` may be pasted with it. */
export const JoinCode = z
  .string()
  .trim()
  .toUpperCase()
  .transform((s) => s.replace(/^REF-/, ""))
  .pipe(z.string().regex(/^[A-Z0-9]{4,16}$/));

const REFUSALS: Record<string, string> = {
  REFERRAL_SELF: "discord-join-self",
  REFERRAL_ALREADY_SET: "discord-join-already",
  REFERRAL_CYCLE: "discord-join-cycle",
};

/** The reply to /join (already sent when this resolves); the ambassador is told about a new referral. */
export async function joinCommand(
  deps: CommunityDeps,
  interaction: ChatInputCommandInteraction,
  person: Person,
): Promise<void> {
  const reply = (text: string) =>
    interaction.reply({ content: content(text), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
  const { t } = person;
  const parsed = JoinCode.safeParse(interaction.options.getString("code", true));
  if (!parsed.success) return void (await reply(t("discord-join-invalid")));
  const code = parsed.data;
  const result = await deps.core.attributeReferral({ accountId: person.account.id, code });
  if (!result.ok) {
    const key = REFUSALS[result.error.code];
    if (key) return void (await reply(t(key)));
    if (result.error.code === "REFERRAL_CODE_UNKNOWN") return void (await reply(t("discord-join-unknown", { code })));
    throw new Error(`/join: ${result.error.code}`);
  }
  const { referrer, changed } = result.value;
  const referrerName = (await nameOf(deps, referrer.id))(t);
  if (changed) {
    const user = interaction.user;
    await deps.notifier.dm(`referral:${person.account.id}`, referrer.id, (rt) =>
      referralNotice(rt, { username: user.username, name: user.globalName }),
    );
  }
  await reply(t(changed ? "discord-join-done" : "discord-join-same", { referrer: referrerName }));
}
