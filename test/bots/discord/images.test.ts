// A view with a picture (a chart) in the Discord bot, end to end on the local Discord: the answer
// carries the PNG as an attachment (its alt text as the file's description) shown by an embed
// naming `attachment://<name>`, below the text; a view put in place of it replaces the picture
// (no old one stays), and a text view in place removes it; a Mini App button is a link button.
import { createHash } from "node:crypto";
import { ButtonStyle, ComponentType, type APIMessage } from "discord.js";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscordBotDeps } from "../../../bots/discord/context.js";
import { discordFeatures } from "../../../bots/discord/create-bot.js";
import { deployCommands } from "../../../bots/discord/deploy-commands.js";
import { command, type DiscordFeature } from "../../../bots/discord/feature.js";
import { startDiscordBot, type RunningDiscordBot } from "../../../bots/discord/start.js";
import { action, webApp, type View, type ViewImage } from "../../../bots/views/view.js";
import { startDiscordEmulator, type DiscordEmulator } from "../../support/discord/emulator.js";
import { MemoryStore } from "../../support/memory-store.js";
import { memoryNotifier } from "../../support/memory-notifier.js";
import { scenario } from "../../support/scenario.js";
import { memoryKeyValue } from "../../support/telegram-harness.js";
import { i18n, readable } from "./bot-harness.js";

const PERSON = { id: "200000000000000011", username: "pia" };
const DASHBOARD = "https://forge.example/app/dashboard";

function chart(rgb: [number, number, number], name: string, alt = "Earnings by day, last 30 days"): ViewImage {
  const image = new PNG({ width: 4, height: 3 });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([...rgb, 255], i);
  const png = PNG.sync.write(image);
  return { png, key: createHash("sha256").update(png).digest("hex"), name, alt };
}

/** A test-only feature: /chart answers with `shown.view`; its Stats button puts `shown.view` in place. */
const shown: { view: View } = { view: { text: "nothing yet" } };
const chartFeature: DiscordFeature = {
  commands: [command("chart", (ctx) => ctx.reply.view(shown.view), { description: "cmd-earnings" })],
  actions: { chartstats: (ctx) => ctx.reply.edit(shown.view) },
};

const embedImages = (message: { embeds?: APIMessage["embeds"] | null } | null | undefined) =>
  (message?.embeds ?? []).map((e) => e.image?.url);

describe("Discord: views with a picture, on a local Discord", () => {
  let emulator: DiscordEmulator;
  let bot: RunningDiscordBot;
  let guildId: string;

  beforeAll(async () => {
    const s = scenario(new MemoryStore());
    emulator = await startDiscordEmulator({ guilds: [{ name: "Forge Community", members: [{ user: PERSON }] }] });
    guildId = [...emulator.world.guilds.keys()][0]!;
    const deps: DiscordBotDeps = {
      core: s.core,
      tokens: s.deps.tokens,
      i18n,
      adminIds: new Set(),
      pairing: { issue: async () => "PAIR1", revoke: async () => undefined },
      wizards: memoryKeyValue(),
      logger: { info: () => undefined, warn: () => undefined, error: (o) => console.error(o) },
      explorer: (signature) => `https://explorer.solana.com/tx/${signature}`,
      notifier: memoryNotifier().notifier,
    };
    const commands = discordFeatures([chartFeature]).flatMap((f) => f.commands ?? []);
    await deployCommands({ token: emulator.token, apiRoot: emulator.apiRoot, guildId }, commands, i18n);
    bot = await startDiscordBot({
      token: emulator.token,
      apiRoot: emulator.apiRoot,
      shards: "auto",
      deps,
      features: [chartFeature],
    });
  });
  afterAll(async () => {
    await bot?.stop();
    await emulator?.close();
  });

  it("GIVEN a view with a chart WHEN a person runs the command THEN the answer has the text, the PNG attached with its alt text, and an embed showing it", async () => {
    const image = chart([200, 40, 40], "earnings.png");
    shown.view = { text: "**Earnings** this month: 12.5 USDC", image, buttons: [[action("Stats", "chartstats")]] };
    const run = emulator.slashCommand({ user: PERSON.id, guildId, name: "chart" });
    const answer = await run.response();
    expect(readable(answer.data)).toBe("Earnings this month: 12.5 USDC");
    expect(answer.attachments.map((a) => [a.name, a.bytes])).toEqual([["earnings.png", image.png]]);
    expect(answer.data?.attachments).toEqual([expect.objectContaining({ description: image.alt })]);
    expect(embedImages(answer.data)).toEqual(["attachment://earnings.png"]);
    const message = run.original()!;
    expect(message.attachments.map((a) => a.filename)).toEqual(["earnings.png"]);
    expect(embedImages(message)).toEqual(["attachment://earnings.png"]);
  });

  it("GIVEN a message with a chart WHEN a button puts another chart in its place THEN only the new picture is on it; a text view in place leaves no picture", async () => {
    shown.view = {
      text: "Earnings",
      image: chart([10, 10, 10], "earnings.png"),
      buttons: [[action("Stats", "chartstats")]],
    };
    const run = emulator.slashCommand({ user: PERSON.id, guildId, name: "chart" });
    await run.response();

    const stats = chart([10, 200, 10], "factory stats.png", "Recordings by day");
    shown.view = { text: "Stats of Sheets", image: stats, buttons: [[action("Stats", "chartstats")]] };
    const press = emulator.button({ user: PERSON.id, message: run.original()!, customId: "chartstats" });
    const update = await press.response();
    expect(update.attachments.map((a) => a.bytes)).toEqual([stats.png]);
    const message = run.original()!;
    expect(readable(message)).toBe("Stats of Sheets");
    // The name, made safe for attachment://, is the same in the file and the embed.
    expect(message.attachments.map((a) => a.filename)).toEqual(["factory_stats.png"]);
    expect(embedImages(message)).toEqual(["attachment://factory_stats.png"]);

    shown.view = { text: "No chart here", buttons: [[action("Stats", "chartstats")]] };
    await emulator.button({ user: PERSON.id, message: run.original()!, customId: "chartstats" }).response();
    expect(readable(run.original())).toBe("No chart here");
    expect(run.original()!.attachments).toEqual([]);
    expect(run.original()!.embeds).toEqual([]);
  });

  it("GIVEN a Dashboard Mini App button THEN Discord shows a link button to the same URL", async () => {
    shown.view = {
      text: "Your earnings",
      buttons: [[webApp("📊 Dashboard", DASHBOARD), action("Stats", "chartstats")]],
    };
    const run = emulator.slashCommand({ user: PERSON.id, guildId, name: "chart" });
    await run.response();
    const buttons = (run.original()!.components ?? []).flatMap((row) =>
      "components" in row
        ? (row.components as Array<{ type: number; style?: number; label?: string; url?: string }>)
        : [],
    );
    expect(buttons[0]).toEqual({
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      label: "📊 Dashboard",
      url: DASHBOARD,
    });
    expect(run.original()!.attachments).toEqual([]);
    expect(run.original()!.embeds).toEqual([]);
  });
});
