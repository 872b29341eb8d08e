// The Discord driver: each step is an interaction on the local Discord (test/support/discord),
// answered by the whole bot (createDiscordBot's router, the community feature for /invite and
// /join) through a real discord.js Client; buttons are found by their label in the components
// of the person's last answer.
import { InteractionResponseType, type APIMessage } from "discord.js";
import { postgresPairingCodes } from "../../../app/pairing.js";
import { communityFeature } from "../../../bots/discord/community/feature.js";
import type { DiscordBotDeps } from "../../../bots/discord/context.js";
import { discordFeatures } from "../../../bots/discord/create-bot.js";
import { deployCommands } from "../../../bots/discord/deploy-commands.js";
import { startDiscordBot } from "../../../bots/discord/start.js";
import { createI18n } from "../../../bots/i18n.js";
import { prismaCommunityStore } from "../../../prisma/community-store.js";
import type { Database } from "../../../prisma/database.js";
import { prismaUnitOfWork } from "../../../prisma/unit-of-work.js";
import { startDiscordEmulator, type InteractionHandle } from "../discord/emulator.js";
import { memoryNotifier } from "../memory-notifier.js";
import { must, scenario } from "../scenario.js";
import { memoryKeyValue } from "../telegram-harness.js";
import { pickButton, type Driver, type Who } from "./driver.js";

const USERS: Record<Who, { id: string; username: string }> = {
  ambassador: { id: "700000000000000001", username: "user2001" },
  farmer: { id: "700000000000000002", username: "user3001" },
  creator: { id: "700000000000000003", username: "user1001" },
};

/** What a person reads in a message: its content with Discord's escapes and bold undone. */
const readable = (message: { content?: string | null } | null | undefined) =>
  (message?.content ?? "").replace(/\\(.)/g, "$1").replace(/\*\*/g, "");

type Button = { label?: string; custom_id?: string; url?: string };
const componentsOf = (message: APIMessage | null): Button[] =>
  (message?.components ?? []).flatMap((row) => ("components" in row ? (row.components as Button[]) : []));

export async function discordDriver(db: Database, options: { recorderServer: string }): Promise<Driver> {
  const s = scenario(prismaUnitOfWork(db.prisma, { query: db.query }));
  const pairing = postgresPairingCodes(db);
  const i18n = createI18n();
  const errors: unknown[] = [];
  const emulator = await startDiscordEmulator({
    guilds: [{ name: "Forge Community", members: Object.values(USERS).map((user) => ({ user })) }],
  });
  const guildId = [...emulator.world.guilds.keys()][0]!;
  const deps: DiscordBotDeps = {
    core: s.core,
    tokens: s.deps.tokens,
    i18n,
    adminIds: new Set(),
    pairing,
    wizards: memoryKeyValue(),
    logger: { info: () => undefined, warn: () => undefined, error: (o) => void errors.push(o) },
    explorer: (signature) => `https://explorer.solana.com/tx/${signature}`,
    notifier: memoryNotifier().notifier,
    recorderServer: options.recorderServer,
  };
  const features = [communityFeature({ community: prismaCommunityStore(db.query), telegramBot: "forge_test_bot" })];
  const commands = discordFeatures(features).flatMap((f) => f.commands ?? []);
  await deployCommands({ token: emulator.token, apiRoot: emulator.apiRoot, guildId }, commands, i18n);
  const bot = await startDiscordBot({ token: emulator.token, apiRoot: emulator.apiRoot, deps, features });
  const last = new Map<Who, APIMessage>();

  /** The message the person sees once the bot answered: the reply, or the message a button updated. */
  async function answered(who: Who, handle: InteractionHandle): Promise<string> {
    const { type } = await handle.response();
    if (
      type === InteractionResponseType.DeferredChannelMessageWithSource ||
      type === InteractionResponseType.DeferredMessageUpdate
    )
      await handle.call(1);
    if (errors.length) throw new Error(`the Discord bot failed: ${JSON.stringify(errors)}`);
    const message = handle.original();
    if (!message) throw new Error(`no message after interaction ${handle.id} (response type ${type})`);
    last.set(who, emulator.world.messages.get(message.id) ?? message);
    return driver.lastText(who);
  }
  const slash = (who: Who, name: string, options?: Record<string, string>) =>
    answered(who, emulator.slashCommand({ user: USERS[who].id, guildId, name, ...(options ? { options } : {}) }));

  const driver: Driver = {
    platform: "discord",
    s,
    db,
    redeemPairing: (code) => pairing.redeem(code),
    async start(who, referralCode) {
      const welcome = await slash(who, "start");
      return referralCode ? `${welcome}\n${await slash(who, "join", { code: referralCode })}` : welcome;
    },
    async command(who, name, args) {
      const option = commands.find((c) => c.name === name)?.options?.[0]?.name;
      if (args && !option) throw new Error(`/${name} takes no option on Discord`);
      return slash(who, name, args && option ? { [option]: args } : undefined);
    },
    async createFactory(who, a) {
      const user = USERS[who].id;
      const opened = emulator.slashCommand({ user, guildId, name: "newfactory" });
      if ((await opened.response()).type !== InteractionResponseType.Modal)
        throw new Error("/newfactory opened no modal");
      const first = emulator.modalSubmit({
        from: opened,
        values: { name: a.name, useCase: a.useCase, tasks: a.tasks },
      });
      await answered(who, first);
      const select = componentsOf(last.get(who)!).find((c) => c.custom_id?.startsWith("pick:"));
      if (!select?.custom_id) throw new Error(`no token menu after page 1: ${driver.lastText(who)}`);
      await answered(
        who,
        emulator.stringSelect({
          user,
          message: last.get(who)!,
          customId: select.custom_id,
          values: [`nf:token:${a.token}`],
        }),
      );
      const proceed = pickButton(componentsOf(last.get(who)!), (b) => b.label ?? "", /Continue/);
      const again = emulator.button({ user, message: last.get(who)!, customId: proceed.custom_id! });
      if ((await again.response()).type !== InteractionResponseType.Modal) throw new Error("Continue opened no modal");
      await answered(
        who,
        emulator.modalSubmit({ from: again, values: { reward: a.reward, threshold: a.threshold, limits: a.limits } }),
      );
      return driver.press(who, /Create/);
    },
    async press(who, label) {
      const message = last.get(who) ?? null;
      const button = pickButton(componentsOf(message), (b) => b.label ?? "", label);
      if (!button.custom_id) throw new Error(`the button ${String(label)} is a link (${button.url}), not an action`);
      return answered(who, emulator.button({ user: USERS[who].id, message: message!, customId: button.custom_id }));
    },
    lastText: (who) => readable(last.get(who)),
    buttons: (who) => componentsOf(last.get(who) ?? null).map((b) => b.label ?? ""),
    account: async (who) =>
      must(await s.core.registerAccount({ platform: "discord", externalId: USERS[who].id })).account,
    async close() {
      await bot.stop();
      await emulator.close();
      await db.close();
    },
  };
  return driver;
}
