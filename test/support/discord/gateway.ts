// The gateway side: HELLO, IDENTIFY → READY + GUILD_CREATE per guild of the shard, heartbeat ACKs,
// RESUME, REQUEST_GUILD_MEMBERS, and routed dispatches (shard of the guild, intent of the event).
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes } from "discord.js";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { randomCode, shardOf } from "./ids.js";
import type { World } from "./world.js";

/** What a client asked for in IDENTIFY. */
export interface IdentifyRecord {
  token: string;
  intents: number;
  shard: [number, number];
  properties: unknown;
}

/** One gateway session (survives a disconnect so that RESUME can pick it up). */
export interface GatewaySession {
  readonly id: string;
  readonly shard: [number, number];
  readonly intents: number;
  /** Last sequence number sent. */
  seq: number;
  /** READY and every initial GUILD_CREATE were sent. */
  ready: boolean;
  ws: WebSocket | null;
  /** Dispatches that happened while the socket was gone, replayed on RESUME. */
  backlog: string[];
}

/** Where a dispatch goes: a guild's shard (or shard 0 for DMs), and the intent it needs, if any. */
export interface DispatchRoute {
  guildId: string | null;
  intent?: GatewayIntentBits;
}

interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  /** Called after anything a test may wait for changed. */
  notify: () => void;
}

export class Gateway {
  readonly sessions = new Map<string, GatewaySession>();
  readonly identifies: IdentifyRecord[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });

  constructor(
    private readonly world: World,
    private readonly options: GatewayOptions,
    private readonly resumeUrl: () => string,
  ) {
    this.wss.on("connection", (ws) => this.onConnection(ws));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit("connection", ws, req));
  }

  /**
   * Sends an event to every ready session that would get it from Discord: the shard that owns
   * the guild (shard 0 for DMs), identified with the intent the event needs. Returns how many got it.
   */
  dispatch(t: GatewayDispatchEvents, d: unknown, route: DispatchRoute): number {
    let delivered = 0;
    for (const session of this.sessions.values()) {
      if (!session.ready || !this.receives(session, route)) continue;
      this.send(session, t, d);
      delivered++;
    }
    return delivered;
  }

  /** Closes every socket (code 1001, "going away") and forgets the sessions. */
  close(): Promise<void> {
    for (const ws of this.wss.clients) ws.close(1001, "emulator closing");
    this.sessions.clear();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private receives(session: GatewaySession, route: DispatchRoute): boolean {
    if (route.intent !== undefined && (session.intents & route.intent) === 0) return false;
    const [index, count] = session.shard;
    return route.guildId === null ? index === 0 : shardOf(route.guildId, count) === index;
  }

  private send(session: GatewaySession, t: string, d: unknown): void {
    session.seq++;
    const frame = JSON.stringify({ op: GatewayOpcodes.Dispatch, t, s: session.seq, d });
    if (session.ws) session.ws.send(frame);
    else session.backlog.push(frame);
  }

  private onConnection(ws: WebSocket): void {
    let session: GatewaySession | null = null;
    ws.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } }));
    ws.on("message", (raw: RawData) => {
      const payload = parse(raw);
      if (!payload) return ws.close(4002, "Error while decoding payload.");
      switch (payload.op) {
        case GatewayOpcodes.Heartbeat:
          return ws.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
        case GatewayOpcodes.Identify:
          if (session) return ws.close(4005, "Already authenticated.");
          session = this.identify(ws, payload.d as IdentifyPayload);
          return;
        case GatewayOpcodes.Resume:
          session = this.resume(ws, payload.d as ResumePayload);
          return;
        case GatewayOpcodes.RequestGuildMembers:
          if (session) this.requestMembers(session, payload.d as MembersRequest);
          return;
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.VoiceStateUpdate:
          return;
        default:
          return ws.close(4001, "Unknown opcode.");
      }
    });
    ws.on("close", (code) => {
      if (!session || session.ws !== ws) return;
      session.ws = null;
      // Like Discord: a normal close ends the session; anything else leaves it resumable.
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
      this.options.notify();
    });
  }

  private identify(ws: WebSocket, d: IdentifyPayload): GatewaySession | null {
    if (d.token !== this.options.token) {
      ws.close(4004, "Authentication failed.");
      return null;
    }
    const shard: [number, number] = d.shard ?? [0, 1];
    if (!(shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1])) {
      ws.close(4010, "Invalid shard.");
      return null;
    }
    this.identifies.push({ token: d.token, intents: d.intents, shard, properties: d.properties });
    const session: GatewaySession = {
      id: randomCode(32),
      shard,
      intents: d.intents,
      seq: 0,
      ready: false,
      ws,
      backlog: [],
    };
    this.sessions.set(session.id, session);
    const guilds = [...this.world.guilds.values()].filter((g) => shardOf(g.id, shard[1]) === shard[0]);
    this.send(session, GatewayDispatchEvents.Ready, {
      v: 10,
      user: this.world.bot,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.resumeUrl(),
      shard,
      application: { id: this.world.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      auth: {},
      _trace: ["discord-emulator"],
    });
    // Discord sends GUILD_CREATE only with the Guilds intent (discord.js then waits for them in vain).
    if (d.intents & GatewayIntentBits.Guilds) {
      for (const guild of guilds) this.send(session, GatewayDispatchEvents.GuildCreate, this.world.guildCreate(guild));
    }
    session.ready = true;
    this.options.notify();
    return session;
  }

  private resume(ws: WebSocket, d: ResumePayload): GatewaySession | null {
    const session = this.sessions.get(d.session_id);
    if (!session || d.token !== this.options.token) {
      ws.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
      return null;
    }
    session.ws?.close(4000, "Session resumed elsewhere.");
    session.ws = ws;
    for (const frame of session.backlog.splice(0)) ws.send(frame);
    this.send(session, GatewayDispatchEvents.Resumed, null);
    this.options.notify();
    return session;
  }

  private requestMembers(session: GatewaySession, d: MembersRequest): void {
    const guild = this.world.guilds.get(d.guild_id);
    if (!guild) return;
    const ids = d.user_ids === undefined ? null : Array.isArray(d.user_ids) ? d.user_ids : [d.user_ids];
    const query = (d.query ?? "").toLowerCase();
    let members = [...guild.members.values()].filter((m) =>
      ids ? ids.includes(m.userId) : this.world.users.get(m.userId)!.username.toLowerCase().startsWith(query),
    );
    if (d.limit) members = members.slice(0, d.limit);
    this.send(session, GatewayDispatchEvents.GuildMembersChunk, {
      guild_id: guild.id,
      members: members.map((m) => this.world.apiMember(guild, m)),
      chunk_index: 0,
      chunk_count: 1,
      not_found: ids ? ids.filter((id) => !guild.members.has(id)) : undefined,
      nonce: d.nonce,
    });
  }
}

interface IdentifyPayload {
  token: string;
  intents: number;
  shard?: [number, number];
  properties: unknown;
}

interface ResumePayload {
  token: string;
  session_id: string;
  seq: number;
}

interface MembersRequest {
  guild_id: string;
  query?: string;
  limit?: number;
  user_ids?: string | string[];
  nonce?: string;
}

function parse(raw: RawData): { op: number; d: unknown } | null {
  try {
    const value = JSON.parse(raw.toString()) as { op?: unknown; d?: unknown };
    return typeof value.op === "number" ? { op: value.op, d: value.d } : null;
  } catch {
    return null;
  }
}
