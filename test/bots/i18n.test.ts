import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../core/shared/errors.js";
import { createI18n, LOCALES, pickLocale } from "../../bots/i18n.js";

describe("i18n", () => {
  const i18n = createI18n();

  it("every locale has every message of English, and every error code has a message", () => {
    const english = i18n.keys("en");
    for (const code of ERROR_CODES) expect(english).toContain(`error-${code}`);
    for (const locale of LOCALES) expect(i18n.keys(locale).sort()).toEqual([...english].sort());
  });

  it("no continuation line starts with *, [ or . (Fluent would silently cut the message there)", async () => {
    const { readFileSync } = await import("node:fs");
    for (const locale of LOCALES) {
      const source = readFileSync(new URL(`../../bots/locales/${locale}.ftl`, import.meta.url), "utf8");
      // Inside a select expression ("{ $count ->" … "}") variant keys like "[one]" or "*[other]" belong.
      let inSelect = false;
      const cut = source.split("\n").filter((line) => {
        if (/->\s*$/.test(line)) inSelect = true;
        else if (inSelect && /^\s*}\s*$/.test(line)) inSelect = false;
        else if (inSelect && /^\s+\*?\[[\w-]+\] /.test(line)) return false;
        return /^\s+[*.[]/.test(line);
      });
      expect(cut).toEqual([]);
    }
  });

  it.each([
    ["es", "es"],
    ["es-419", "es"],
    ["en-GB", "en"],
    ["de", "en"],
    [undefined, "en"],
  ])("language code %s → %s", (code, locale) => {
    expect(pickLocale(code)).toBe(locale);
  });

  it("plural forms follow the count in each language", () => {
    expect(i18n.t("en", "reason-few_actions", { count: 1 })).toBe("Only 1 action.");
    expect(i18n.t("en", "reason-few_actions", { count: 3 })).toBe("Only 3 actions.");
    expect(i18n.t("es", "reason-few_actions", { count: 1 })).toBe("Solo 1 acción.");
    expect(i18n.t("es", "reason-few_actions", { count: 3 })).toBe("Solo 3 acciones.");
    expect(i18n.t("en", "reason-events_out_of_order", { count: 1 })).toBe("1 event is out of order.");
    expect(i18n.t("es", "reason-events_out_of_order", { count: 2 })).toBe("2 eventos están fuera de orden.");
  });

  it("formats with arguments, in each language", () => {
    expect(i18n.t("en", "joined-through", { referrer: "@alice" })).toBe("🤝 You joined through @alice.");
    expect(i18n.t("es", "joined-through", { referrer: "@alice" })).toBe("🤝 Te uniste a través de @alice.");
    expect(i18n.t("es", "no-such-key")).toBe("no-such-key");
  });
});
