// The chat's session around one update: read only by the handlers that use it (the store answers
// reads asked for at once, by concurrent updates, with one statement), and a session read but
// left unchanged is not written back.
import type { Context, MiddlewareFn, StorageAdapter } from "grammy";
import type { KeyValueStore, SessionData } from "./context.js";

export interface ChatState {
  /** Outermost: forgets what was read for the chat's update once it is done. */
  readonly scope: MiddlewareFn<Context>;
  /** The session storage for grammY's (lazy) session. */
  readonly sessions: StorageAdapter<SessionData>;
}

/**
 * `chatKey` is the key updates are sequentialized by: a chat's updates are handled one at a
 * time in a process, so what is remembered here for a key belongs to its one update in flight.
 */
export function chatState(
  sessions: KeyValueStore<SessionData>,
  chatKey: (ctx: Context) => string | undefined,
): ChatState {
  /** The session as read (JSON), by key, until it is written back or the update ends. */
  const asRead = new Map<string, string>();
  return {
    async scope(ctx, next) {
      const key = chatKey(ctx);
      try {
        await next();
      } finally {
        if (key !== undefined) asRead.delete(key);
      }
    },
    sessions: {
      async read(key) {
        const session = await sessions.read(key);
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
  };
}
