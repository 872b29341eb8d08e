// The Discord bot: a discord.js Client whose interactions (slash commands, autocomplete,
// buttons, select menus, modals) are routed to the features, with the person's account found
// or created through the core and their language taken from their Discord app. Nothing that
// matters is kept in memory: accounts, factories, pairing codes and everything else live in
// Postgres (and Redis), so the client can run sharded (discord.js's internal sharding,
// `shards: "auto"`) or as several processes each with its own shards.
import { randomUUID } from "node:crypto";
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type ClientOptions,
  type Interaction,
  type MessageComponentInteraction,
  type ModalSubmitInteraction,
} from "discord.js";
import { pickLocale } from "../i18n.js";
import type { DiscordBotDeps, DiscordContext, Reply } from "./context.js";
import type { ActionHandler, DiscordCommand, DiscordFeature, ModalHandler } from "./feature.js";
import { accountFeature } from "./features/account.js";
import { adminFeature } from "./features/admin.js";
import { ambassadorFeature } from "./features/ambassador.js";
import { boostFeature } from "./features/boost.js";
import { datasetTokensFeature } from "./features/dataset-tokens.js";
import { browseFeature } from "./features/browse.js";
import { factoriesFeature } from "./features/factories.js";
import { linkFeature } from "./features/link.js";
import { startFeature } from "./features/start.js";
import { wizardFeature } from "./features/wizard.js";
import { PICK_PREFIX, actionOf } from "./message.js";
import { noReply, replyTo } from "./reply.js";
import { discordTranslator } from "./translate.js";

/**
 * The gateway intents, the fewest that work. Interactions arrive without any intent; these are
 * for the events the bot listens to besides them.
 */
export const INTENTS = {
  /** Guild create/delete and channels: which servers the bot is in, and their channels for announcements. */
  Guilds: GatewayIntentBits.Guilds,
  /**
   * Privileged (enable "Server Members Intent" for the bot in Discord's Developer Portal). Member
   * joins (guildMemberAdd), to attribute a join to the ambassador whose invite was used.
   */
  GuildMembers: GatewayIntentBits.GuildMembers,
  /** Invites created and deleted: the invite-uses snapshot a join is compared with. */
  GuildInvites: GatewayIntentBits.GuildInvites,
} as const;

/** Guilds always; the others only when a feature asks for them (the community feature: invite attribution). */
export const intentsOf = (features: readonly DiscordFeature[]): GatewayIntentBits[] => [
  ...new Set([INTENTS.Guilds, ...features.flatMap((f) => f.intents ?? [])]),
];

/** The bot's own features, then `extra` ones (the community feature); /help lists all their commands. */
export function discordFeatures(extra: readonly DiscordFeature[] = []): DiscordFeature[] {
  const features: DiscordFeature[] = [];
  const commands = () => features.flatMap((f) => f.commands ?? []);
  features.push(
    startFeature(commands),
    browseFeature,
    factoriesFeature,
    wizardFeature,
    accountFeature,
    boostFeature,
    datasetTokensFeature,
    linkFeature,
    ambassadorFeature,
    ...extra,
    adminFeature,
  );
  return features;
}

export interface DiscordBotOptions {
  /** Features beyond the bot's own (e.g. the community feature: invites, server settings). */
  readonly features?: readonly DiscordFeature[];
  /** Extra client options: `rest: { api }` for a local Discord, `shards`, `shardCount`. */
  readonly client?: Partial<ClientOptions>;
  /** How long a handler may work before its answer is deferred (tests use a short time). */
  readonly deferAfterMs?: number;
}

export interface DiscordBot {
  readonly client: Client;
  readonly commands: readonly DiscordCommand[];
}

export function createDiscordBot(deps: DiscordBotDeps, options: DiscordBotOptions = {}): DiscordBot {
  const features = discordFeatures(options.features);
  const client = new Client({ intents: intentsOf(features), ...options.client });
  const commands = new Map(features.flatMap((f) => (f.commands ?? []).map((c) => [c.name, c] as const)));
  const actions = new Map<string, ActionHandler>();
  const manual = new Set<string>();
  const modals = new Map<string, ModalHandler>();
  for (const f of features) {
    for (const [kind, handler] of Object.entries(f.actions ?? {})) actions.set(kind, handler);
    for (const kind of f.manualActions ?? []) manual.add(kind);
    for (const [kind, handler] of Object.entries(f.modals ?? {})) modals.set(kind, handler);
    f.attach?.(client, deps);
  }
  const route = router(deps, { commands, actions, manual, modals }, options.deferAfterMs);
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  client.on(Events.Error, (error) => deps.logger.error({ err: error }, "discord client error"));
  return { client, commands: [...commands.values()] };
}

interface Routes {
  commands: ReadonlyMap<string, DiscordCommand>;
  actions: ReadonlyMap<string, ActionHandler>;
  manual: ReadonlySet<string>;
  modals: ReadonlyMap<string, ModalHandler>;
}

/** An action's kind: the custom id up to the first ":" ("status" of "status:<id>:pause"). */
const kindOf = (action: string) => action.split(":")[0]!;

function router(deps: DiscordBotDeps, routes: Routes, deferAfterMs?: number) {
  const context = async (
    interaction: Pick<Interaction, "locale" | "user" | "guildId">,
    reply: Reply,
  ): Promise<DiscordContext> => {
    const locale = pickLocale(interaction.locale);
    const registered = await deps.core.registerAccount({
      platform: "discord",
      externalId: interaction.user.id,
      username: interaction.user.username,
      locale,
    });
    if (!registered.ok) throw registered.error;
    return {
      account: registered.value.account,
      firstContact: registered.value.created,
      // Discord sends the person's app language with every interaction: replies follow it.
      locale,
      t: discordTranslator(deps.i18n, locale),
      isAdmin: deps.adminIds.has(interaction.user.id),
      deps,
      userId: interaction.user.id,
      guildId: interaction.guildId,
      reply,
    };
  };

  async function command(interaction: ChatInputCommandInteraction): Promise<void> {
    const found = routes.commands.get(interaction.commandName);
    const reply = replyTo(interaction, { ephemeral: !found?.public, deferAfterMs, manual: found?.manual });
    try {
      const ctx = await context(interaction, reply);
      if (!found) return await reply.view({ text: ctx.t("unknown-command") });
      await found.execute(ctx, interaction);
    } finally {
      reply.close();
    }
  }

  async function component(interaction: MessageComponentInteraction): Promise<void> {
    const picked = interaction.isStringSelectMenu() && interaction.customId.startsWith(`${PICK_PREFIX}:`);
    const action = picked ? (interaction.values[0] ?? "") : actionOf(interaction.customId);
    // A handler for the whole action ("nav:browse") comes before one for its kind ("page").
    const key = routes.actions.has(action) ? action : kindOf(action);
    const manual = routes.manual.has(key);
    const reply = replyTo(interaction, { ephemeral: true, deferAfterMs, manual });
    try {
      const ctx = await context(interaction, reply);
      const handler = routes.actions.get(key);
      if (handler) return await handler(ctx, action, interaction);
      await reply.nothing(); // a stale or unknown button: acknowledged, nothing changes
    } finally {
      reply.close();
    }
  }

  async function modal(interaction: ModalSubmitInteraction): Promise<void> {
    const handler = routes.modals.get(interaction.customId.split(":")[0]!);
    const reply = replyTo(interaction, { ephemeral: true, deferAfterMs, manual: false });
    try {
      const ctx = await context(interaction, reply);
      if (handler) return await handler(ctx, interaction);
      await reply.view({ text: ctx.t("unknown-command") });
    } finally {
      reply.close();
    }
  }

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const found = routes.commands.get(interaction.commandName);
    const ctx = await context(interaction, noReply);
    await interaction.respond(found?.autocomplete ? [...(await found.autocomplete(ctx, interaction))] : []);
  }

  return async (interaction: Interaction): Promise<void> => {
    if (interaction.user.bot) return;
    deps.onInteraction?.(interaction.user.id);
    try {
      if (interaction.isAutocomplete()) await autocomplete(interaction);
      else if (interaction.isChatInputCommand()) await command(interaction);
      else if (interaction.isMessageComponent()) await component(interaction);
      else if (interaction.isModalSubmit()) await modal(interaction);
    } catch (error) {
      await failed(deps, interaction, error);
    }
  };
}

/** The one error boundary: logged with a reference, and the person gets the reference privately. */
async function failed(deps: DiscordBotDeps, interaction: Interaction, error: unknown): Promise<void> {
  const ref = randomUUID().slice(0, 8);
  deps.logger.error({ err: error, ref, interaction: loggedInteraction(interaction) }, "discord handler failed");
  if (!interaction.isRepliable()) return;
  const t = deps.i18n.translator(pickLocale(interaction.locale));
  const answer = { content: t("error-generic", { ref }), flags: MessageFlags.Ephemeral as const };
  await (interaction.replied || interaction.deferred ? interaction.followUp(answer) : interaction.reply(answer)).catch(
    () => undefined,
  );
}

/**
 * What a log line says about an interaction: ids and kinds (a command's name, a button's action
 * kind), never what a person typed or picked.
 */
export function loggedInteraction(interaction: Interaction) {
  return {
    id: interaction.id,
    type: interaction.type,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    action: interaction.isMessageComponent() ? interaction.customId.match(/^[A-Za-z_]+/)?.[0] : undefined,
  };
}
