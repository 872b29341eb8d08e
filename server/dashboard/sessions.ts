// Sign-in for the creator dashboard (the Mini App): sessions sent as a bearer token, and the
// one-time login tokens the Discord bot hands out. Both live in Redis with a TTL, keyed by their
// sha256 (a Redis dump holds nothing usable), so every server process knows them.
import type { Redis } from "ioredis";
import { z } from "zod";
import { hashToken, isToken, newToken } from "../tokens.js";
import { pickLocale, type DashboardLocale } from "./strings.js";

export const APP_LOGIN_TTL_S = 10 * 60;
export const APP_SESSION_TTL_S = 60 * 60;

/** Who a session acts for, and in which language the page talks to them. */
export interface DashboardSession {
  readonly accountId: string;
  readonly locale: DashboardLocale;
}

export interface DashboardSessions {
  /** A single-use login token for `accountId`, valid APP_LOGIN_TTL_S (the Discord bot's link). */
  issueLogin(accountId: string): Promise<string>;
  /** Uses the token up: the account it was issued to, or null when unknown, used or expired. */
  redeemLogin(token: string): Promise<string | null>;
  /** A new session, valid APP_SESSION_TTL_S. */
  openSession(session: DashboardSession): Promise<{ session: string; expiresAt: Date }>;
  /** The session behind a bearer token, or null when unknown or expired. */
  sessionOf(token: string): Promise<DashboardSession | null>;
}

const Stored = z.object({ accountId: z.string().min(1), locale: z.string() });

export function redisDashboardSessions(redis: Redis, prefix = "app:"): DashboardSessions {
  const loginKey = (token: string) => `${prefix}login:${hashToken(token)}`;
  const sessionKey = (token: string) => `${prefix}session:${hashToken(token)}`;
  return {
    async issueLogin(accountId) {
      const token = newToken("app-login");
      await redis.set(loginKey(token), accountId, "EX", APP_LOGIN_TTL_S);
      return token;
    },
    // GETDEL: of two requests racing with one token, exactly one gets the account.
    redeemLogin: async (token) => (isToken("app-login", token) ? redis.getdel(loginKey(token)) : null),
    async openSession(session) {
      const token = newToken("app-session");
      await redis.set(sessionKey(token), JSON.stringify(session), "EX", APP_SESSION_TTL_S);
      return { session: token, expiresAt: new Date(Date.now() + APP_SESSION_TTL_S * 1000) };
    },
    async sessionOf(token) {
      if (!isToken("app-session", token)) return null;
      const raw = await redis.get(sessionKey(token));
      const parsed = raw === null ? null : Stored.safeParse(parseJson(raw));
      return parsed?.success ? { accountId: parsed.data.accountId, locale: pickLocale(parsed.data.locale) } : null;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
