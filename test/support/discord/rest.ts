// The REST routes discord.js calls (under /api/v10), answered from the world with Discord's own
// status codes and error bodies (https://discord.com/developers/docs/topics/opcodes-and-status-codes).
import {
  ApplicationCommandType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIMessage,
} from "discord.js";
import type { Gateway } from "./gateway.js";
import { snowflake } from "./ids.js";
import type { InteractionRecord, RecordedCallback } from "./interactions.js";
import type { ChannelState, InviteBody, MessageBody, RecordedAttachment, World } from "./world.js";

export interface RestRequest {
  method: string;
  /** Path after /api/v10, e.g. /channels/1/messages. */
  path: string;
  params: string[];
  query: URLSearchParams;
  body: unknown;
  attachments: RecordedAttachment[];
}

export interface RestReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Route {
  method: string;
  pattern: RegExp;
  /** Interaction callbacks and webhooks are authenticated by their token, not the bot token. */
  auth: boolean;
  handle: (req: RestRequest) => RestReply;
}

export interface RestContext {
  world: World;
  gateway: Gateway;
  gatewayUrl: () => string;
  shards: number;
  interactionsById: Map<string, InteractionRecord>;
  interactionsByToken: Map<string, InteractionRecord>;
}

/** Discord's error body: `{ message, code }` (plus `errors` for invalid form bodies). */
export function apiError(status: number, code: number, message: string, errors?: unknown): RestReply {
  return { status, body: { message, code, ...(errors ? { errors } : {}) } };
}

const NO_CONTENT: RestReply = { status: 204 };
const ok = (body: unknown): RestReply => ({ status: 200, body });
const unknown = (what: string, code: number) => apiError(404, code, `Unknown ${what}`);
const invalidForm = (field: string, message: string) =>
  apiError(400, 50035, "Invalid Form Body", { [field]: { _errors: [{ code: "BASE_TYPE_INVALID", message }] } });
const MISSING_PERMISSIONS = apiError(403, 50013, "Missing Permissions");
const ID = "(\\d+)";
const TOKEN = "([^/]+)";

export class RestApi {
  private readonly routes: Route[];

  constructor(private readonly ctx: RestContext) {
    const app = `/applications/${ID}`;
    const webhook = `/webhooks/${ID}/${TOKEN}`;
    const r = (method: string, path: string, handle: Route["handle"], auth = true): Route => ({
      method,
      pattern: new RegExp(`^${path}$`),
      auth,
      handle,
    });
    this.routes = [
      r("GET", "/gateway", () => ok({ url: ctx.gatewayUrl() })),
      r("GET", "/gateway/bot", () => this.gatewayBot()),
      r("GET", "/users/@me", () => ok(ctx.world.bot)),
      r("GET", `/users/${ID}`, (q) => this.user(q.params[0]!)),
      r("POST", "/users/@me/channels", (q) => this.openDm(q.body as { recipient_id?: string })),
      r("GET", "/applications/@me", () => ok(this.application())),
      r("GET", `${app}/commands`, (q) => this.listCommands(q.params[0]!, null)),
      r("PUT", `${app}/commands`, (q) => this.putCommands(q.params[0]!, null, q.body)),
      r("POST", `${app}/commands`, (q) => this.postCommand(q.params[0]!, null, q.body)),
      r("DELETE", `${app}/commands/${ID}`, (q) => this.deleteCommand(q.params[0]!, null, q.params[1]!)),
      r("GET", `${app}/guilds/${ID}/commands`, (q) => this.listCommands(q.params[0]!, q.params[1]!)),
      r("PUT", `${app}/guilds/${ID}/commands`, (q) => this.putCommands(q.params[0]!, q.params[1]!, q.body)),
      r("POST", `${app}/guilds/${ID}/commands`, (q) => this.postCommand(q.params[0]!, q.params[1]!, q.body)),
      r("DELETE", `${app}/guilds/${ID}/commands/${ID}`, (q) =>
        this.deleteCommand(q.params[0]!, q.params[1]!, q.params[2]!),
      ),
      r("POST", `/interactions/${ID}/${TOKEN}/callback`, (q) => this.callback(q), false),
      r("GET", `${webhook}/messages/@original`, (q) => this.getOriginal(q), false),
      r("PATCH", `${webhook}/messages/@original`, (q) => this.editOriginal(q), false),
      r("DELETE", `${webhook}/messages/@original`, (q) => this.deleteOriginal(q), false),
      r("POST", webhook, (q) => this.followUp(q), false),
      r("GET", `${webhook}/messages/${ID}`, (q) => this.getFollowUp(q), false),
      r("PATCH", `${webhook}/messages/${ID}`, (q) => this.editFollowUp(q), false),
      r("DELETE", `${webhook}/messages/${ID}`, (q) => this.deleteFollowUp(q), false),
      r("GET", `/channels/${ID}`, (q) => this.withChannel(q, (c) => ok(ctx.world.apiChannel(c)))),
      r("POST", `/channels/${ID}/messages`, (q) => this.withChannel(q, (c) => this.postMessage(c, q))),
      r("GET", `/channels/${ID}/messages`, (q) => this.withChannel(q, (c) => ok(latest(c, q.query)))),
      r("POST", `/channels/${ID}/typing`, (q) => this.withChannel(q, () => NO_CONTENT)),
      r("GET", `/channels/${ID}/messages/${ID}`, (q) => this.withMessage(q, (_c, m) => ok(m))),
      r("PATCH", `/channels/${ID}/messages/${ID}`, (q) => this.withMessage(q, (c, m) => ok(this.edit(c, m, q)))),
      r("DELETE", `/channels/${ID}/messages/${ID}`, (q) => this.withMessage(q, (c, m) => this.deleteMessage(c, m))),
      r("POST", `/channels/${ID}/invites`, (q) =>
        this.withChannel(q, (c) => this.createInvite(c, q.body as InviteBody)),
      ),
      r("GET", `/guilds/${ID}`, (q) => this.withGuild(q, (g) => ok(this.guildObject(g)))),
      r("GET", `/guilds/${ID}/channels`, (q) =>
        this.withGuild(q, (g) => ok([...g.channels.values()].map((c) => ctx.world.apiChannel(c)))),
      ),
      r("GET", `/guilds/${ID}/roles`, (q) => this.withGuild(q, (g) => ok([...g.roles.values()]))),
      r("GET", `/guilds/${ID}/members/${ID}`, (q) => this.withGuild(q, (g) => this.member(g, q.params[1]!))),
      r("GET", `/guilds/${ID}/invites`, (q) => this.withGuild(q, (g) => this.guildInvites(g))),
      r("GET", `/invites/${TOKEN}`, (q) => this.invite(q.params[0]!)),
      r("DELETE", `/invites/${TOKEN}`, (q) => this.deleteInvite(q.params[0]!)),
    ];
  }

  /** The route for a request, with its captured parameters, or null (an unknown route). */
  match(method: string, path: string): { route: Route; params: string[] } | null {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(path);
      if (m) return { route, params: m.slice(1) };
    }
    return null;
  }

  private get world() {
    return this.ctx.world;
  }

  private gatewayBot(): RestReply {
    return ok({
      url: this.ctx.gatewayUrl(),
      shards: this.ctx.shards,
      // High concurrency: discord.js then identifies every shard at once instead of 5 s apart.
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 16 },
    });
  }

  private user(id: string): RestReply {
    const user = this.world.users.get(id);
    return user ? ok(user) : unknown("User", 10013);
  }

  private openDm(body: { recipient_id?: string }): RestReply {
    if (!body?.recipient_id || !this.world.users.has(body.recipient_id))
      return apiError(400, 50033, "Invalid Recipient(s)");
    return ok(this.world.apiChannel(this.world.dmChannel(body.recipient_id)));
  }

  private application() {
    return {
      id: this.world.applicationId,
      name: this.world.bot.username,
      icon: null,
      description: "",
      summary: "",
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: "0".repeat(64),
      team: null,
      flags: 0,
      bot: this.world.bot,
      approximate_guild_count: this.world.guilds.size,
      install_params: { scopes: ["bot", "applications.commands"], permissions: "0" },
    };
  }

  private commandMap(appId: string, guildId: string | null): Map<string, APIApplicationCommand> | null {
    if (appId !== this.world.applicationId) return null;
    if (!guildId) return this.world.globalCommands;
    if (!this.world.guilds.has(guildId)) return null;
    let map = this.world.guildCommands.get(guildId);
    if (!map) this.world.guildCommands.set(guildId, (map = new Map()));
    return map;
  }

  private listCommands(appId: string, guildId: string | null): RestReply {
    const map = this.commandMap(appId, guildId);
    return map ? ok([...map.values()]) : apiError(403, 50001, "Missing Access");
  }

  private putCommands(appId: string, guildId: string | null, body: unknown): RestReply {
    const map = this.commandMap(appId, guildId);
    if (!map) return apiError(403, 50001, "Missing Access");
    if (!Array.isArray(body)) return invalidForm("_root", "Must be an array of commands.");
    const problem = body.map((c: CommandBody) => commandProblem(c)).find(Boolean);
    if (problem) return invalidForm("name", problem);
    const previous = new Map([...map.values()].map((c) => [`${c.type}:${c.name}`, c.id]));
    map.clear();
    for (const c of body as CommandBody[]) this.storeCommand(map, guildId, c, previous.get(`${c.type ?? 1}:${c.name}`));
    return ok([...map.values()]);
  }

  private postCommand(appId: string, guildId: string | null, body: unknown): RestReply {
    const map = this.commandMap(appId, guildId);
    if (!map) return apiError(403, 50001, "Missing Access");
    const problem = commandProblem(body as CommandBody);
    if (problem) return invalidForm("name", problem);
    const c = body as CommandBody;
    const existing = [...map.values()].find((x) => x.name === c.name && x.type === (c.type ?? 1));
    return { status: existing ? 200 : 201, body: this.storeCommand(map, guildId, c, existing?.id) };
  }

  private deleteCommand(appId: string, guildId: string | null, id: string): RestReply {
    const map = this.commandMap(appId, guildId);
    if (!map?.delete(id)) return unknown("application command", 10063);
    return NO_CONTENT;
  }

  private storeCommand(
    map: Map<string, APIApplicationCommand>,
    guildId: string | null,
    c: CommandBody,
    id = snowflake(),
  ) {
    const command = {
      description: "",
      options: [],
      default_member_permissions: null,
      nsfw: false,
      ...c,
      id,
      type: c.type ?? ApplicationCommandType.ChatInput,
      application_id: this.world.applicationId,
      version: snowflake(),
      ...(guildId ? { guild_id: guildId } : {}),
    } as unknown as APIApplicationCommand;
    map.set(id, command);
    return command;
  }

  private callback(q: RestRequest): RestReply {
    const record = this.ctx.interactionsById.get(q.params[0]!);
    if (!record || record.payload.token !== q.params[1]) return unknown("interaction", 10062);
    if (record.callback) return apiError(400, 40060, "Interaction has already been acknowledged.");
    const body = q.body as { type?: number; data?: RecordedCallback["data"] };
    const problem = callbackProblem(record.payload.type, body, q.attachments);
    if (problem) return problem;
    const callback: RecordedCallback = { type: body.type!, data: body.data, attachments: q.attachments };
    record.callback = callback;
    const data = body.data ?? {};
    const payloadMessage = (record.payload as { message?: APIMessage }).message;
    if (
      callback.type === InteractionResponseType.ChannelMessageWithSource ||
      callback.type === InteractionResponseType.DeferredChannelMessageWithSource
    ) {
      const deferred = callback.type === InteractionResponseType.DeferredChannelMessageWithSource;
      const flags = (data.flags ?? 0) | (deferred ? MessageFlags.Loading : 0);
      record.original = this.world.createMessage(
        record.channel.id,
        deferred ? { flags } : { ...data, flags },
        q.attachments,
        {
          type:
            record.payload.type === InteractionType.ApplicationCommand
              ? MessageType.ChatInputCommand
              : MessageType.Reply,
          webhook_id: this.world.applicationId,
          application_id: this.world.applicationId,
          interaction_metadata: {
            id: record.payload.id,
            type: record.payload.type,
            user: interactionUser(record),
            authorizing_integration_owners: {},
          },
        } as Partial<APIMessage>,
      );
      if (!(flags & MessageFlags.Ephemeral)) record.channel.messages.push(record.original);
    } else if (payloadMessage) {
      // Component interactions: @original is the message the component is on.
      record.original = this.world.messages.get(payloadMessage.id) ?? null;
      if (record.original && callback.type === InteractionResponseType.UpdateMessage)
        this.world.editMessage(record.original, data, q.attachments);
    }
    if (q.query.get("with_response") !== "true") return NO_CONTENT;
    return ok({
      interaction: {
        id: record.payload.id,
        type: record.payload.type,
        activity_instance_id: null,
        response_message_id: record.original?.id ?? null,
        response_message_loading: Boolean((record.original?.flags ?? 0) & MessageFlags.Loading),
        response_message_ephemeral: Boolean((record.original?.flags ?? 0) & MessageFlags.Ephemeral),
      },
      ...(record.original || callback.type === InteractionResponseType.Modal
        ? { resource: { type: callback.type, ...(record.original ? { message: record.original } : {}) } }
        : {}),
    });
  }

  private webhookRecord(q: RestRequest): InteractionRecord | null {
    const record = this.ctx.interactionsByToken.get(q.params[1]!);
    return record && q.params[0] === this.world.applicationId ? record : null;
  }

  private getOriginal(q: RestRequest): RestReply {
    const record = this.webhookRecord(q);
    if (!record) return unknown("Webhook", 10015);
    return record.original ? ok(record.original) : unknown("Message", 10008);
  }

  private editOriginal(q: RestRequest): RestReply {
    const record = this.webhookRecord(q);
    if (!record) return unknown("Webhook", 10015);
    if (!record.original) return unknown("Message", 10008);
    const body = q.body as MessageBody;
    const problem = messageProblem(body, q.attachments, false);
    if (problem) return problem;
    const message = this.world.editMessage(record.original, body, q.attachments);
    message.flags = (message.flags ?? 0) & ~MessageFlags.Loading;
    record.calls.push({ kind: "edit-original", body: q.body, attachments: q.attachments, message });
    return ok(message);
  }

  private deleteOriginal(q: RestRequest): RestReply {
    const record = this.webhookRecord(q);
    if (!record) return unknown("Webhook", 10015);
    if (!record.original) return unknown("Message", 10008);
    removeFrom(record.channel.messages, record.original);
    record.original = null;
    record.calls.push({ kind: "delete-original", body: undefined, attachments: [], message: null });
    return NO_CONTENT;
  }

  private followUp(q: RestRequest): RestReply {
    const record = this.webhookRecord(q);
    if (!record?.callback) return unknown("Webhook", 10015);
    const body = q.body as MessageBody;
    const problem = messageProblem(body, q.attachments, true);
    if (problem) return problem;
    let message: APIMessage;
    if (record.original && (record.original.flags ?? 0) & MessageFlags.Loading) {
      // Discord: the first follow-up after a deferred reply replaces the "thinking…" message.
      message = this.world.editMessage(record.original, body, q.attachments);
      message.flags = ((message.flags ?? 0) & ~MessageFlags.Loading) | ((body.flags ?? 0) & MessageFlags.Ephemeral);
    } else {
      message = this.world.createMessage(record.channel.id, body, q.attachments, {
        webhook_id: this.world.applicationId,
        application_id: this.world.applicationId,
      } as Partial<APIMessage>);
      if (!((message.flags ?? 0) & MessageFlags.Ephemeral)) record.channel.messages.push(message);
    }
    record.followUps.set(message.id, message);
    record.calls.push({ kind: "follow-up", body: q.body, attachments: q.attachments, message });
    return q.query.get("wait") === "true" ? ok(message) : NO_CONTENT;
  }

  private getFollowUp(q: RestRequest): RestReply {
    const record = this.webhookRecord(q);
    if (!record) return unknown("Webhook", 10015);
    const message = record.followUps.get(q.params[2]!);
    return message ? ok(message) : unknown("Message", 10008);
  }

  private editFollowUp(q: RestRequest): RestReply {
    const record = this.webhookRecord(q);
    if (!record) return unknown("Webhook", 10015);
    const message = record.followUps.get(q.params[2]!);
    if (!message) return unknown("Message", 10008);
    this.world.editMessage(message, q.body as MessageBody, q.attachments);
    record.calls.push({ kind: "edit-follow-up", body: q.body, attachments: q.attachments, message });
    return ok(message);
  }

  private deleteFollowUp(q: RestRequest): RestReply {
    const record = this.webhookRecord(q);
    const message = record?.followUps.get(q.params[2]!);
    if (!record || !message) return unknown("Message", 10008);
    record.followUps.delete(message.id);
    removeFrom(record.channel.messages, message);
    record.calls.push({ kind: "delete-follow-up", body: undefined, attachments: [], message: null });
    return NO_CONTENT;
  }

  private withChannel(q: RestRequest, then: (c: ChannelState) => RestReply): RestReply {
    const channel = this.world.channels.get(q.params[0]!);
    return channel ? then(channel) : unknown("Channel", 10003);
  }

  private withMessage(q: RestRequest, then: (c: ChannelState, m: APIMessage) => RestReply): RestReply {
    return this.withChannel(q, (channel) => {
      const message = channel.messages.find((m) => m.id === q.params[1]);
      return message ? then(channel, message) : unknown("Message", 10008);
    });
  }

  private postMessage(channel: ChannelState, q: RestRequest): RestReply {
    if (channel.recipientId && this.world.closedDms.has(channel.recipientId)) {
      return apiError(403, 50007, "Cannot send messages to this user");
    }
    const denied = this.denied(channel, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages);
    if (denied) return denied;
    const body = q.body as MessageBody;
    const problem = messageProblem(body, q.attachments, true);
    if (problem) return problem;
    const message = this.world.createMessage(
      channel.id,
      body,
      q.attachments,
      channel.guildId ? ({ guild_id: channel.guildId } as Partial<APIMessage>) : {},
    );
    channel.messages.push(message);
    const intent = channel.guildId ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages;
    this.ctx.gateway.dispatch(GatewayDispatchEvents.MessageCreate, message, { guildId: channel.guildId, intent });
    return ok(message);
  }

  private edit(channel: ChannelState, message: APIMessage, q: RestRequest): APIMessage {
    const edited = this.world.editMessage(message, q.body as MessageBody, q.attachments);
    const intent = channel.guildId ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages;
    this.ctx.gateway.dispatch(GatewayDispatchEvents.MessageUpdate, edited, { guildId: channel.guildId, intent });
    return edited;
  }

  private deleteMessage(channel: ChannelState, message: APIMessage): RestReply {
    removeFrom(channel.messages, message);
    this.world.messages.delete(message.id);
    return NO_CONTENT;
  }

  /** 50001 without View Channel, 50013 without the rest (guild channels only). */
  private denied(channel: ChannelState, needed: bigint): RestReply | null {
    if (!channel.guildId) return null;
    const perms = this.world.permissionsIn(channel, this.world.bot.id);
    if (!(perms & PermissionFlagsBits.ViewChannel)) return apiError(403, 50001, "Missing Access");
    return (perms & needed) === needed ? null : MISSING_PERMISSIONS;
  }

  private createInvite(channel: ChannelState, body: InviteBody = {}): RestReply {
    if (!channel.guildId) return apiError(400, 50024, "Cannot execute action on this channel type");
    const denied = this.denied(channel, PermissionFlagsBits.CreateInstantInvite);
    if (denied) return denied;
    const before = this.world.guild(channel.guildId).invites.size;
    const invite = this.world.newInvite(channel, body ?? {});
    const api = this.world.apiInvite(invite);
    if (this.world.guild(channel.guildId).invites.size > before) {
      const { guild: _g, channel: _c, type: _t, expires_at: _e, ...event } = api;
      this.ctx.gateway.dispatch(
        GatewayDispatchEvents.InviteCreate,
        { ...event, guild_id: invite.guildId, channel_id: invite.channelId },
        { guildId: invite.guildId, intent: GatewayIntentBits.GuildInvites },
      );
    }
    return ok(api);
  }

  private withGuild(q: RestRequest, then: (g: ReturnType<World["guild"]>) => RestReply): RestReply {
    const guild = this.world.guilds.get(q.params[0]!);
    return guild ? then(guild) : unknown("Guild", 10004);
  }

  private guildObject(guild: ReturnType<World["guild"]>) {
    const {
      channels: _c,
      members: _m,
      threads: _t,
      presences: _p,
      voice_states: _v,
      joined_at: _j,
      member_count: _n,
      large: _l,
      unavailable: _u,
      lazy: _z,
      ...rest
    } = this.world.guildCreate(guild);
    return rest;
  }

  private member(guild: ReturnType<World["guild"]>, userId: string): RestReply {
    const member = guild.members.get(userId);
    return member ? ok(this.world.apiMember(guild, member)) : unknown("Member", 10007);
  }

  private guildInvites(guild: ReturnType<World["guild"]>): RestReply {
    if (!(this.world.basePermissions(guild, this.world.bot.id) & PermissionFlagsBits.ManageGuild))
      return MISSING_PERMISSIONS;
    const live = [...guild.invites.values()].filter((i) => !this.world.inviteExpired(i));
    return ok(live.map((i) => this.world.apiInvite(i)));
  }

  private findInvite(code: string) {
    for (const guild of this.world.guilds.values()) {
      const invite = guild.invites.get(code);
      if (invite && !this.world.inviteExpired(invite)) return invite;
    }
    return null;
  }

  private invite(code: string): RestReply {
    const invite = this.findInvite(code);
    return invite ? ok(this.world.apiInvite(invite)) : unknown("Invite", 10006);
  }

  private deleteInvite(code: string): RestReply {
    const invite = this.findInvite(code);
    if (!invite) return unknown("Invite", 10006);
    const guild = this.world.guild(invite.guildId);
    if (!(this.world.basePermissions(guild, this.world.bot.id) & PermissionFlagsBits.ManageGuild))
      return MISSING_PERMISSIONS;
    const api = this.world.apiInvite(invite);
    guild.invites.delete(code);
    this.ctx.gateway.dispatch(
      GatewayDispatchEvents.InviteDelete,
      { code, guild_id: guild.id, channel_id: invite.channelId },
      { guildId: guild.id, intent: GatewayIntentBits.GuildInvites },
    );
    return ok(api);
  }
}

interface CommandBody {
  name?: string;
  type?: number;
  description?: string;
  options?: unknown[];
}

const COMMAND_NAME = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Discord's checks on a command definition (name shape, description length, option count). */
function commandProblem(c: CommandBody): string | null {
  if (!c || typeof c.name !== "string") return "A command needs a name.";
  const chatInput = (c.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput;
  if (chatInput && !COMMAND_NAME.test(c.name)) return `Command name "${c.name}" is invalid (lowercase, 1-32 chars).`;
  if (chatInput && !(c.description && c.description.length <= 100))
    return `Command "${c.name}" needs a description of 1-100 chars.`;
  if ((c.options?.length ?? 0) > 25) return `Command "${c.name}" has more than 25 options.`;
  return null;
}

/** Discord's checks on a message body: not empty, content ≤ 2000, ≤ 10 embeds, ≤ 5 action rows. */
function messageProblem(
  body: MessageBody | undefined,
  files: RecordedAttachment[],
  creating: boolean,
): RestReply | null {
  const b = body ?? {};
  if (
    creating &&
    !b.content &&
    !b.embeds?.length &&
    !b.components?.length &&
    !files.length &&
    !b.poll &&
    !b.sticker_ids?.length
  ) {
    return apiError(400, 50006, "Cannot send an empty message");
  }
  if ((b.content?.length ?? 0) > 2000) return invalidForm("content", "Must be 2000 or fewer in length.");
  if ((b.embeds?.length ?? 0) > 10) return invalidForm("embeds", "Must be 10 or fewer in length.");
  const isV2 = ((b.flags ?? 0) & MessageFlags.IsComponentsV2) !== 0;
  if (!isV2 && (b.components?.length ?? 0) > 5) return invalidForm("components", "Must be 5 or fewer in length.");
  return null;
}

const ALLOWED_CALLBACKS: Record<number, number[]> = {
  [InteractionType.ApplicationCommand]: [4, 5, 9],
  [InteractionType.MessageComponent]: [4, 5, 6, 7, 9],
  [InteractionType.ApplicationCommandAutocomplete]: [8],
  [InteractionType.ModalSubmit]: [4, 5, 6, 7],
};

/** Whether this callback type is allowed for the interaction, and its data is what Discord accepts. */
function callbackProblem(
  interactionType: InteractionType,
  body: { type?: number; data?: RecordedCallback["data"] },
  files: RecordedAttachment[],
): RestReply | null {
  if (!ALLOWED_CALLBACKS[interactionType]?.includes(body?.type ?? -1)) {
    return invalidForm("type", `Callback type ${body?.type} is not valid for interaction type ${interactionType}.`);
  }
  const data = body.data;
  switch (body.type) {
    case InteractionResponseType.ChannelMessageWithSource:
      return messageProblem(data, files, true);
    case InteractionResponseType.UpdateMessage:
      return messageProblem(data, files, false);
    case InteractionResponseType.ApplicationCommandAutocompleteResult:
      return (data?.choices?.length ?? 0) > 25 ? invalidForm("data.choices", "Must be 25 or fewer in length.") : null;
    case InteractionResponseType.Modal: {
      const count = data?.components?.length ?? 0;
      if (!data?.custom_id || !data.title || data.title.length > 45)
        return invalidForm("data.title", "A modal needs a custom_id and a title of 1-45 chars.");
      return count >= 1 && count <= 5 ? null : invalidForm("data.components", "Must be between 1 and 5 in length.");
    }
    default:
      return null;
  }
}

function interactionUser(record: InteractionRecord) {
  const p = record.payload as { user?: unknown; member?: { user: unknown } };
  return p.member?.user ?? p.user;
}

/** `GET /channels/{id}/messages`: newest first, up to `limit` (default 50). */
function latest(channel: ChannelState, query: URLSearchParams): APIMessage[] {
  const limit = Math.min(Number(query.get("limit") ?? 50), 100);
  return channel.messages.slice(-limit).reverse();
}

function removeFrom(list: APIMessage[], message: APIMessage): void {
  const i = list.indexOf(message);
  if (i >= 0) list.splice(i, 1);
}
