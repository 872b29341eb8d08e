// How the Discord bot is put together: features, each with its slash commands and the button
// actions it answers (discord.js guide: a command module is `{ data, execute }`; here the data is
// described once and built, localised, by commands.ts for both the bot and the deploy script).
import type {
  ApplicationCommandOptionChoiceData,
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  Client,
  GatewayIntentBits,
  MessageComponentInteraction,
  ModalSubmitInteraction,
} from "discord.js";
import type { DiscordBotDeps, DiscordContext } from "./context.js";

export interface CommandOption {
  readonly name: string;
  readonly type: "string" | "integer";
  /** Fluent key of the option's description. */
  readonly description: string;
  readonly required?: boolean;
  readonly autocomplete?: boolean;
  readonly min?: number;
  readonly max?: number;
}

export interface DiscordCommand {
  readonly name: string;
  /** Fluent key of its description; `cmd-<name>` when absent. */
  readonly description?: string;
  readonly options?: readonly CommandOption[];
  /** Answered in the channel for everyone; otherwise only the person sees the answer (ephemeral). */
  readonly public?: boolean;
  /** Only in servers (not in DMs with the bot). */
  readonly guildOnly?: boolean;
  /** Shown only to members with these permissions (Discord's default_member_permissions). */
  readonly memberPermissions?: bigint;
  /**
   * The handler answers the interaction itself (a modal must be the first answer): no automatic
   * deferring, and `ctx.reply` is not used.
   */
  readonly manual?: boolean;
  execute(ctx: DiscordContext, interaction: ChatInputCommandInteraction): Promise<void>;
  /** Choices for the focused option (at most 25), answered within Discord's 3 s. */
  autocomplete?(
    ctx: DiscordContext,
    interaction: AutocompleteInteraction,
  ): Promise<readonly ApplicationCommandOptionChoiceData[]>;
}

/** Answers a button press or a select pick; `action` is the custom id (for a select, the picked value). */
export type ActionHandler = (
  ctx: DiscordContext,
  action: string,
  interaction: MessageComponentInteraction,
) => Promise<void>;

export type ModalHandler = (ctx: DiscordContext, interaction: ModalSubmitInteraction) => Promise<void>;

export interface DiscordFeature {
  readonly commands?: readonly DiscordCommand[];
  /** Buttons and select picks by their whole action ("nav:browse") or its kind, up to the first ":" ("page"). */
  readonly actions?: Readonly<Record<string, ActionHandler>>;
  /** Components answered by the handler itself (a button that opens a modal), keyed as `actions`. */
  readonly manualActions?: ReadonlySet<string>;
  /** Modal submissions by the kind of their custom id. */
  readonly modals?: Readonly<Record<string, ModalHandler>>;
  /** Gateway intents its events need beyond Guilds (see INTENTS in create-bot.ts). */
  readonly intents?: readonly GatewayIntentBits[];
  /** Gateway events other than interactions (e.g. guildMemberAdd), registered once on the client. */
  attach?(client: Client, deps: DiscordBotDeps): void;
}

/** A command named `name` (its description is `cmd-<name>` unless `more` says otherwise). */
export const command = (
  name: string,
  execute: DiscordCommand["execute"],
  more: Omit<Partial<DiscordCommand>, "name" | "execute"> = {},
): DiscordCommand => ({ name, execute, ...more });

/** An option named `name`, described by the Fluent message `description`. */
export const option = (
  name: string,
  type: CommandOption["type"],
  description: string,
  more: Omit<Partial<CommandOption>, "name" | "type" | "description"> = {},
): CommandOption => ({ name, type, description, ...more });
