// The factory card's 📦 Dataset button on Telegram: shown only where exports are on; it opens the
// factory's exports in place of the card, and Export asks for a new one.
import { describe, expect, it } from "vitest";
import { exportsOf } from "../../support/dataset-port.js";
import { must } from "../../support/scenario.js";
import { buttons, telegramHarness, texts } from "../../support/telegram-harness.js";

const CLEO = 4242;

describe("the Dataset button on Telegram", () => {
  it("GIVEN exports on WHEN the creator presses Dataset, then Export THEN the export is asked for once and its progress shows; without exports, no button", async () => {
    let ownerId = "";
    const exports = exportsOf(() => ownerId);
    const h = telegramHarness({ datasets: exports.port });
    await h.send(CLEO, "/start");
    const cleo = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(CLEO) })).account;
    ownerId = cleo.id;
    const factory = await h.s.factory(cleo, { name: "Data farm" });

    const card = buttons(await h.press(CLEO, `card:${factory.id}`));
    expect(card).toContainEqual(["📦 Dataset", `dataset:${factory.id}:view`]);
    const view = await h.press(CLEO, `dataset:${factory.id}:view`);
    expect(texts(view).join("\n")).toContain("4 paid recordings are not in an export yet.");
    expect(buttons(view)).toContainEqual(["📦 Export 4 new", `dataset:${factory.id}:export`]);

    const started = await h.press(CLEO, `dataset:${factory.id}:export`);
    expect(exports.asked).toEqual([factory.id]);
    expect(texts(started).join("\n")).toContain("Export 1 is being built: 25% (4 recordings).");

    const off = telegramHarness();
    await off.send(CLEO, "/start");
    const owner = must(await off.s.core.registerAccount({ platform: "telegram", externalId: String(CLEO) })).account;
    const plain = await off.s.factory(owner);
    expect(buttons(await off.press(CLEO, `card:${plain.id}`)).map(([label]) => label)).not.toContain("📦 Dataset");
  });
});
