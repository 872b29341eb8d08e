// The factory card's 📦 Dataset button on Discord: shown where exports are on, it opens the
// factory's exports (the last one's download link) and its Export button asks for a new one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportsOf } from "../../support/dataset-port.js";
import { must } from "../../support/scenario.js";
import { componentsOf, en, readable, startDiscordHarness, type DiscordHarness } from "./bot-harness.js";

const CREATOR = { id: "230000000000000001", username: "cleo" };
const OTHER = { id: "230000000000000002", username: "otto" };

describe("the Dataset button on Discord", () => {
  let h: DiscordHarness;
  let ownerId = "";
  const exports = exportsOf(() => ownerId);

  beforeAll(async () => {
    h = await startDiscordHarness([CREATOR, OTHER], { datasets: exports.port });
  }, 60_000);
  afterAll(async () => h?.close());

  it("GIVEN exports on WHEN the creator opens the card and presses Dataset, then Export THEN the export is asked for once and its progress shows", async () => {
    const { emulator, guildId } = h;
    const creator = must(await h.s.core.registerAccount({ platform: "discord", externalId: CREATOR.id })).account;
    ownerId = creator.id;
    const factory = await h.s.factory(creator, { name: "Data farm" });
    const card = emulator.slashCommand({
      user: CREATOR.id,
      guildId,
      name: "factories",
      options: { factory: factory.id },
    });
    await card.response();
    expect(componentsOf(card.original()).map((c) => c.label)).toContain(en("dataset-button"));

    const opened = emulator.button({ user: CREATOR.id, message: card.original()!, label: en("dataset-button") });
    await opened.response();
    const view = emulator.world.messages.get(card.original()!.id)!;
    expect(readable(view)).toContain("Dataset");
    expect(readable(view)).toContain("4 paid recordings are not in an export yet.");

    const exported = emulator.button({ user: CREATOR.id, message: view, label: en("dataset-export", { count: 4 }) });
    await exported.response();
    expect(exports.asked).toEqual([factory.id]);
    expect(readable(emulator.world.messages.get(card.original()!.id))).toContain(
      en("dataset-building", { sequence: 1, progress: 25, recordings: 4 }),
    );
  });
});
