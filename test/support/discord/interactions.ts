// INTERACTION_CREATE payloads as Discord builds them (slash command, autocomplete, button, string
// select, channel select, modal submit), and the per-interaction record of what the bot answered.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIInteraction,
  type APIMessage,
  type APIUser,
} from "discord.js";
import { randomCode, snowflake } from "./ids.js";
import type { ChannelState, MessageBody, RecordedAttachment, UserSeed, World } from "./world.js";

/** The callback body the bot POSTed, with the files it attached. */
export interface RecordedCallback {
  type: InteractionResponseType;
  // Callback data differs per type (message, modal, autocomplete choices); read what the test needs.
  data?: CallbackData;
  attachments: RecordedAttachment[];
}

export interface CallbackData extends MessageBody {
  custom_id?: string;
  title?: string;
  choices?: Array<{ name: string; value: string | number }>;
  components?: APIMessage["components"] | null;
}

/** An edit, follow-up or deletion the bot made through the interaction webhook, in order. */
export interface WebhookCall {
  kind: "edit-original" | "delete-original" | "follow-up" | "edit-follow-up" | "delete-follow-up";
  body: unknown;
  attachments: RecordedAttachment[];
  /** The message as it stood right after this call (null for deletions). */
  message: APIMessage | null;
}

export class InteractionRecord {
  callback: RecordedCallback | null = null;
  /** The reply message (`@original`) once the callback created one. */
  original: APIMessage | null = null;
  readonly calls: WebhookCall[] = [];
  readonly followUps = new Map<string, APIMessage>();

  constructor(
    readonly payload: APIInteraction,
    readonly channel: ChannelState,
  ) {}
}

export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  /** The raw INTERACTION_CREATE payload that was dispatched. */
  readonly payload: APIInteraction;
  /** Resolves with the callback body once the bot answered (rejects after the emulator's timeout). */
  response(): Promise<RecordedCallback>;
  /** Resolves with the nth (1-based) edit/follow-up/deletion once it was recorded. */
  call(n?: number): Promise<WebhookCall>;
  /** Every edit, follow-up and deletion so far. */
  readonly calls: readonly WebhookCall[];
  /** The reply message as it stands now (after the callback and any edits), or null. */
  original(): APIMessage | null;
  /** The follow-up messages, in order. */
  followUps(): APIMessage[];
}

/** Who interacts, and where: a guild (default channel: its first text channel) or, without guildId, the bot's DMs. */
export interface InteractionContext {
  user: string | UserSeed | APIUser;
  guildId?: string;
  channelId?: string;
  /** The user's client locale (`interaction.locale`), default en-US. */
  locale?: string;
}

export type OptionValue = string | number | boolean;

export interface SlashCommandInput extends InteractionContext {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  /** Option values by name; types come from the registered command (else inferred from the value). */
  options?: Record<string, OptionValue>;
}

export interface AutocompleteInput extends SlashCommandInput {
  /** The option being typed in (its current text is in `options`). */
  focused: string;
}

export interface ComponentInput extends Omit<InteractionContext, "guildId" | "channelId"> {
  /** The message carrying the component (a recorded bot message or its id). */
  message: APIMessage | string;
}

export interface ButtonInput extends ComponentInput {
  customId?: string;
  /** Find the button by its label instead of its custom_id. */
  label?: string;
}

export interface StringSelectInput extends ComponentInput {
  customId: string;
  values: string[];
}

export interface ChannelSelectInput extends ComponentInput {
  customId: string;
  /** Channel ids; Discord's picker offers only the guild's channels of the select's channel_types. */
  values: string[];
}

export interface ModalSubmitInput {
  /** The interaction the bot answered with a modal (type 9): its user, place and modal are reused. */
  from: InteractionHandle;
  /** Values by the inputs' custom_id (string selects in labels take string[]). */
  values: Record<string, string | string[]>;
}

/** Builds interaction payloads against the world; the emulator dispatches and records them. */
export class InteractionFactory {
  constructor(private readonly world: World) {}

  slashCommand(input: SlashCommandInput, focused?: string): { payload: APIInteraction; channel: ChannelState } {
    const { base, channel } = this.base(
      input,
      focused === undefined ? InteractionType.ApplicationCommand : InteractionType.ApplicationCommandAutocomplete,
    );
    const command = this.findCommand(input.name, input.guildId);
    let defs = command?.options;
    if (input.subcommandGroup) defs = findOption(defs, input.subcommandGroup, command)?.options;
    if (input.subcommand) defs = findOption(defs, input.subcommand, command)?.options;
    const resolved: Resolved = {};
    let options: unknown[] = Object.entries(input.options ?? {}).map(([name, value]) => {
      const def = command ? findOption(defs, name, command) : undefined;
      const type = def?.type ?? inferType(value);
      this.resolve(type, value, channel, resolved);
      return { name, type, value, ...(name === focused ? { focused: true } : {}) };
    });
    if (command && focused === undefined) checkRequired(defs, input.options ?? {}, input.name);
    if (input.subcommand)
      options = [{ name: input.subcommand, type: ApplicationCommandOptionType.Subcommand, options }];
    if (input.subcommandGroup)
      options = [{ name: input.subcommandGroup, type: ApplicationCommandOptionType.SubcommandGroup, options }];
    const data = {
      id: command?.id ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      options,
      ...(Object.keys(resolved).length ? { resolved } : {}),
      ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
    };
    return { payload: { ...base, data } as unknown as APIInteraction, channel };
  }

  button(input: ButtonInput) {
    const message = this.message(input.message);
    const button = findComponent(
      message,
      (c) =>
        c.type === ComponentType.Button &&
        (c.custom_id === input.customId || (input.label !== undefined && c.label === input.label)),
    );
    if (!button?.custom_id)
      throw new Error(`discord emulator: no button ${input.customId ?? input.label} on message ${message.id}`);
    if (button.disabled) throw new Error(`discord emulator: button ${button.custom_id} is disabled`);
    return this.component(input, message, { custom_id: button.custom_id, component_type: ComponentType.Button });
  }

  stringSelect(input: StringSelectInput) {
    const message = this.message(input.message);
    const select = findComponent(
      message,
      (c) => c.type === ComponentType.StringSelect && c.custom_id === input.customId,
    );
    if (!select) throw new Error(`discord emulator: no string select ${input.customId} on message ${message.id}`);
    const allowed = new Set((select.options ?? []).map((o) => o.value));
    const bad = input.values.filter((v) => !allowed.has(v));
    if (bad.length) throw new Error(`discord emulator: ${bad.join(", ")} not among the options of ${input.customId}`);
    if (input.values.length < (select.min_values ?? 1) || input.values.length > (select.max_values ?? 1)) {
      throw new Error(`discord emulator: ${input.values.length} values outside ${input.customId}'s min/max`);
    }
    return this.component(input, message, {
      custom_id: input.customId,
      component_type: ComponentType.StringSelect,
      values: input.values,
    });
  }

  channelSelect(input: ChannelSelectInput) {
    const message = this.message(input.message);
    const select = findComponent(
      message,
      (c) => c.type === ComponentType.ChannelSelect && c.custom_id === input.customId,
    );
    if (!select) throw new Error(`discord emulator: no channel select ${input.customId} on message ${message.id}`);
    const where = this.world.channels.get(message.channel_id);
    if (!where?.guildId) throw new Error(`discord emulator: a channel select outside a guild cannot list channels`);
    for (const id of input.values) {
      const target = this.world.channels.get(id);
      if (target?.guildId !== where.guildId)
        throw new Error(`discord emulator: ${id} is not a channel of the guild ${input.customId} is in`);
      if (select.channel_types?.length && !select.channel_types.includes(target.type))
        throw new Error(`discord emulator: #${target.name} is not among the channel types of ${input.customId}`);
    }
    if (input.values.length < (select.min_values ?? 1) || input.values.length > (select.max_values ?? 1)) {
      throw new Error(`discord emulator: ${input.values.length} values outside ${input.customId}'s min/max`);
    }
    const resolved: Resolved = {};
    for (const id of input.values) this.resolve(ApplicationCommandOptionType.Channel, id, where, resolved);
    return this.component(input, message, {
      custom_id: input.customId,
      component_type: ComponentType.ChannelSelect,
      values: input.values,
      resolved,
    });
  }

  modalSubmit(input: ModalSubmitInput, record: InteractionRecord) {
    const modal = record.callback;
    if (modal?.type !== InteractionResponseType.Modal || !modal.data)
      throw new Error("discord emulator: that interaction was not answered with a modal");
    const from = record.payload as unknown as BasePayload;
    const components = ((modal.data.components ?? []) as unknown as ModalComponent[]).map((c) =>
      submitted(c, input.values),
    );
    const { message: _m, data: _d, id: _i, token: _t, type: _ty, ...place } = from;
    const payload = {
      ...place,
      id: snowflake(),
      token: randomCode(68),
      type: InteractionType.ModalSubmit,
      data: { custom_id: modal.data.custom_id, components },
      ...(from.message ? { message: from.message } : {}),
    };
    return { payload: payload as unknown as APIInteraction, channel: record.channel };
  }

  private component(input: ComponentInput, message: APIMessage, data: Record<string, unknown>) {
    const channel = this.world.channels.get(message.channel_id);
    if (!channel) throw new Error(`discord emulator: unknown channel ${message.channel_id}`);
    const { base } = this.base(
      { ...input, guildId: channel.guildId ?? undefined, channelId: channel.id },
      InteractionType.MessageComponent,
    );
    return { payload: { ...base, message, data } as unknown as APIInteraction, channel };
  }

  private message(message: APIMessage | string): APIMessage {
    const found = this.world.messages.get(typeof message === "string" ? message : message.id);
    if (!found)
      throw new Error(
        `discord emulator: no message ${typeof message === "string" ? message : message.id} was posted by the bot`,
      );
    return found;
  }

  private base(input: InteractionContext, type: InteractionType): { base: BasePayload; channel: ChannelState } {
    const user = this.world.resolveUser(input.user);
    const locale = input.locale ?? "en-US";
    const common = {
      id: snowflake(),
      application_id: this.world.applicationId,
      type,
      token: randomCode(68),
      version: 1,
      locale,
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (!input.guildId) {
      const channel = this.world.dmChannel(user.id);
      const base = {
        ...common,
        user,
        channel: this.world.apiChannel(channel),
        channel_id: channel.id,
        app_permissions: this.world.permissionsIn(channel, this.world.bot.id).toString(),
        authorizing_integration_owners: { "0": "0" },
        context: InteractionContextType.BotDM,
      };
      return { base, channel };
    }
    const guild = this.world.guild(input.guildId);
    const member = guild.members.get(user.id);
    if (!member) throw new Error(`discord emulator: ${user.username} is not a member of ${guild.name}`);
    const channel = input.channelId
      ? guild.channels.get(input.channelId)
      : [...guild.channels.values()].find((c) => c.type === 0);
    if (!channel) throw new Error(`discord emulator: no channel ${input.channelId ?? "(text)"} in ${guild.name}`);
    const base = {
      ...common,
      guild_id: guild.id,
      guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
      guild_locale: guild.preferredLocale,
      member: {
        ...this.world.apiMember(guild, member),
        permissions: this.world.permissionsIn(channel, user.id).toString(),
      },
      channel: this.world.apiChannel(channel),
      channel_id: channel.id,
      app_permissions: this.world.permissionsIn(channel, this.world.bot.id).toString(),
      authorizing_integration_owners: { "0": guild.id },
      context: InteractionContextType.Guild,
    };
    return { base, channel };
  }

  private findCommand(name: string, guildId: string | undefined): APIApplicationCommand | undefined {
    const scoped = guildId ? [...(this.world.guildCommands.get(guildId)?.values() ?? [])] : [];
    return [...scoped, ...this.world.globalCommands.values()].find(
      (c) => c.name === name && c.type === ApplicationCommandType.ChatInput,
    );
  }

  /** Fills `resolved` the way Discord does for user, channel, role and mentionable options. */
  private resolve(
    type: ApplicationCommandOptionType,
    value: OptionValue,
    channel: ChannelState,
    resolved: Resolved,
  ): void {
    const id = String(value);
    const guild = channel.guildId ? this.world.guild(channel.guildId) : null;
    const T = ApplicationCommandOptionType;
    if (type === T.User || (type === T.Mentionable && this.world.users.has(id))) {
      const user = this.world.resolveUser(id);
      (resolved.users ??= {})[id] = user;
      const member = guild?.members.get(id);
      if (guild && member) {
        const { user: _u, ...rest } = this.world.apiMember(guild, member);
        (resolved.members ??= {})[id] = { ...rest, permissions: this.world.permissionsIn(channel, id).toString() };
      }
    } else if (type === T.Role || type === T.Mentionable) {
      const role = guild?.roles.get(id);
      if (!role) throw new Error(`discord emulator: no role ${id} here`);
      (resolved.roles ??= {})[id] = role;
    } else if (type === T.Channel) {
      const target = this.world.channels.get(id);
      if (!target) throw new Error(`discord emulator: no channel ${id}`);
      (resolved.channels ??= {})[id] = {
        id,
        name: target.name,
        type: target.type,
        permissions: this.world.permissionsIn(target, this.world.bot.id).toString(),
      };
    }
  }
}

interface Resolved {
  users?: Record<string, APIUser>;
  members?: Record<string, unknown>;
  roles?: Record<string, unknown>;
  channels?: Record<string, unknown>;
}

type BasePayload = Record<string, unknown> & { message?: unknown };

interface AnyComponent {
  type: number;
  custom_id?: string;
  label?: string;
  disabled?: boolean;
  options?: Array<{ value: string }>;
  channel_types?: number[];
  min_values?: number;
  max_values?: number;
  components?: AnyComponent[];
  component?: AnyComponent;
  accessory?: AnyComponent;
}

function findComponent(message: APIMessage, match: (c: AnyComponent) => boolean): AnyComponent | undefined {
  const stack = [...((message.components ?? []) as unknown as AnyComponent[])];
  while (stack.length) {
    const c = stack.shift()!;
    if (match(c)) return c;
    stack.push(...(c.components ?? []), ...(c.component ? [c.component] : []), ...(c.accessory ? [c.accessory] : []));
  }
  return undefined;
}

function findOption(
  defs: APIApplicationCommandOption[] | undefined,
  name: string,
  command: APIApplicationCommand | undefined,
): (APIApplicationCommandOption & { options?: APIApplicationCommandOption[] }) | undefined {
  const def = defs?.find((o) => o.name === name);
  if (!def && command) throw new Error(`discord emulator: /${command.name} has no option or subcommand ${name}`);
  return def as (APIApplicationCommandOption & { options?: APIApplicationCommandOption[] }) | undefined;
}

function checkRequired(
  defs: APIApplicationCommandOption[] | undefined,
  given: Record<string, OptionValue>,
  command: string,
): void {
  const missing = (defs ?? []).filter((o) => "required" in o && o.required && !(o.name in given)).map((o) => o.name);
  if (missing.length)
    throw new Error(`discord emulator: /${command} needs ${missing.join(", ")} (Discord would not send it)`);
}

function inferType(value: OptionValue): ApplicationCommandOptionType {
  if (typeof value === "boolean") return ApplicationCommandOptionType.Boolean;
  if (typeof value === "number")
    return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

interface ModalComponent {
  type: number;
  id?: number;
  custom_id?: string;
  required?: boolean;
  min_length?: number;
  max_length?: number;
  components?: ModalComponent[];
  component?: ModalComponent;
}

/** Mirrors one shown modal component with the submitted value, checking what Discord's client enforces. */
function submitted(c: ModalComponent, values: Record<string, string | string[]>): unknown {
  if (c.type === ComponentType.ActionRow)
    return { type: c.type, id: c.id, components: (c.components ?? []).map((x) => submitted(x, values)) };
  if (c.type === ComponentType.Label && c.component)
    return { type: c.type, id: c.id, component: submitted(c.component, values) };
  if (c.type === ComponentType.TextDisplay) return { type: c.type, id: c.id };
  const value = c.custom_id === undefined ? undefined : values[c.custom_id];
  if (c.type === ComponentType.TextInput) {
    const text = typeof value === "string" ? value : "";
    if (c.required !== false && text === "")
      throw new Error(`discord emulator: modal field ${c.custom_id} is required`);
    if (text && (text.length < (c.min_length ?? 0) || text.length > (c.max_length ?? 4000))) {
      throw new Error(`discord emulator: modal field ${c.custom_id} length ${text.length} is outside its limits`);
    }
    return { type: c.type, id: c.id, custom_id: c.custom_id, value: text };
  }
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return { type: c.type, id: c.id, custom_id: c.custom_id, values: list };
}
