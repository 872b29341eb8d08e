// The tiny markup of view texts: **bold**, `code` and ```block``` (tap to copy in Telegram), and
// a backslash before any of \ * ` to mean the character itself. Text a person typed is escaped
// (escapeMarkup) before it joins a view's text, so it can never become markup; each platform
// renders the parsed spans, so what comes out is well formed whatever the text.

/** The characters our markup gives a meaning to. */
const SPECIAL = /[\\*`]/g;

/** `text` as a literal inside markup: every special character escaped. */
export const escapeMarkup = (text: string): string => text.replace(SPECIAL, "\\$&");

export interface Span {
  readonly kind: "text" | "code" | "pre";
  readonly text: string;
  readonly bold: boolean;
}

type Token = { kind: "text" | "code" | "pre"; text: string } | { kind: "star" };

/** Reads a code span's content up to the closing fence; null when there is none. */
function readCode(source: string, from: number, fence: string, multiline: boolean): [string, number] | null {
  let content = "";
  for (let i = from; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\" && i + 1 < source.length && /[\\*`]/.test(source[i + 1]!)) content += source[++i];
    else if (source.startsWith(fence, i)) return [content, i + fence.length];
    else if (c === "\n" && !multiline) return null;
    else content += c;
  }
  return null;
}

const nonEmpty = (read: [string, number] | null) => (read && read[0].trim() ? read : null);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let text = "";
  const push = (token: Token) => {
    if (text) tokens.push({ kind: "text", text });
    text = "";
    tokens.push(token);
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    // An empty code span or block is no span: its backticks are shown as they are.
    const block = source.startsWith("```", i) ? nonEmpty(readCode(source, i + 3, "```", true)) : null;
    const code = !block && c === "`" ? nonEmpty(readCode(source, i + 1, "`", false)) : null;
    if (c === "\\" && i + 1 < source.length && /[\\*`]/.test(source[i + 1]!)) text += source[++i];
    else if (block) {
      push({ kind: "pre", text: block[0].replace(/^\n/, "").replace(/\n$/, "") });
      i = block[1] - 1;
    } else if (code) {
      push({ kind: "code", text: code[0] });
      i = code[1] - 1;
    } else if (source.startsWith("**", i)) {
      push({ kind: "star" });
      i++;
    } else text += c;
  }
  if (text) tokens.push({ kind: "text", text });
  return tokens;
}

/** The spans of a view's text, in order; a `**` left without its pair is shown as it is. */
export function parseMarkup(source: string): Span[] {
  const tokens = tokenize(source);
  const stars = tokens.filter((t) => t.kind === "star").length;
  const unpaired = stars % 2 === 1 ? tokens.findLastIndex((t) => t.kind === "star") : -1;
  let bold = false;
  const spans: Span[] = [];
  tokens.forEach((token, i) => {
    if (token.kind === "star" && i !== unpaired) bold = !bold;
    else {
      const text = token.kind === "star" ? "**" : token.text;
      if (text) spans.push({ kind: token.kind === "star" ? "text" : token.kind, text, bold });
    }
  });
  return spans;
}

/** The text as people read it: no markup, escapes resolved. */
export const visibleText = (source: string): string =>
  parseMarkup(source)
    .map((s) => s.text)
    .join("");
