// The wizards as data: begun on one platform and finished on the other (one account), a page
// of answers checked at once, a day's expiry, and /cancel.
import { describe, expect, it } from "vitest";
import type { Account } from "../../../core/accounts/account.js";
import type { Person } from "../../../bots/flows/deps.js";
import * as wizards from "../../../bots/flows/wizards.js";
import { createI18n, type Locale } from "../../../bots/i18n.js";
import { must } from "../../support/scenario.js";
import { buttons, telegramHarness, texts } from "../../support/telegram-harness.js";

const ALICE = 111;
const i18n = createI18n();
const T0 = new Date("2026-12-01T10:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 60 * 60 * 1000;

const personOf = (account: Account, locale: Locale = "en"): Person => ({
  account,
  locale,
  t: i18n.translator(locale),
  isAdmin: false,
});

/** Alice on Telegram (the harness's bot) and the same account as a Discord edge would see it. */
async function aliceOnBothPlatforms() {
  const h = telegramHarness();
  await h.send(ALICE, "/start");
  const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
  must(await h.s.core.linkIdentity({ accountId: alice.id, platform: "discord", externalId: "d-42" }));
  const onDiscord = must(await h.s.core.registerAccount({ platform: "discord", externalId: "d-42" })).account;
  return { h, alice, discord: personOf(onDiscord, "es") };
}

const shownText = (outcome: wizards.Outcome | null) => outcome?.step.show.map((s) => s.view.text).join("\n") ?? "";

describe("wizards: state by account, whichever platform", () => {
  it("GIVEN a factory begun on Telegram WHEN the same account continues on Discord THEN the modal pages pick up where it was and the factory is created", async () => {
    const { h, alice, discord } = await aliceOnBothPlatforms();
    await h.send(ALICE, "/newfactory");
    await h.send(ALICE, "Spreadsheet skills");

    const page = await wizards.currentPage(h.deps, discord);
    expect(page).toMatchObject({ index: 0, count: 3 });
    expect(page!.fields.map((f) => [f.id, f.value])).toEqual([
      ["name", "Spreadsheet skills"],
      ["useCase", undefined],
      ["tasks", undefined],
    ]);
    expect(page!.fields[2]).toMatchObject({ label: "Tareas, una por línea", required: true, multiline: true });

    const afterFirst = await wizards.respondPage(h.deps, discord, {
      useCase: "Teach agents spreadsheets",
      tasks: "Sum a column: sum column B",
    });
    expect(shownText(afterFirst)).toContain("(4/8)");
    const tokenPage = await wizards.currentPage(h.deps, discord);
    expect(tokenPage!.fields[0]!.choices?.map((c) => c.value)).toContain("USDC");
    await wizards.choose(h.deps, discord, "nf:token:USDC");
    // Spanish on Discord: "2,5" is 2.5.
    const summary = await wizards.respondPage(h.deps, discord, { reward: "2,5", threshold: "70", limits: "ninguno" });
    expect(summary!.step.show[0]!.view.buttons?.flat().map((b) => ("action" in b ? b.action : ""))).toEqual([
      "nf:create",
      "conv:cancel",
    ]);

    // Back on Telegram, the summary's button creates it.
    expect(texts(await h.press(ALICE, "nf:create"))[0]).toContain("Factory created");
    const [factory] = await h.s.core.listOwnedFactories(alice.id);
    expect(factory).toMatchObject({
      name: "Spreadsheet skills",
      token: "USDC",
      rewardPerDemo: 2_500_000n,
      threshold: 70,
    });
    expect(await h.deps.wizards.read(alice.id)).toBeUndefined();
  });

  it("GIVEN a page with several wrong answers THEN each is reported by its label at once and nothing changes", async () => {
    const { h, alice, discord } = await aliceOnBothPlatforms();
    await wizards.begin(h.deps, discord, { kind: "newfactory" }, T0);
    const before = await h.deps.wizards.read(alice.id);

    const refused = await wizards.respondPage(
      h.deps,
      discord,
      { name: "x".repeat(81), useCase: "Fine", tasks: "   " },
      T0,
    );
    const text = shownText(refused);
    expect(text).toContain("**Nombre**: Envía un nombre");
    expect(text).toContain("**Tareas, una por línea**:");
    expect(text).not.toContain("Caso de uso");
    expect(await h.deps.wizards.read(alice.id)).toEqual(before);

    const pure = wizards.answerPage(h.deps, discord, before!, { name: "", useCase: "", tasks: "" }, T0);
    expect(pure.ok ? [] : pure.errors.map((e) => e.fieldId)).toEqual(["name", "useCase", "tasks"]);
    // A field of a page not reached yet (the reward needs the token first) is refused too.
    const early = wizards.answerPage(h.deps, discord, before!, { name: "Ok", reward: "2" }, T0);
    expect(early.ok ? [] : early.errors.map((e) => e.fieldId)).toEqual(["reward"]);
    expect(await h.s.core.listOwnedFactories(alice.id)).toEqual([]);
  });

  it("GIVEN a wizard left a day without an answer THEN it is forgotten and the person is told; within the day it continues", async () => {
    const { h, alice, discord } = await aliceOnBothPlatforms();
    await wizards.begin(h.deps, discord, { kind: "newfactory" }, T0);
    expect(shownText(await wizards.respond(h.deps, discord, "Name", null, later(23 * HOUR)))).toContain("(2/8)");
    // Each answer gives it another day.
    expect(shownText(await wizards.respond(h.deps, discord, "Use", null, later(46 * HOUR)))).toContain("(3/8)");
    const expired = await wizards.respond(h.deps, discord, "Task: do it", null, later(70 * HOUR));
    expect(shownText(expired)).toContain("caducó");
    expect(await h.deps.wizards.read(alice.id)).toBeUndefined();
    expect(await wizards.respond(h.deps, discord, "Task: do it", null, later(70 * HOUR))).toBeNull();
    expect(await wizards.currentPage(h.deps, discord, later(70 * HOUR))).toBeNull();
  });

  it("GIVEN a wizard in progress WHEN cancelled on either platform THEN it is gone, nothing saved, and text goes to other handlers", async () => {
    const { h, alice, discord } = await aliceOnBothPlatforms();
    await h.press(ALICE, "nav:create");
    await h.send(ALICE, "Name");
    expect(shownText({ step: await wizards.cancel(h.deps, discord) })).toContain("Cancelado");
    expect(await h.deps.wizards.read(alice.id)).toBeUndefined();
    expect(await wizards.respond(h.deps, discord, "Use case")).toBeNull();
    // Telegram: the text is chatter again, pointed to /help.
    expect(texts(await h.send(ALICE, "Use case"))[0]).toContain("/help");
    expect(await h.s.core.listOwnedFactories(alice.id)).toEqual([]);
  });

  it("GIVEN a wizard in progress WHEN the person runs another command THEN it answers, and the next text still answers the wizard", async () => {
    const { h, alice } = await aliceOnBothPlatforms();
    await h.send(ALICE, "/newfactory");
    expect(texts(await h.send(ALICE, "/help"))[0]).toContain("Commands");
    expect(texts(await h.send(ALICE, "Name"))[0]).toContain("(2/8)");
    expect((await h.deps.wizards.read(alice.id))?.values).toEqual({ name: "Name" });
  });

  it("GIVEN an edit begun on Telegram THEN the Discord modal shows the value being edited, and one answer saves it", async () => {
    const { h, alice, discord } = await aliceOnBothPlatforms();
    const f = await h.s.factory(alice);
    expect(texts(await h.press(ALICE, `edit:${f.id}:limits`))[0]).toContain("(now ");
    const page = await wizards.currentPage(h.deps, discord);
    expect(page!.fields).toHaveLength(1);
    expect(page!.fields[0]).toMatchObject({ id: "limits", label: "Límites: por tarea, por día, total" });
    const saved = await wizards.respondPage(h.deps, discord, { limits: "1, 2, 3" });
    expect(shownText(saved)).toContain("Guardado");
    expect(must(await h.s.core.getFactoryOverview(f.id)).factory.limits).toEqual({ perTask: 1, perDay: 2, total: 3 });
    expect(buttons(await h.press(ALICE, `edit:${f.id}:threshold`)).map(([, d]) => d)).toEqual(["conv:cancel"]);
    expect((await wizards.currentPage(h.deps, discord))!.fields[0]!.value).toBe(String(f.threshold));
  });
});
