import { GrammyError, InlineKeyboard, type Context } from "grammy";
import { parseMarkup, type Span } from "../views/markup.js";
import type { View } from "../views/view.js";

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const spanHtml = (span: Span) =>
  span.kind === "code"
    ? `<code>${escapeHtml(span.text)}</code>`
    : span.kind === "pre"
      ? `<pre>${escapeHtml(span.text)}</pre>`
      : escapeHtml(span.text);

/**
 * Our tiny markup (bots/views/markup.ts) as Telegram HTML: each tag closed where it opens, a code
 * span whole inside or outside a bold run, and every other character escaped.
 */
export function toHtml(text: string): string {
  let html = "";
  let bold = false;
  for (const span of parseMarkup(text)) {
    if (span.bold !== bold) html += span.bold ? "<b>" : "</b>";
    bold = span.bold;
    html += spanHtml(span);
  }
  return bold ? `${html}</b>` : html;
}

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
