// A local Discord (REST under /api/v10 + a gateway WebSocket) that a real discord.js Client logs
// in to: `new Client({ intents, rest: { api: emulator.apiRoot } })` then `client.login(emulator.token)`.
// Tests drive people through it (slash commands, buttons, selects, modals, joins) and read what
// the bot answered. Everything is in memory; dispatch is synchronous and cheap (benchmarks use it).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  GatewayDispatchEvents,
  GatewayIntentBits,
  type APIApplicationCommand,
  type APIGuildMember,
  type APIMessage,
  type APIUser,
} from "discord.js";
import { Changes } from "./changes.js";
import { Gateway, type DispatchRoute, type GatewaySession, type IdentifyRecord } from "./gateway.js";
import {
  InteractionFactory,
  InteractionRecord,
  type AutocompleteInput,
  type ButtonInput,
  type ChannelSelectInput,
  type InteractionHandle,
  type ModalSubmitInput,
  type SlashCommandInput,
  type StringSelectInput,
} from "./interactions.js";
import { RestApi, apiError, type RestReply, type RestRequest } from "./rest.js";
import {
  World,
  type GuildSeed,
  type GuildState,
  type InviteState,
  type RecordedAttachment,
  type UserSeed,
} from "./world.js";

export type {
  GuildSeed,
  UserSeed,
  ChannelSeed,
  MemberSeed,
  RoleSeed,
  OverwriteSeed,
  RecordedAttachment,
} from "./world.js";
export type { InteractionHandle, RecordedCallback, WebhookCall } from "./interactions.js";
export type { IdentifyRecord, GatewaySession } from "./gateway.js";

/** A bot token in Discord's shape (the emulator accepts only the one it was started with). */
export const DISCORD_EMULATOR_TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAw.GEmuLa.discord-emulator-token-for-tests-only";

export interface DiscordEmulatorOptions {
  /** The bot token IDENTIFY and `Authorization: Bot …` must carry. */
  token?: string;
  bot?: UserSeed;
  /** Defaults to the bot user's id, as for every bot created since 2019. */
  applicationId?: string;
  /** People known before any guild mentions them (e.g. DM-only users). */
  users?: UserSeed[];
  /** The guilds the bot is in; default one guild "Test Server" with #general. */
  guilds?: GuildSeed[];
  /** What `GET /gateway/bot` recommends (discord.js uses it with `shards: 'auto'`). */
  shards?: number;
  /** User ids whose DMs are closed: messages to them fail with 403 / 50007. */
  closedDms?: string[];
  heartbeatIntervalMs?: number;
  /** How long `response()`, `call()` and `waitFor()` wait before failing (default 5 s). */
  timeoutMs?: number;
}

/** One REST call the bot made. */
export interface RecordedRequest {
  method: string;
  /** Path after /api/v10. */
  path: string;
  query: string;
  status: number;
  body: unknown;
  attachments: RecordedAttachment[];
}

export interface DiscordEmulator {
  /** For `new Client({ rest: { api } })` (and DISCORD_API_ROOT): `http://127.0.0.1:<port>/api`. */
  readonly apiRoot: string;
  /** The WebSocket URL `GET /gateway/bot` hands out. */
  readonly gatewayUrl: string;
  readonly token: string;
  readonly bot: APIUser;
  readonly applicationId: string;
  /** The in-memory state itself, for assertions the helpers below do not cover. */
  readonly world: World;

  addUser(seed: UserSeed): APIUser;
  /** Adds a guild the bot just joined; connected shards that own it get GUILD_CREATE. */
  addGuild(seed: GuildSeed): GuildState;
  guild(id: string): GuildState;

  /** A person runs a slash command; `response()` resolves with the bot's callback. */
  slashCommand(input: SlashCommandInput): InteractionHandle;
  /** A person types in an autocompleted option; the callback is type 8 with `data.choices`. */
  autocomplete(input: AutocompleteInput): InteractionHandle;
  /** A person presses a button on a message the bot posted (by custom_id or label). */
  button(input: ButtonInput): InteractionHandle;
  /** A person picks values in a string select on a message the bot posted. */
  stringSelect(input: StringSelectInput): InteractionHandle;
  /** A person picks channels of the message's guild in a channel select (type 8) on a message the bot posted. */
  channelSelect(input: ChannelSelectInput): InteractionHandle;
  /** A person submits the modal the bot showed in answer to `input.from`. */
  modalSubmit(input: ModalSubmitInput): InteractionHandle;

  /** Messages the bot posted in a channel (including public interaction replies), in order. */
  messages(channelId: string): APIMessage[];
  /** Messages the bot posted in its DM channel with a user (DMs and public replies to DM interactions). */
  dms(userId: string): APIMessage[];
  closeDms(userId: string): void;
  openDms(userId: string): void;

  /** Live invites of a guild with their `uses`. */
  invites(guildId: string): InviteState[];
  /** A user joins (through an invite if given, which counts a use); GUILD_MEMBER_ADD goes to shards with GuildMembers. */
  memberJoins(guildId: string, user: string | UserSeed, inviteCode?: string): APIGuildMember;
  /** A member leaves; GUILD_MEMBER_REMOVE goes to shards with GuildMembers. */
  memberLeaves(guildId: string, userId: string): void;

  /** Registered commands: global ones, or a guild's. */
  commands(guildId?: string): APIApplicationCommand[];
  readonly identifies: readonly IdentifyRecord[];
  /** Gateway sessions that are ready (READY and GUILD_CREATEs sent), connected or resumable. */
  sessions(): GatewaySession[];
  /** Resolves once `count` sessions are connected and ready. */
  waitForSessions(count: number): Promise<GatewaySession[]>;

  /** Every REST call, in order. */
  readonly requests: readonly RecordedRequest[];
  /** REST calls to routes the emulator does not know (answered 404, code 0). */
  readonly unknownRequests: readonly RecordedRequest[];
  /**
   * Forgets recorded requests, answered interactions and the messages they made (long benchmarks
   * call it between rounds so memory stays flat). Guilds, users, invites and commands stay.
   */
  clearRecords(): void;
  /** The next request matching answers 429 with `retry_after` (seconds) once. */
  rateLimitOnce(method: string, path: string | RegExp, retryAfterSeconds?: number): void;

  /** Sends any dispatch to the sessions that would get it; returns how many did. */
  dispatch(event: GatewayDispatchEvents, data: unknown, route: DispatchRoute): number;
  /**
   * Resolves with the first truthy `check()`, re-run after every change the emulator records (a
   * REST call, a session, a join). It does not see the client's own state: await its events for that.
   */
  waitFor<T>(check: () => T | null | undefined | false, what?: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** Starts the emulator on 127.0.0.1 with a random port. */
export async function startDiscordEmulator(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
  const token = options.token ?? DISCORD_EMULATOR_TOKEN;
  const world = new World(options.bot ?? { username: "Forge Bot" }, options.applicationId);
  for (const user of options.users ?? []) world.addUser(user);
  for (const guild of options.guilds ?? [{ name: "Test Server" }]) world.addGuild(guild);
  for (const id of options.closedDms ?? []) world.closedDms.add(id);

  const changes = new Changes(options.timeoutMs ?? 5_000);
  const notify = () => changes.notify();
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}/gateway`;
  const gateway = new Gateway(
    world,
    { token, heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250, notify },
    gatewayUrl,
  );
  const interactionsById = new Map<string, InteractionRecord>();
  const interactionsByToken = new Map<string, InteractionRecord>();
  const rest = new RestApi({
    world,
    gateway,
    gatewayUrl,
    shards: options.shards ?? 1,
    interactionsById,
    interactionsByToken,
  });
  const requests: RecordedRequest[] = [];
  const unknownRequests: RecordedRequest[] = [];
  const rateLimits: Array<{ method: string; path: string | RegExp; retryAfter: number }> = [];

  const handleRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    // discord.js escapes path segments (`@original` arrives as `%40original`).
    const path = url.pathname
      .replace(/^\/api(\/v\d+)?/, "")
      .split("/")
      .map(decodeURIComponent)
      .join("/");
    const method = req.method ?? "GET";
    const parsed = await readBody(req);
    const record = (status: number) => {
      const entry = { method, path, query: url.search, status, body: parsed.body, attachments: parsed.attachments };
      requests.push(entry);
      return entry;
    };
    let reply: RestReply;
    const matched = rest.match(method, path);
    const limited = rateLimits.findIndex(
      (l) => l.method === method && (typeof l.path === "string" ? l.path === path : l.path.test(path)),
    );
    if (parsed.invalid) reply = apiError(400, 50109, "The request body contains invalid JSON.");
    else if (limited >= 0) reply = tooManyRequests(rateLimits.splice(limited, 1)[0]!.retryAfter);
    else if (!matched) reply = apiError(404, 0, "404: Not Found");
    else if (matched.route.auth && req.headers.authorization !== `Bot ${token}`)
      reply = apiError(401, 0, "401: Unauthorized");
    else {
      const request: RestRequest = { method, path, params: matched.params, query: url.searchParams, ...parsed };
      reply = matched.route.handle(request);
    }
    const entry = record(reply.status);
    if (!matched) unknownRequests.push(entry);
    send(res, reply);
    notify();
  };

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      console.error("discord emulator: request failed", error);
      send(res, apiError(500, 0, "500: Internal Server Error"));
    });
  });
  server.on("upgrade", (req, socket, head) => {
    if (new URL(req.url ?? "/", "http://127.0.0.1").pathname === "/gateway") gateway.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;

  const factory = new InteractionFactory(world);
  const deliver = ({ payload, channel }: ReturnType<InteractionFactory["slashCommand"]>): InteractionHandle => {
    const record = new InteractionRecord(payload, channel);
    interactionsById.set(payload.id, record);
    interactionsByToken.set(payload.token, record);
    const delivered = gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload, { guildId: channel.guildId });
    if (delivered === 0)
      throw new Error(
        `discord emulator: no ready gateway session receives ${channel.guildId ? `guild ${channel.guildId}` : "DMs"}`,
      );
    return handleFor(record, changes);
  };

  return {
    apiRoot: `http://127.0.0.1:${port}/api`,
    gatewayUrl: gatewayUrl(),
    token,
    bot: world.bot,
    applicationId: world.applicationId,
    world,
    addUser: (seed) => world.addUser(seed),
    addGuild(seed) {
      const guild = world.addGuild(seed);
      gateway.dispatch(GatewayDispatchEvents.GuildCreate, world.guildCreate(guild), {
        guildId: guild.id,
        intent: GatewayIntentBits.Guilds,
      });
      notify();
      return guild;
    },
    guild: (id) => world.guild(id),
    slashCommand: (input) => deliver(factory.slashCommand(input)),
    autocomplete: (input) => deliver(factory.slashCommand(input, input.focused)),
    button: (input) => deliver(factory.button(input)),
    stringSelect: (input) => deliver(factory.stringSelect(input)),
    channelSelect: (input) => deliver(factory.channelSelect(input)),
    modalSubmit(input) {
      const record = interactionsById.get(input.from.id);
      if (!record) throw new Error("discord emulator: unknown interaction");
      return deliver(factory.modalSubmit(input, record));
    },
    messages: (channelId) => world.channels.get(channelId)?.messages ?? [],
    dms: (userId) => {
      const id = world.dmChannelByUser.get(userId);
      return id ? world.channels.get(id)!.messages : [];
    },
    closeDms: (userId) => void world.closedDms.add(userId),
    openDms: (userId) => void world.closedDms.delete(userId),
    invites: (guildId) => [...world.guild(guildId).invites.values()].filter((i) => !world.inviteExpired(i)),
    memberJoins(guildId, user, inviteCode) {
      const member = joinGuild(world, gateway, guildId, user, inviteCode);
      notify();
      return member;
    },
    memberLeaves(guildId, userId) {
      const guild = world.guild(guildId);
      if (!guild.members.delete(userId)) throw new Error(`discord emulator: ${userId} is not in ${guild.name}`);
      gateway.dispatch(
        GatewayDispatchEvents.GuildMemberRemove,
        { guild_id: guildId, user: world.users.get(userId) },
        { guildId, intent: GatewayIntentBits.GuildMembers },
      );
      notify();
    },
    commands: (guildId) => [
      ...(guildId ? (world.guildCommands.get(guildId)?.values() ?? []) : world.globalCommands.values()),
    ],
    identifies: gateway.identifies,
    sessions: () => [...gateway.sessions.values()].filter((s) => s.ready),
    waitForSessions: (count) =>
      changes.until(() => {
        const live = [...gateway.sessions.values()].filter((s) => s.ready && s.ws);
        return live.length >= count && live;
      }, `${count} gateway session(s)`),
    requests,
    unknownRequests,
    clearRecords() {
      requests.length = 0;
      unknownRequests.length = 0;
      for (const record of interactionsById.values()) {
        for (const message of [record.original, ...record.followUps.values()]) {
          if (!message) continue;
          world.messages.delete(message.id);
          const list = record.channel.messages;
          const i = list.indexOf(message);
          if (i >= 0) list.splice(i, 1);
        }
      }
      interactionsById.clear();
      interactionsByToken.clear();
    },
    rateLimitOnce: (method, path, retryAfterSeconds = 0.01) =>
      void rateLimits.push({ method, path, retryAfter: retryAfterSeconds }),
    dispatch: (event, data, route) => gateway.dispatch(event, data, route),
    waitFor: (check, what = "a condition", timeoutMs) => changes.until(check, what, timeoutMs),
    async close() {
      changes.clear();
      await gateway.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function handleFor(record: InteractionRecord, changes: Changes): InteractionHandle {
  const name = `interaction ${record.payload.id}`;
  return {
    id: record.payload.id,
    token: record.payload.token,
    payload: record.payload,
    response: () => changes.until(() => record.callback, `the response to ${name}`),
    call: (n = 1) => changes.until(() => record.calls[n - 1], `call #${n} on ${name}`),
    calls: record.calls,
    original: () => record.original,
    followUps: () => [...record.followUps.values()],
  };
}

function joinGuild(
  world: World,
  gateway: Gateway,
  guildId: string,
  user: string | UserSeed,
  inviteCode?: string,
): APIGuildMember {
  const guild = world.guild(guildId);
  const joiner = world.resolveUser(user);
  if (guild.members.has(joiner.id)) throw new Error(`discord emulator: ${joiner.username} is already in ${guild.name}`);
  if (inviteCode !== undefined) {
    const invite = guild.invites.get(inviteCode);
    if (!invite || world.inviteExpired(invite))
      throw new Error(`discord emulator: invite ${inviteCode} is not valid for ${guild.name}`);
    invite.uses++;
    if (invite.maxUses > 0 && invite.uses >= invite.maxUses) {
      // Discord deletes an invite when its last use is spent.
      guild.invites.delete(invite.code);
      gateway.dispatch(
        GatewayDispatchEvents.InviteDelete,
        { code: invite.code, guild_id: guildId, channel_id: invite.channelId },
        { guildId, intent: GatewayIntentBits.GuildInvites },
      );
    }
  }
  const member = world.apiMember(guild, world.addMember(guild, joiner.id, []));
  gateway.dispatch(
    GatewayDispatchEvents.GuildMemberAdd,
    { ...member, guild_id: guildId },
    { guildId, intent: GatewayIntentBits.GuildMembers },
  );
  return member;
}

function tooManyRequests(retryAfter: number): RestReply {
  return {
    status: 429,
    body: { message: "You are being rate limited.", retry_after: retryAfter, global: false },
    // Discord sends whole seconds in Retry-After; the exact value keeps retry tests fast.
    headers: {
      "retry-after": String(retryAfter),
      "x-ratelimit-limit": "1",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset-after": String(retryAfter),
      "x-ratelimit-scope": "user",
    },
  };
}

function send(res: ServerResponse, reply: RestReply): void {
  if (reply.body === undefined) {
    // Discord answers 204 without a content-type; @discordjs/rest relies on that.
    res.writeHead(reply.status, reply.headers).end();
    return;
  }
  res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers }).end(JSON.stringify(reply.body));
}

interface ParsedBody {
  body: unknown;
  attachments: RecordedAttachment[];
  invalid?: boolean;
}

/** JSON, or multipart/form-data with `payload_json` and `files[n]` parts (how discord.js sends files). */
async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined, attachments: [] };
  const type = req.headers["content-type"] ?? "";
  try {
    if (!type.startsWith("multipart/form-data")) return { body: JSON.parse(raw.toString("utf8")), attachments: [] };
    const form = await new Response(raw, { headers: { "content-type": type } }).formData();
    let body: unknown;
    const attachments: RecordedAttachment[] = [];
    for (const [key, value] of form) {
      if (key === "payload_json" && typeof value === "string") body = JSON.parse(value);
      else if (typeof value !== "string") {
        attachments.push({
          name: value.name,
          contentType: value.type || "application/octet-stream",
          bytes: Buffer.from(await value.arrayBuffer()),
        });
      }
    }
    return { body, attachments };
  } catch {
    return { body: raw.toString("utf8"), attachments: [], invalid: true };
  }
}
