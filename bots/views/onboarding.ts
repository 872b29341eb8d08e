import { LOCALE_NAMES, LOCALES, type Translate } from "../i18n.js";
import { encodeAction } from "./actions.js";
import { COMMANDS } from "./commands.js";
import { action, personName, plain, type View } from "./view.js";

export function mainMenu(t: Translate): View["buttons"] {
  const nav = (label: string, to: "create" | "browse" | "invite" | "profile" | "help") =>
    action(t(label), encodeAction({ kind: "nav", to }));
  return [
    [nav("nav-create", "create"), nav("nav-browse", "browse")],
    [nav("nav-invite", "invite"), nav("nav-profile", "profile")],
    [nav("nav-help", "help")],
  ];
}

export function welcomeView(t: Translate, input: { returning: boolean; referrerName: string | null }): View {
  const lines = [t(input.returning ? "welcome-back" : "welcome")];
  if (input.referrerName) lines.push("", t("joined-through", { referrer: plain(input.referrerName) }));
  return { text: lines.join("\n"), buttons: mainMenu(t) };
}

/** Tells an ambassador that `referee` joined through their link, naming them as Telegram does. */
export const referralNotice = (t: Translate, referee: { username?: string | null; name?: string | null }): string =>
  t("referral-new", { referee: personName(t, referee) });

export function helpView(t: Translate, options: { isAdmin: boolean }): View {
  const lines = COMMANDS.map((c) => `/${c.command} — ${t(`cmd-${c.command}`)}`);
  if (options.isAdmin) lines.push(`/admin — ${t("cmd-admin")}`);
  return { text: [t("help-title"), ...lines, "", t("help-footer")].join("\n") };
}

export function languageView(t: Translate): View {
  return {
    text: t("language-choose"),
    buttons: [LOCALES.map((locale) => action(LOCALE_NAMES[locale], encodeAction({ kind: "lang", locale })))],
  };
}
