import { describe, expect, it } from "vitest";
import { toDiscordMarkdown } from "../../../bots/discord/render.js";
import { escapeMarkup } from "../../../bots/views/markup.js";

describe("our markup as Discord markdown", () => {
  it("GIVEN bold and code THEN Discord's own ** and backticks", () => {
    expect(toDiscordMarkdown("**Paid** 5 USDC to `AbCd…WxYz`")).toBe("**Paid** 5 USDC to `AbCd…WxYz`");
    expect(toDiscordMarkdown("```\nline 1\nline 2\n```")).toBe("```\nline 1\nline 2\n```");
  });

  it("GIVEN text a person typed (escaped into our markup) THEN none of it becomes Discord markdown, a mention or a link", () => {
    const typed = "a_b *c* ~~d~~ ||spoiler|| <@123> [click](https://evil.example) **";
    expect(toDiscordMarkdown(escapeMarkup(typed))).toBe(
      "a\\_b \\*c\\* \\~\\~d\\~\\~ \\|\\|spoiler\\|\\| \\<@123> \\[click\\](https://evil.example) \\*\\*",
    );
  });

  it("GIVEN lines Discord would read as a heading, a quote or a list THEN they stay plain lines", () => {
    expect(toDiscordMarkdown("# one\n- two\n> three\n2. four\n2026-11-30 stays")).toBe(
      "\\# one\n\\- two\n\\> three\n2\\. four\n2026-11-30 stays",
    );
  });

  it("GIVEN a link THEN it is left whole, so Discord still links it", () => {
    const link = "https://explorer.solana.com/tx/5x_Y*z?cluster=devnet";
    expect(toDiscordMarkdown(`Paid: ${link}`)).toBe(`Paid: ${link}`);
  });

  it("GIVEN code with backticks or a block inside bold THEN every fence still closes where it opens", () => {
    expect(toDiscordMarkdown("`a\\`b`")).toBe("`` a`b ``");
    expect(toDiscordMarkdown("```\nx \\`\\`\\` y\n```")).toBe("```\nx `\u200b`\u200b` y\n```");
    expect(toDiscordMarkdown("**bold ```\ncode\n``` after**")).toBe("**bold **```\ncode\n```** after**");
  });
});
