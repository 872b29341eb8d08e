import { describe, expect, it } from "vitest";
import {
  cleanDisplayText,
  graphemeCount,
  hasVisibleCharacter,
  platformDisplayName,
  stripInvisible,
} from "../../../core/shared/display-text.js";

describe("display text", () => {
  it("strips format and control characters but keeps the joiners emoji and scripts need", () => {
    expect(stripInvisible("a\u202Eb\u200Bc\u2066d\uFEFFe\u0000f\u00ADg")).toBe("abcdefg");
    expect(stripInvisible("👩‍👩‍👧 🏳️‍🌈")).toBe("👩‍👩‍👧 🏳️‍🌈");
    expect(stripInvisible("line\r\nnext\u2028last")).toBe("line\nnext\nlast");
  });

  it("composes characters (NFC) and caps piles of combining marks", () => {
    expect(stripInvisible("e\u0301")).toBe("é");
    expect(stripInvisible(`q${"\u0301\u0302\u0303\u0304".repeat(10)}`)).toBe("q\u0301\u0302\u0303");
  });

  it("drops lone surrogates (Telegram refuses text that is not UTF-8)", () => {
    expect(stripInvisible("a\uD800b")).toBe("ab");
  });

  it("collapses whitespace: to one line for names, line by line for longer texts", () => {
    expect(cleanDisplayText("  a \t b\n\nc  ")).toBe("a b c");
    expect(cleanDisplayText("  a \t b\n\n\n\n c  ", { multiline: true })).toBe("a b\n\nc");
  });

  it("needs a character that shows", () => {
    expect(hasVisibleCharacter("")).toBe(false);
    expect(hasVisibleCharacter("\u3164 \u2800")).toBe(false);
    expect(hasVisibleCharacter("\u200D")).toBe(false);
    expect(hasVisibleCharacter("😀")).toBe(true);
    expect(hasVisibleCharacter("·")).toBe(true);
  });

  it("counts characters as people see them", () => {
    expect(graphemeCount("👩‍👩‍👧👍🏽é")).toBe(3);
  });

  it("fits a platform name for others: cleaned, cut to 32 characters, null when nothing shows", () => {
    expect(platformDisplayName(" \u202EAlice\u200B ")).toBe("Alice");
    expect(platformDisplayName("\u200B\u202E")).toBeNull();
    expect(platformDisplayName(null)).toBeNull();
    const long = platformDisplayName("👍🏽".repeat(40))!;
    expect(graphemeCount(long)).toBe(32);
    expect(long.endsWith("…")).toBe(true);
  });
});
