import { GrammyError, InlineKeyboard, type Context } from "grammy";
import type { View } from "../views/view.js";

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Our tiny markup (**bold**, `code`, ```block```: tap to copy in Telegram) to Telegram HTML. */
export const toHtml = (text: string): string =>
  escapeHtml(text)
    .replace(/```\n?([\s\S]+?)\n?```/g, "<pre>$1</pre>")
    .replace(/`([^`\n]+)`/g, "<code>$1</code>")
    .replace(/\*\*(.+?)\*\*/gs, "<b>$1</b>");

export function keyboard(view: View): InlineKeyboard | undefined {
  if (!view.buttons?.length) return undefined;
  return InlineKeyboard.from(
    view.buttons.map((row) =>
      row.map((b) => ("url" in b ? InlineKeyboard.url(b.label, b.url) : InlineKeyboard.text(b.label, b.action))),
    ),
  );
}

export async function renderView(ctx: Context, view: View, options: { edit?: boolean } = {}): Promise<void> {
  const other = {
    parse_mode: "HTML" as const,
    reply_markup: keyboard(view),
    link_preview_options: { is_disabled: true },
  };
  if (options.edit && ctx.callbackQuery?.message) {
    try {
      await ctx.editMessageText(toHtml(view.text), other);
      return;
    } catch (error) {
      // Pressing a button that would change nothing is not an error for the person.
      if (error instanceof GrammyError && error.description.includes("message is not modified")) return;
      if (!(error instanceof GrammyError)) throw error;
    }
  }
  await ctx.reply(toHtml(view.text), other);
}
