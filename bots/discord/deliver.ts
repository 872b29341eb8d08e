// Delivers one stored notification through Discord's REST API and says what happened, in the
// terms the delivery queue acts on: sent, rate limited (retry_after), unreachable (DMs closed,
// unknown user: never again), certainly not delivered (retry), or refused/unknown (never twice).
// A new message goes to the person's DM channel (opened from their user id, the row's chatId);
// an edit names the channel and message it changes.
import {
  ButtonStyle,
  ComponentType,
  DiscordAPIError,
  HTTPError,
  RateLimitError,
  REST,
  Routes,
  type APIActionRowComponent,
  type APIButtonComponent,
} from "discord.js";
import type { DeliveryOutcome, StoredNotification } from "../../core/ports/notifications.js";
import { toDiscordMarkdown } from "./render.js";

/**
 * Discord's answers meaning the person cannot be reached: 50007 cannot send messages to this user
 * (DMs closed, no shared server, blocked), 10013 unknown user, 50033 invalid recipient.
 */
const UNREACHABLE = new Set([50007, 10013, 50033]);
/** Network failures that happen before Discord could have received anything. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
/** DM channels already opened (user id → channel id): each is opened once per process, not per message. */
const DM_CACHE_SIZE = 10_000;

/**
 * A REST client for deliveries: a 429 comes back as an error (the queue delays the job and pauses
 * every worker) instead of a wait inside the call, and nothing is retried behind the queue's back.
 */
export const discordRest = (options: { token: string; apiRoot?: string }): REST =>
  new REST({
    rejectOnRateLimit: () => true,
    retries: 0,
    ...(options.apiRoot ? { api: options.apiRoot } : {}),
  }).setToken(options.token);

function components(rows: StoredNotification["buttons"]): APIActionRowComponent<APIButtonComponent>[] {
  return (rows ?? [])
    .filter((row) => row.length)
    .map((row) => ({
      type: ComponentType.ActionRow,
      components: row.map((b): APIButtonComponent =>
        "url" in b
          ? { type: ComponentType.Button, style: ButtonStyle.Link, label: b.label, url: b.url }
          : { type: ComponentType.Button, style: ButtonStyle.Secondary, label: b.label, custom_id: b.data },
      ),
    }));
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * What a failed call means. `sending`: the call could have delivered the message, so only a
 * failure certain to precede it (connection refused, 5xx) is retried; a call that sends nothing
 * (opening a DM channel) is retried after any network failure.
 */
export function classifyDiscordError(error: unknown, sending = true): DeliveryOutcome {
  if (error instanceof RateLimitError)
    return { kind: "rate_limited", retryAfterMs: Math.max(1, Math.ceil(error.retryAfter)) };
  if (error instanceof DiscordAPIError) {
    if (typeof error.code === "number" && UNREACHABLE.has(error.code))
      return { kind: "unreachable", reason: `${error.code} ${error.message}` };
    return { kind: "failed", reason: `${error.status} ${error.code} ${error.message}` };
  }
  if (error instanceof HTTPError)
    return error.status >= 500
      ? { kind: "retry", reason: `${error.status} ${error.message}` }
      : { kind: "failed", reason: `${error.status} ${error.message}` };
  const code = errorCode(error);
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return !sending || (code && NOT_SENT.has(code)) ? { kind: "retry", reason } : { kind: "failed", reason };
}

/** Ports a delivery calls out to; each must not throw. */
export interface DiscordDeliveryHooks {
  /**
   * A new DM was refused with 50007 (the person's DMs are closed): e.g. a notice in a server
   * channel (bots/discord/community/dm-fallback.ts). The outcome stays "unreachable".
   */
  readonly onDmClosed?: (notification: StoredNotification) => Promise<void>;
}

const dmsClosed = (error: unknown) => error instanceof DiscordAPIError && error.code === 50007;

export function discordDeliverer(rest: REST, hooks: DiscordDeliveryHooks = {}) {
  const dmChannels = new Map<string, string>();
  async function dmChannel(userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known) return known;
    const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
    if (dmChannels.size >= DM_CACHE_SIZE) dmChannels.delete(dmChannels.keys().next().value!);
    dmChannels.set(userId, channel.id);
    return channel.id;
  }

  return async (n: StoredNotification): Promise<DeliveryOutcome> => {
    // Only Telegram rows predate markup payloads; HTML is not Discord's.
    if (n.format !== "markup") return { kind: "failed", reason: "unsupported-format:html" };
    // Nobody is pinged by a notification, whatever text it quotes.
    const body = { content: toDiscordMarkdown(n.text), allowed_mentions: { parse: [] } };
    if (n.edit) {
      try {
        // An edit without buttons removes the old ones, as on Telegram.
        await rest.patch(Routes.channelMessage(n.chatId, n.edit.messageId), {
          body: { ...body, components: components(n.buttons) },
        });
        return { kind: "sent", messageId: n.edit.messageId };
      } catch (error) {
        return classifyDiscordError(error);
      }
    }
    let channelId: string;
    try {
      channelId = await dmChannel(n.chatId);
    } catch (error) {
      if (dmsClosed(error)) await hooks.onDmClosed?.(n);
      // Opening a DM channel sends nothing: any failure of it can be tried again.
      return classifyDiscordError(error, false);
    }
    try {
      const buttons = components(n.buttons);
      const sent = (await rest.post(Routes.channelMessages(channelId), {
        body: buttons.length ? { ...body, components: buttons } : body,
      })) as { id: string };
      return { kind: "sent", messageId: sent.id };
    } catch (error) {
      if (dmsClosed(error)) await hooks.onDmClosed?.(n);
      return classifyDiscordError(error);
    }
  };
}
