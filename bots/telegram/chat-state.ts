// The chat's stored state around one update: its session and its conversations' state are asked
// for together as soon as the person is known (the store answers reads asked for at once with
// one statement, beside the account lookup), and a session read but left unchanged is not
// written back.
import type { Context, MiddlewareFn, StorageAdapter } from "grammy";
import type { KeyValueStore, SessionData } from "./context.js";

/** The conversations plugin's key for a chat (its `prefix` followed by the chat key). */
export const CONVERSATION_PREFIX = "conv:";

export interface ChatState {
  /** Outermost: forgets what was read for the chat's update once it is done. */
  readonly scope: MiddlewareFn<Context>;
  /** Starts reading the chat's session and conversations' state; each plugin then gets its part. */
  prefetch(chatKey: string): void;
  /** The session storage for grammY's (lazy) session. */
  readonly sessions: StorageAdapter<SessionData>;
  /** The storage for the conversations plugin. */
  readonly conversations: StorageAdapter<never>;
}

/**
 * `chatKey` is the key updates are sequentialized by: a chat's updates are handled one at a
 * time in a process, so what is remembered here for a key belongs to its one update in flight.
 */
export function chatState(
  sessions: KeyValueStore<SessionData>,
  conversations: KeyValueStore<unknown>,
  chatKey: (ctx: Context) => string | undefined,
): ChatState {
  const sessionReads = new Map<string, Promise<SessionData | undefined>>();
  const conversationReads = new Map<string, Promise<unknown>>();
  /** The session as read (JSON), by key, until it is written back or the update ends. */
  const asRead = new Map<string, string>();
  const handled = <T>(read: Promise<T>) => {
    read.catch(() => undefined); // a read nobody takes must not be an unhandled rejection
    return read;
  };
  const take = <T>(reads: Map<string, Promise<T>>, key: string): Promise<T> | undefined => {
    const read = reads.get(key);
    reads.delete(key);
    return read;
  };
  return {
    async scope(ctx, next) {
      const key = chatKey(ctx);
      try {
        await next();
      } finally {
        if (key !== undefined) {
          sessionReads.delete(key);
          conversationReads.delete(CONVERSATION_PREFIX + key);
          asRead.delete(key);
        }
      }
    },
    prefetch(key) {
      sessionReads.set(key, handled(sessions.read(key)));
      conversationReads.set(CONVERSATION_PREFIX + key, handled(conversations.read(CONVERSATION_PREFIX + key)));
    },
    sessions: {
      async read(key) {
        const session = await (take(sessionReads, key) ?? sessions.read(key));
        if (session === undefined) asRead.delete(key);
        else asRead.set(key, JSON.stringify(session));
        return session;
      },
      async write(key, session) {
        const before = asRead.get(key);
        asRead.delete(key);
        if (before !== undefined && before === JSON.stringify(session)) return;
        await sessions.write(key, session);
      },
      async delete(key) {
        asRead.delete(key);
        await sessions.delete(key);
      },
    },
    conversations: {
      read: async (key) => (await (take(conversationReads, key) ?? conversations.read(key))) as never,
      write: (key, state) => conversations.write(key, state),
      delete: (key) => conversations.delete(key),
    },
  };
}
