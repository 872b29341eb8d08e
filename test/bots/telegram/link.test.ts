// /link in the Telegram bot (issue 14): a code to take to the Discord bot, and `/link CODE` with a
// code from Discord, after which the person sees one account with what both held.
import { describe, expect, it } from "vitest";
import type { Account } from "../../../core/accounts/account.js";
import { link } from "../../../bots/flows/link.js";
import { USDC, must } from "../../support/scenario.js";
import { telegramHarness, texts } from "../../support/telegram-harness.js";

const ALICE = 111;
const CODE = /([A-Z2-9]{5}-[A-Z2-9]{5})/;

/** Alice on Telegram (older: 90 XP, 0.81 USDC owed) and on Discord (newer: 80 XP, 0.72 USDC, a referee). */
async function twoAccounts() {
  const h = telegramHarness();
  const { s } = h;
  await h.send(ALICE, "/start");
  const tg = must(await s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
  s.deps.clock.advance(1_000);
  const dc = must(await s.core.registerAccount({ platform: "discord", externalId: "9001" })).account;
  const f = await s.factory(await s.person("owner"));
  await s.fund(f, USDC(10));
  const settle = async (farmer: Account, task: number, score: number) =>
    must(await s.core.settleSubmission({ submissionId: must(await s.submit(farmer, f, task)).id, score }));
  await settle(tg, 0, 90);
  await settle(dc, 1, 80);
  await s.refer(await s.person("carol"), dc);
  /** What the Discord bot's edge will do: the same flow, for the Discord account. */
  const onDiscord = (code?: string) =>
    link(
      h.deps,
      { account: dc, locale: "en", t: h.deps.i18n.translator("en"), isAdmin: false },
      { here: "discord", code },
    );
  return { h, tg, dc, onDiscord };
}

describe("Telegram bot: /link", () => {
  it("GIVEN Alice on Telegram WHEN she sends /link THEN she gets a one-time code and where to send it, and on Discord that code merges her accounts", async () => {
    const { h, tg, dc, onDiscord } = await twoAccounts();
    const reply = texts(await h.send(ALICE, "/link"))[0]!;
    expect(reply).toContain("Link your accounts");
    expect(reply).toContain("valid 10 minutes");
    // Discord's /link takes the code in its option field: typed after the command it is not read.
    expect(reply).toContain("On Discord, run the CLONES Forge bot's <code>/link</code> command");
    expect(reply).toContain("in its <code>code</code> field");
    expect(reply).not.toMatch(/\/link [A-Z0-9]/);

    const code = reply.match(CODE)![1]!;
    const linked = await onDiscord(code);

    expect(linked.account?.id).toBe(tg.id);
    expect(linked.view.text).toContain("Accounts linked");
    expect(linked.view.text).toContain("XP: 170 (level");
    expect(linked.view.text).toContain("Referrals: 1");
    expect(must(await h.s.core.registerAccount({ platform: "discord", externalId: "9001" })).account.id).toBe(tg.id);
    expect((await h.s.core.getProfile(dc.id)).ok).toBe(false);
  });

  it("GIVEN a code from Discord WHEN Alice sends /link CODE on Telegram THEN she sees the merged earnings, XP and referrals, and /profile agrees", async () => {
    const { h, onDiscord } = await twoAccounts();
    const code = (await onDiscord()).view.text.match(CODE)![1]!;
    expect((await onDiscord()).view.text).toMatch(
      /On Telegram, send `\/link [A-Z2-9]{5}-[A-Z2-9]{5}` to the CLONES Forge bot\./,
    );

    const reply = texts(await h.send(ALICE, `/link ${code.toLowerCase()}`)).join("\n");

    expect(reply).toContain("Accounts linked");
    expect(reply).toContain("XP: 170 (level");
    expect(reply).toContain("Referrals: 1");
    expect(reply).toContain("1.53 USDC owed");
    expect(texts(await h.send(ALICE, "/profile")).join("\n")).toContain("170");
  });

  it("GIVEN a wrong code THEN Alice is told so and nothing changes", async () => {
    const { h, tg, dc } = await twoAccounts();
    const reply = texts(await h.send(ALICE, "/link ABCDE-FGHJK"))[0]!;
    expect(reply).toContain("That isn't a valid link code");
    expect(must(await h.s.core.getProfile(tg.id)).account.xp).toBe(90n);
    expect(must(await h.s.core.getProfile(dc.id)).account.xp).toBe(80n);
  });

  it("/link in a group shows no code there", async () => {
    const { h } = await twoAccounts();
    const calls = await h.send(ALICE, "/link", { chat: "group" });
    expect(texts(calls).join("\n")).not.toMatch(CODE);
  });
});
