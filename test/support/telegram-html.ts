// What Telegram's Bot API accepts as parse_mode "HTML" (core.telegram.org/bots/api#html-style and
// #formatting-options), checked strictly: only its tags with their attributes, each closed in
// order, entities that may not contain others kept apart, only its named entities, and no bare
// `<`, `>` or `&`. Returns the text a person sees (tags dropped, entities decoded), or why the
// API would refuse the message.

export type TelegramHtml = { ok: true; text: string } | { ok: false; error: string };

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** Telegram's tags, each with a check of its attributes (given its parent tag). */
const TAGS: Record<string, (attrs: string, parent: string | undefined) => boolean> = {
  b: (a) => a === "",
  strong: (a) => a === "",
  i: (a) => a === "",
  em: (a) => a === "",
  u: (a) => a === "",
  ins: (a) => a === "",
  s: (a) => a === "",
  strike: (a) => a === "",
  del: (a) => a === "",
  "tg-spoiler": (a) => a === "",
  span: (a) => a === 'class="tg-spoiler"',
  a: (a) => /^href="[^"<>]+"$/.test(a),
  code: (a, parent) => a === "" || (parent === "pre" && /^class="language-[\w+#-]+"$/.test(a)),
  pre: (a) => a === "",
  blockquote: (a) => a === "" || a === "expandable",
  "tg-emoji": (a) => /^emoji-id="\d+"$/.test(a),
};

/** Entities that can contain no other entity (pre may hold the one code that names its language). */
const LEAF = new Set(["code", "pre"]);
/** A link can be neither inside another link nor hold (or be inside) code. */
const LINK = "a";

function decode(entity: string): string | null {
  const named = NAMED[entity];
  if (named) return named;
  const numeric = /^#(\d{1,7})$/.exec(entity) ?? null;
  const hex = /^#x([0-9a-f]{1,6})$/i.exec(entity) ?? null;
  const code = numeric ? Number(numeric[1]) : hex ? parseInt(hex[1]!, 16) : NaN;
  return Number.isInteger(code) && code <= 0x10ffff ? String.fromCodePoint(code) : null;
}

function nestingError(name: string, stack: readonly string[]): string | null {
  const parent = stack.at(-1);
  if (parent && LEAF.has(parent) && !(parent === "pre" && name === "code")) return `<${name}> inside <${parent}>`;
  if (stack.includes("pre") && stack.includes("code")) return `<${name}> inside <pre><code>`;
  if (name === LINK && stack.includes(LINK)) return "a link inside a link";
  if (LEAF.has(name) && stack.includes(LINK)) return `<${name}> inside a link`;
  if (name === LINK && stack.some((t) => LEAF.has(t))) return `a link inside <${stack.find((t) => LEAF.has(t))}>`;
  if (name === "blockquote" && stack.includes("blockquote")) return "a blockquote inside a blockquote";
  if (name === "tg-emoji" && stack.some((t) => LEAF.has(t))) return "an emoji inside code";
  return null;
}

export function parseTelegramHtml(html: string): TelegramHtml {
  const stack: string[] = [];
  let text = "";
  for (let i = 0; i < html.length;) {
    const c = html[i]!;
    if (c === "&") {
      const end = html.indexOf(";", i);
      const value = end > i ? decode(html.slice(i + 1, end)) : null;
      if (value === null) return { ok: false, error: `bare or unsupported entity at ${i}: ${html.slice(i, i + 12)}` };
      text += value;
      i = end + 1;
    } else if (c === "<") {
      const tag = /^<(\/?)([a-z-]+)((?: [^<>]*)?)>/.exec(html.slice(i));
      if (!tag) return { ok: false, error: `bare < at ${i}: ${html.slice(i, i + 12)}` };
      const [whole, closing, name, rawAttrs] = tag as unknown as [string, string, string, string];
      const check = TAGS[name];
      if (!check) return { ok: false, error: `unsupported tag <${closing}${name}>` };
      if (closing) {
        if (rawAttrs) return { ok: false, error: `attributes on </${name}>` };
        if (stack.at(-1) !== name)
          return { ok: false, error: `</${name}> closes ${stack.length ? `<${stack.at(-1)}>` : "nothing"}` };
        stack.pop();
      } else {
        if (!check(rawAttrs.trim(), stack.at(-1))) return { ok: false, error: `bad attributes on <${name}>` };
        const nested = nestingError(name, stack);
        if (nested) return { ok: false, error: nested };
        stack.push(name);
      }
      i += whole.length;
    } else if (c === ">") {
      return { ok: false, error: `bare > at ${i}` };
    } else {
      text += c;
      i++;
    }
  }
  if (stack.length) return { ok: false, error: `<${stack.at(-1)}> is never closed` };
  return { ok: true, text };
}

/** The text a person sees in `html`; throws, saying why, when Telegram would refuse it. */
export function telegramVisibleText(html: string): string {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(`Telegram would refuse this HTML (${parsed.error}):\n${html}`);
  return parsed.text;
}
