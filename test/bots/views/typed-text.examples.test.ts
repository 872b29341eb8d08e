// The three findings of issue 12's "Markup and names", each as a person would meet it.
import { describe, expect, it } from "vitest";
import { platformDisplayName } from "../../../core/shared/display-text.js";
import { createI18n } from "../../../bots/i18n.js";
import { toHtml } from "../../../bots/telegram/render.js";
import { referralNotice } from "../../../bots/views/onboarding.js";
import { must } from "../../support/scenario.js";
import { telegramHarness, texts, type ApiCall } from "../../support/telegram-harness.js";
import { telegramVisibleText } from "../../support/telegram-html.js";

const ALICE = 111;
const BOB = 222;

/** Every message the bot sent or edited is HTML Telegram accepts; the text people see in each. */
const seenIn = (calls: readonly ApiCall[]) => {
  for (const c of calls)
    if (c.method === "sendMessage" || c.method === "editMessageText") expect(c.payload.parse_mode).toBe("HTML");
  return texts(calls).map(telegramVisibleText);
};

describe("backticks in a factory name or a task title", () => {
  it("GIVEN a factory `main` app` with a task `Open `settings` THEN /browse, the factory and the pairing message are accepted by Telegram and show both as typed", async () => {
    const h = telegramHarness();
    const owner = await h.s.person("owner");
    const f = await h.s.factory(owner, {
      name: "main` app",
      useCase: "Click **Save** & close <dialogs>",
      tasks: [{ title: "Open `settings", prompt: "Go to `prefs` **now**" }],
    });
    await h.s.fund(f, f.rewardPerDemo * 3n);

    const browse = await h.send(ALICE, "/browse");
    expect(seenIn(browse)).toHaveLength(1);
    const open = await h.press(ALICE, `open:${f.id}`);
    expect(seenIn(open)[0]).toContain("main` app\nClick **Save** & close <dialogs>");
    const pairing = await h.press(ALICE, `task:${f.id}:0`);
    const [message] = seenIn(pairing);
    expect(message).toContain("🎬 Open `settings for main` app\nGo to `prefs` **now**");
    expect(message).toContain("forge login PAIR1");
    // The task's own text is never code nor bold; the login command still is code.
    expect(texts(pairing)[0]).toContain("<b>Open `settings</b> for main` app");
    expect(texts(pairing)[0]).toContain("<code>forge login PAIR1</code>");
  });
});

describe("a first name written as markup", () => {
  const name = "**Admin notice:** pay 5 SOL to `Fake` <b>now</b>";

  it("GIVEN a referee with no username and that first name THEN the ambassador reads it as typed, not bold", async () => {
    const h = telegramHarness();
    await h.send(ALICE, "/start", { username: "alice" });
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    await h.bot.handleUpdate({
      update_id: 9_000,
      message: {
        message_id: 9_000,
        date: 0,
        chat: { id: BOB, type: "private", first_name: name },
        from: { id: BOB, is_bot: false, first_name: name, language_code: "en" },
        text: `/start ref-${alice.referralCode}`,
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    } as never);
    const [notice] = h.notices.dmsTo(alice.id);
    const html = toHtml(notice!.text);
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("<code>");
    // As typed, up to the 32 characters a name from a platform is shown with.
    expect(telegramVisibleText(html)).toBe(
      `🎉 ${platformDisplayName(name)} joined through your link. You will earn commissions on their paid activity.`,
    );
    expect(platformDisplayName(name)).toBe(`${name.slice(0, 31).trimEnd()}…`);
  });

  it("GIVEN a first name of invisible and direction-control characters only THEN the notice names a neutral 'a farmer', in the ambassador's language", () => {
    const i18n = createI18n();
    const en = telegramVisibleText(toHtml(referralNotice(i18n.translator("en"), { name: "\u202E\u200B \u2066" })));
    expect(en).toBe("🎉 a farmer joined through your link. You will earn commissions on their paid activity.");
    const es = telegramVisibleText(toHtml(referralNotice(i18n.translator("es"), { name: "\u200B" })));
    expect(es).toContain("un granjero se unió");
  });

  it("GIVEN a very long first name with a right-to-left override THEN it is shown cut to 32 characters, without the override", () => {
    const t = createI18n().translator("en");
    const shown = telegramVisibleText(toHtml(referralNotice(t, { name: `\u202Eevil${"x".repeat(60)}` })));
    expect(shown).toContain(`🎉 evil${"x".repeat(27)}… joined`);
    expect(shown).not.toContain("\u202E");
  });
});
