// Every text the Discord bot shows comes from both Fluent files: a missing message would show
// its id (i18n falls back to the key), so this fails on any id the bot uses that a locale lacks.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discordFeatures } from "../../../bots/discord/create-bot.js";
import { createI18n, LOCALES } from "../../../bots/i18n.js";

const i18n = createI18n();
const DIRS = ["bots/discord", "bots/discord/features"];

/** Message ids in `t("…")` calls of the bot's own sources (the community feature has its own tests). */
function usedIds(): string[] {
  const ids = new Set<string>();
  for (const dir of DIRS)
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(join(dir, file), "utf8");
      for (const m of source.matchAll(/\bt\(\s*"([a-z][\w-]*)"/g)) ids.add(m[1]!);
      for (const m of source.matchAll(/"(discord-[a-z][\w-]*)"/g)) ids.add(m[1]!);
    }
  return [...ids];
}

describe("the Discord bot's texts", () => {
  it("GIVEN every command and option of the bot THEN each description exists in every locale", () => {
    const commands = discordFeatures().flatMap((f) => f.commands ?? []);
    const ids = commands.flatMap((c) => [
      c.description ?? `cmd-${c.name}`,
      ...(c.options ?? []).map((o) => o.description),
    ]);
    expect(ids.length).toBeGreaterThan(15);
    for (const locale of LOCALES)
      expect(
        ids.filter((id) => !i18n.keys(locale).includes(id)),
        locale,
      ).toEqual([]);
  });

  it("GIVEN every message id the bot's sources use THEN every locale has it", () => {
    const ids = usedIds();
    expect(ids).toEqual(expect.arrayContaining(["discord-telegram-only", "discord-newfactory", "admin-only"]));
    for (const locale of LOCALES)
      expect(
        ids.filter((id) => !i18n.keys(locale).includes(id)),
        locale,
      ).toEqual([]);
  });
});
