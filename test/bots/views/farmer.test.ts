// The recorder instructions a farmer gets for a task: they offer to take the recording's zip in
// the chat only where the chat takes files (Telegram), in every language.
import { describe, expect, it } from "vitest";
import type { Factory, Task } from "../../../core/factories/factory.js";
import { createI18n, LOCALES } from "../../../bots/i18n.js";
import { submitInstructionsView } from "../../../bots/views/farmer.js";

const i18n = createI18n();
const factory = { id: "f1", name: "Spreadsheet drills" } as Factory;
const task = { id: "t1", title: "Sum a column", prompt: "Open the sheet and sum column B" } as Task;
const expiry = { en: "expires in 15 minutes.", es: "caduca en 15 minutos." } as const;

describe("submitInstructionsView", () => {
  for (const locale of LOCALES) {
    const t = i18n.translator(locale);

    it(`GIVEN a chat that takes files (${locale}) THEN the instructions end by offering to take the zip here`, () => {
      const { text } = submitInstructionsView(t, factory, task, "PAIR1", { acceptsFiles: true });
      expect(text.endsWith(`${expiry[locale]} ${t("submit-send-zip")}`)).toBe(true);
    });

    it(`GIVEN a chat that takes no files (${locale}) THEN the instructions end with the code's expiry, and offer nothing`, () => {
      const { text } = submitInstructionsView(t, factory, task, "PAIR1", { acceptsFiles: false });
      expect(text.endsWith(expiry[locale])).toBe(true);
      expect(text).not.toContain(t("submit-send-zip"));
      expect(text).toContain("forge login PAIR1");
    });
  }
});
