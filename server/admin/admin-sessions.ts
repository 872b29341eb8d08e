// Admin sign-in for the server's web pages (the queue dashboard). The bot gives an admin a
// one-time login link; opening it trades the token for a session cookie. Tokens and sessions
// live in Redis with a TTL, so every server process behind a load balancer knows them, keyed by
// their sha256, so that a Redis dump holds nothing usable.
import type { Redis } from "ioredis";
import { hashToken, isToken, newToken } from "../tokens.js";

export const LOGIN_TTL_S = 10 * 60;
export const SESSION_TTL_S = 12 * 60 * 60;

export interface AdminSessions {
  /** A single-use login token for `adminId` (e.g. "telegram:42"), valid LOGIN_TTL_S. */
  issueLogin(adminId: string): Promise<string>;
  /** Uses the token up; the admin it was issued to, or null when unknown, used or expired. */
  redeemLogin(token: string): Promise<string | null>;
  /** A new session for `adminId`, valid SESSION_TTL_S. */
  openSession(adminId: string): Promise<string>;
  /** The admin of a live session, or null. */
  sessionAdmin(sessionId: string): Promise<string | null>;
  /** Ends a session (signing out); nothing happens for an unknown one. */
  closeSession(sessionId: string): Promise<void>;
}

export function redisAdminSessions(redis: Redis, prefix = "admin:"): AdminSessions {
  const loginKey = (token: string) => `${prefix}login:${hashToken(token)}`;
  const sessionKey = (id: string) => `${prefix}session:${hashToken(id)}`;
  return {
    async issueLogin(adminId) {
      const token = newToken("admin-login");
      await redis.set(loginKey(token), adminId, "EX", LOGIN_TTL_S);
      return token;
    },
    // GETDEL: of two requests racing with one token, exactly one gets the admin.
    redeemLogin: async (token) => (isToken("admin-login", token) ? redis.getdel(loginKey(token)) : null),
    async openSession(adminId) {
      const id = newToken("admin-session");
      await redis.set(sessionKey(id), adminId, "EX", SESSION_TTL_S);
      return id;
    },
    sessionAdmin: async (id) => (isToken("admin-session", id) ? redis.get(sessionKey(id)) : null),
    async closeSession(id) {
      if (isToken("admin-session", id)) await redis.del(sessionKey(id));
    },
  };
}
