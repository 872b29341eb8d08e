import { GrammyError, InlineKeyboard, type Context } from "grammy";
import { parseMarkup, type Span } from "../views/markup.js";
import type { Button, View, ViewImage } from "../views/view.js";
import { replyWithImage, type PhotoDeps } from "./photo-cache.js";

/**
 * Telegram's limit on a photo's caption: 1024 characters after entities are parsed. Counted here
 * as the visible text in UTF-16 code units (what Telegram's entity offsets count), which is never
 * fewer than Telegram's count.
 */
export const CAPTION_MAX = 1024;

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

/** A link, or a Mini App where Telegram allows one: in private chats, over HTTPS. */
function linkButton(b: Extract<Button, { url: string }>, webApps: boolean) {
  return b.webApp && webApps && b.url.startsWith("https://")
    ? InlineKeyboard.webApp(b.label, b.url)
    : InlineKeyboard.url(b.label, b.url);
}

/** The view's buttons; `webApps`: Mini App buttons open inside Telegram (private chats only). */
export function keyboard(view: View, options: { webApps?: boolean } = {}): InlineKeyboard | undefined {
  if (!view.buttons?.length) return undefined;
  return InlineKeyboard.from(
    view.buttons.map((row) =>
      row.map((b) => ("url" in b ? linkButton(b, options.webApps ?? false) : InlineKeyboard.text(b.label, b.action))),
    ),
  );
}

/** What a person sees of a view's text, in characters (UTF-16 code units). */
export const visibleLength = (text: string): number => parseMarkup(text).reduce((n, span) => n + span.text.length, 0);

type RenderContext = Context & { readonly deps?: PhotoDeps };
type MessageOptions = { parse_mode: "HTML"; reply_markup: InlineKeyboard | undefined };

/**
 * A view with a picture: one photo with the text as its caption when it fits, else the photo
 * (its caption saying what it shows) and then the text. The text says every number the picture
 * shows, so a picture Telegram refuses leaves the text alone.
 */
async function renderWithImage(ctx: RenderContext, view: View, image: ViewImage, other: MessageOptions) {
  try {
    if (visibleLength(view.text) <= CAPTION_MAX) {
      await replyWithImage(ctx, image, { caption: toHtml(view.text), ...other }, ctx.deps);
      return;
    }
    await replyWithImage(ctx, image, { caption: escapeHtml(image.alt.slice(0, CAPTION_MAX)) }, ctx.deps);
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    ctx.deps?.logger.warn({ err: error }, "Telegram refused a picture; its text goes alone");
  }
  await ctx.reply(toHtml(view.text), { ...other, link_preview_options: { is_disabled: true } });
}

/**
 * Sends a view, or (`edit`) puts it in place of the message whose button was pressed. A view with
 * a picture is always sent anew: a text message cannot become a photo.
 */
export async function renderView(ctx: RenderContext, view: View, options: { edit?: boolean } = {}): Promise<void> {
  const markup = {
    parse_mode: "HTML" as const,
    reply_markup: keyboard(view, { webApps: ctx.chat?.type === "private" }),
  };
  if (view.image) return renderWithImage(ctx, view, view.image, markup);
  const other = { ...markup, link_preview_options: { is_disabled: true } };
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
