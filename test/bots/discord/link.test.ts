// /link on Discord end to end: a code for the Telegram bot, and a code the Telegram bot gave
// merging the two accounts (what both had, XP included, is on the one account from then on).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../../core/accounts/account.js";
import { must, USDC } from "../../support/scenario.js";
import { en, readable, startDiscordHarness, type DiscordHarness } from "./bot-harness.js";

const ALICE = { id: "220000000000000001", username: "alice" };
const BOB = { id: "220000000000000002", username: "bob" };

describe("/link on Discord, with a real discord.js Client and database", () => {
  let h: DiscordHarness;

  beforeAll(async () => {
    h = await startDiscordHarness([ALICE, BOB]);
  }, 60_000);
  afterAll(async () => h?.close());

  const xpOf = async (account: Account) => must(await h.s.core.getProfile(account.id)).account.xp;

  /** Some XP: one graded demo in a funded factory. */
  async function earnXp(farmer: Account, score: number) {
    const owner = await h.s.person();
    const factory = await h.s.factory(owner);
    await h.s.fund(factory, USDC(10));
    const submission = must(await h.s.submit(farmer, factory));
    must(await h.s.core.settleSubmission({ submissionId: submission.id, score }));
  }

  it("GIVEN a code the Telegram bot gave WHEN the person runs /link code:<it> on Discord THEN the accounts merge and the answer and /profile show the merged XP", async () => {
    const { emulator, guildId } = h;
    const telegram = await h.s.person("alice-tg");
    const discord = must(await h.s.core.registerAccount({ platform: "discord", externalId: ALICE.id })).account;
    await earnXp(telegram, 90);
    await earnXp(discord, 80);
    const total = (await xpOf(telegram)) + (await xpOf(discord));
    expect(await xpOf(discord)).toBeGreaterThan(0n);
    const { code } = must(await h.s.core.issueLinkCode(telegram.id));

    const linked = emulator.slashCommand({ user: ALICE.id, guildId, name: "link", options: { code } });
    await linked.response();
    const text = readable(linked.original());
    expect(text).toContain(readable({ content: en("link-linked") }));
    expect(text).toContain(`XP: ${total}`);
    // One account, known on both platforms: the Discord identity now finds the Telegram one.
    const found = must(await h.s.core.registerAccount({ platform: "discord", externalId: ALICE.id }));
    expect(found.account.id).toBe(telegram.id);
    expect(await xpOf(found.account)).toBe(total);

    const profile = emulator.slashCommand({ user: ALICE.id, guildId, name: "profile" });
    await profile.response();
    expect(readable(profile.original())).toContain(String(total));
  });

  it("GIVEN no code WHEN a person runs /link THEN they get a one-time code for the Telegram bot; a wrong code changes nothing", async () => {
    const { emulator, guildId } = h;
    const asked = emulator.slashCommand({ user: BOB.id, guildId, name: "link" });
    await asked.response();
    // What to type on Telegram, the code in it: Telegram's commands take their argument inline.
    const shown = readable(asked.original());
    const code = /Your one-time code: `?([A-Z2-9]{5}-[A-Z2-9]{5})/.exec(shown)?.[1];
    expect(shown).toContain(`On Telegram, send \`/link ${code}\` to the CLONES Forge bot.`);

    const bob = must(await h.s.core.registerAccount({ platform: "discord", externalId: BOB.id })).account;
    const wrong = emulator.slashCommand({ user: BOB.id, guildId, name: "link", options: { code: "NOPE1234" } });
    await wrong.response();
    expect(readable(wrong.original())).toContain(readable({ content: en("error-LINK_CODE_INVALID") }));
    expect((await h.s.core.listIdentities(bob.id)).map((i) => i.platform)).toEqual(["discord"]);
  });

  it("GIVEN the deploy THEN /link is registered with its optional code option, described in Spanish too", () => {
    const link = h.emulator.commands(h.guildId).find((c) => c.name === "link")!;
    expect(link.description_localizations?.["es-ES"]).toBe(h.deps.i18n.t("es", "cmd-link"));
    expect(link.options).toEqual([
      expect.objectContaining({ name: "code", required: false, description: en("discord-opt-link-code") }),
    ]);
  });
});
