// The charts on Discord through the real flows, core and database: /earnings and a factory's
// 📊 Stats answer with the PNG attached and shown in an embed beside the same figures in words;
// 📱 Dashboard is a press that answers with a one-time sign-in link (Discord has no Mini Apps).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { must } from "../../support/scenario.js";
import { en, readable, startDiscordHarness, type DiscordHarness } from "./bot-harness.js";

const FARMER = { id: "200000000000000021", username: "fern" };
const CREATOR = { id: "200000000000000022", username: "cora" };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("charts on Discord, with a real discord.js Client and database", () => {
  let h: DiscordHarness;
  const issued: string[] = [];
  const account = async (user: { id: string }) =>
    must(await h.s.core.registerAccount({ platform: "discord", externalId: user.id })).account;
  const command = async (user: { id: string }, name: string, options?: Record<string, string>) => {
    const run = h.emulator.slashCommand({ user: user.id, guildId: h.guildId, name, ...(options ? { options } : {}) });
    await run.response();
    return run;
  };

  beforeAll(async () => {
    h = await startDiscordHarness([FARMER, CREATOR], {
      dashboard: {
        loginLink: async (accountId) => {
          issued.push(accountId);
          return { url: `https://forge.example/app?login=one-time-${issued.length}`, minutes: 10 };
        },
      },
    });
  }, 60_000);
  afterAll(async () => h?.close());

  it("GIVEN a paid farmer and a factory's owner THEN /earnings and 📊 Stats carry a PNG shown in an embed; 📱 Dashboard gives a one-time link", async () => {
    const farmer = await account(FARMER);
    const creator = await account(CREATOR);
    const factory = await h.s.factory(creator, { threshold: 60 });
    await h.s.fund(factory, 10_000_000n);
    must(await h.s.core.settleSubmission({ submissionId: must(await h.s.submit(farmer, factory)).id, score: 80 }));

    const earnings = (await command(FARMER, "earnings")).original()!;
    expect(readable(earnings)).toContain("0.72 USDC owed");
    expect(earnings.attachments.map((a) => a.filename)).toEqual(["earnings.png"]);
    expect(earnings.embeds.map((e) => e.image?.url)).toEqual(["attachment://earnings.png"]);

    const card = await command(CREATOR, "factories", { factory: factory.id });
    expect(JSON.stringify(card.original()!.components)).toContain('"custom_id":"dash:link"');
    const stats = h.emulator.button({ user: CREATOR.id, message: card.original()!, customId: `stats:${factory.id}` });
    const answer = await stats.response();
    expect(answer.attachments.map((a) => a.name)).toEqual(["factory-stats.png"]);
    expect(answer.attachments[0]!.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(readable(answer.data)).toContain("Submissions: 1 (1 passed, 0 below the threshold of 60");

    const dash = await h.emulator
      .button({ user: CREATOR.id, message: card.original()!, customId: "dash:link" })
      .response();
    expect(readable(dash.data)).toContain("within 10 minutes");
    expect(JSON.stringify(dash.data?.components)).toContain(en("dashboard-open"));
    expect(JSON.stringify(dash.data?.components)).toContain("https://forge.example/app?login=one-time-1");
    expect(issued).toEqual([creator.id]);
  });
});
