// Our tiny markup (bots/views/markup.ts) as Discord markdown: **bold**, `code`, ```blocks```,
// and every other character Discord would read as markdown escaped, so text a person typed
// stays text. Links stay as they are, for Discord to make them clickable.
import { parseMarkup, type Span } from "../views/markup.js";

/** Characters Discord's markdown gives a meaning anywhere in a line (bold, italic, underline, strike, spoiler, code, masked links, mentions). */
const INLINE = /[\\*_~`|[\]<]/g;
/** A line that Discord would show as a heading, quote or list item. */
const LINE_START = /(^|\n)([ \t]*)(?:([#>+-])|(\d+)\.(?=\s))/g;
/** A web address: Discord links it only when no backslash breaks it. */
const URL = /https?:\/\/[^\s<>]+/g;

function escapeText(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(URL)) {
    out += text.slice(last, match.index).replace(INLINE, "\\$&");
    out += match[0];
    last = match.index + match[0].length;
  }
  return (out + text.slice(last).replace(INLINE, "\\$&")).replace(
    LINE_START,
    (_, start: string, indent: string, mark?: string, number?: string) =>
      `${start}${indent}${mark ? `\\${mark}` : `${number}\\.`}`,
  );
}

/** Inline code whose content may hold backticks: a longer fence, padded, as CommonMark reads it. */
function inlineCode(text: string): string {
  if (!text.includes("`")) return `\`${text}\``;
  return `\`\` ${text} \`\``;
}

/** A code block; a ``` inside would end it early, so a zero-width space splits its backticks. */
const codeBlock = (text: string) => `\`\`\`\n${text.replace(/`(?=`)/g, "`\u200b")}\n\`\`\``;

const spanMarkdown = (span: Span) =>
  span.kind === "code" ? inlineCode(span.text) : span.kind === "pre" ? codeBlock(span.text) : escapeText(span.text);

/**
 * A view's text as Discord message content. Bold runs are closed around a code block (Discord
 * does not render a block inside bold), and every run is closed where it opens.
 */
export function toDiscordMarkdown(text: string): string {
  let out = "";
  let bold = false;
  for (const span of parseMarkup(text)) {
    const wantBold = span.bold && span.kind !== "pre";
    if (wantBold !== bold) out += "**";
    bold = wantBold;
    out += spanMarkdown(span);
  }
  return bold ? `${out}**` : out;
}
