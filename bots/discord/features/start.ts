// /start, /help and /language on Discord (/newfactory and the main menu's Create are the wizard
// feature's: features/wizard.ts).
import { LOCALES, type Locale } from "../../i18n.js";
import { decodeAction } from "../../views/actions.js";
import { languageView, welcomeView } from "../../views/onboarding.js";
import type { View } from "../../views/view.js";
import type { DiscordContext } from "../context.js";
import { command, type DiscordCommand, type DiscordFeature } from "../feature.js";
import { discordTranslator } from "../translate.js";

/** The commands this bot has, each with its description: what /help lists. */
function helpView(ctx: DiscordContext, commands: readonly DiscordCommand[]): View {
  const shown = commands.filter((c) => c.name !== "admin" || ctx.isAdmin);
  const lines = shown.map((c) => `/${c.name} — ${ctx.t(c.description ?? `cmd-${c.name}`)}`);
  return { text: [ctx.t("help-title"), ...lines, "", ctx.t("help-footer")].join("\n") };
}

/** `commands`: every command of the bot, for /help (read when /help runs). */
export function startFeature(commands: () => readonly DiscordCommand[]): DiscordFeature {
  return {
    commands: [
      command("start", (ctx) =>
        ctx.reply.view(welcomeView(ctx.t, { returning: !ctx.firstContact, referrerName: null })),
      ),
      command("help", (ctx) => ctx.reply.view(helpView(ctx, commands()))),
      command("language", (ctx) => ctx.reply.view(languageView(ctx.t))),
    ],
    actions: {
      "nav:start": (ctx) => ctx.reply.edit(welcomeView(ctx.t, { returning: true, referrerName: null })),
      "nav:help": (ctx) => ctx.reply.view(helpView(ctx, commands())),
      // The invite is /invite's (the community feature's): a server invite needs the server.
      "nav:invite": (ctx) =>
        ctx.reply.view({
          text: ctx.t(commands().some((c) => c.name === "invite") ? "discord-nav-invite" : "discord-telegram-only"),
        }),
      lang: async (ctx, data) => {
        const pressed = decodeAction(data);
        if (pressed?.kind !== "lang" || !(LOCALES as readonly string[]).includes(pressed.locale))
          return ctx.reply.nothing();
        await ctx.deps.core.setLocale({ accountId: ctx.account.id, locale: pressed.locale });
        const t = discordTranslator(ctx.deps.i18n, pressed.locale as Locale);
        await ctx.reply.edit({ text: [t("language-set"), t("discord-language-note")].join("\n") });
      },
    },
  };
}
