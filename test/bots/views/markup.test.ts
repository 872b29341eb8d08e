import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHtml } from "../../../bots/telegram/render.js";
import { escapeMarkup, visibleText } from "../../../bots/views/markup.js";
import { parseTelegramHtml } from "../../support/telegram-html.js";

describe("the view markup as Telegram HTML", () => {
  it.each([
    ["**bold** and `code`", "<b>bold</b> and <code>code</code>"],
    ["```\nforge login X\n```", "<pre>forge login X</pre>"],
    ["**a `b` c**", "<b>a <code>b</code> c</b>"],
    // A code span that starts inside a bold run and ends after it: the ** inside is its text.
    ["**a `b** c`", "**a <code>b** c</code>"],
    ["a ** b", "a ** b"],
    ["**x** **y", "<b>x</b> **y"],
    ["1 < 2 & 3 > 2", "1 &lt; 2 &amp; 3 &gt; 2"],
    ["\\*\\*not bold\\*\\* \\`nor code\\`", "**not bold** `nor code`"],
    ["``", "``"],
    ["C:\\forge\\", "C:\\forge\\"],
  ])("%j → %j", (markup, html) => {
    expect(toHtml(markup)).toBe(html);
    expect(parseTelegramHtml(html).ok).toBe(true);
  });

  it("escapeMarkup makes any text literal: shown exactly, with no tag", () => {
    const typed = "**x** `y` ```z``` \\` \\\\ <b>&amp;";
    expect(visibleText(escapeMarkup(typed))).toBe(typed);
    expect(toHtml(`**${escapeMarkup(typed)}**`)).toBe("<b>**x** `y` ```z``` \\` \\\\ &lt;b&gt;&amp;amp;</b>");
  });

  it("GIVEN any text at all, markup or not THEN the HTML is accepted by Telegram and shows the text's visible part", () => {
    const piece = fc.constantFrom("*", "**", "`", "```", "\\", "\\*", "<", ">", "&", "a", " ", "\n", "😀");
    const text = fc.oneof(
      fc.array(piece, { maxLength: 40 }).map((p) => p.join("")),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(text, (markup) => {
        const parsed = parseTelegramHtml(toHtml(markup));
        expect(parsed).toEqual({ ok: true, text: visibleText(markup) });
      }),
      { numRuns: 500 },
    );
  });
});

describe("the Telegram HTML checker", () => {
  it.each([
    ["<b>a <code>b</b> c</code>", "</b> closes <code>"],
    ["<b>open", "<b> is never closed"],
    ["<code><b>x</b></code>", "<b> inside <code>"],
    ['<a href="https://a.b"><a href="https://c.d">x</a></a>', "a link inside a link"],
    ["<blockquote><blockquote>x</blockquote></blockquote>", "a blockquote inside a blockquote"],
    ["<div>x</div>", "unsupported tag <div>"],
    ['<span class="big">x</span>', "bad attributes on <span>"],
    ['<code class="language-js">x</code>', "bad attributes on <code>"],
    ["a & b", "bare or unsupported entity"],
    ["&nbsp;", "bare or unsupported entity"],
    ["1 < 2", "bare <"],
    ["2 > 1", "bare >"],
  ])("refuses %j (%s)", (html, why) => {
    const parsed = parseTelegramHtml(html);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(why);
  });

  it("accepts Telegram's tags and entities, and reads the text a person sees", () => {
    const html =
      "<b>B</b><strong>S</strong><i>I</i><em>E</em><u>U</u><ins>N</ins><s>S</s><strike>K</strike><del>D</del>" +
      '<span class="tg-spoiler">P</span><tg-spoiler>Q</tg-spoiler><a href="https://x.y/?a=1&amp;b=2">L</a>' +
      '<pre><code class="language-python">x &lt; 1</code></pre><blockquote expandable>Z</blockquote>' +
      "<b><i>n</i></b> &quot;&amp;&#128512;&#x1F600;";
    expect(parseTelegramHtml(html)).toEqual({ ok: true, text: 'BSIEUNSKDPQLx < 1Zn "&😀😀' });
  });
});
