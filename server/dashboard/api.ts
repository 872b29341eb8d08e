// /api/app/*: the dashboard's JSON API. A session comes from Telegram's launch data or a one-time
// login token (POST /api/app/session); every other route needs it as `Authorization: Bearer`
// (no cookies, so no cross-site request can act). Actions go through the core use cases the
// bots' factory card calls, with the session's account as the actor: only owners act.
import { z } from "zod";
import { fastifyRefusal, type HttpRoutes } from "../http-server.js";
import { RequestInvalid, type ZodTypeProvider } from "../http/zod-schemas.js";
import { factoryActions } from "./actions.js";
import { verifyInitData } from "./init-data.js";
import { insightRoutes } from "./insights.js";
import type { DashboardOptions } from "./ports.js";
import { attachSession, DASHBOARD_API, maybeSession, refusal, refuse } from "./reply.js";
import type { DashboardSession } from "./sessions.js";
import { pickLocale, type DashboardLocale } from "./strings.js";

/** Sign-ins per client address per minute: plenty for a person, little for a guesser. */
const SIGN_INS_PER_MINUTE = 20;

const SessionBody = z.union([
  z.object({ initData: z.string().min(1).max(4_096) }).strict(),
  z.object({ login: z.string().min(1).max(100) }).strict(),
]);

export function dashboardApi(options: DashboardOptions): HttpRoutes {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.addHook("onSend", async (_request, reply) => void reply.header("cache-control", "no-store"));
    app.setErrorHandler((error, request, reply) => {
      const refused = error instanceof RequestInvalid ? error : fastifyRefusal(error);
      if (!refused) throw error;
      const locale = maybeSession(request)?.locale ?? "en";
      return refuse(reply, refused.statusCode, "BAD_REQUEST", `${refusal(locale, "BAD_REQUEST")} ${refused.message}`);
    });
    app.post(`${DASHBOARD_API}/session`, { schema: { body: SessionBody } }, async (request, reply) => {
      const wait = (await options.rateLimit?.hit(`app-session:${request.ip}`, SIGN_INS_PER_MINUTE, 60_000)) ?? 0;
      if (wait > 0)
        return refuse(reply.header("retry-after", wait), 429, "RATE_LIMITED", refusal("en", "RATE_LIMITED"));
      const found = await signIn(options, request.body);
      if (!found.ok) return refuse(reply, 401, found.code, refusal(found.locale, found.code));
      const opened = await options.sessions.openSession(found.session);
      return { session: opened.session, expiresAt: opened.expiresAt.toISOString(), locale: found.session.locale };
    });
    await app.register(async (guarded) => {
      guarded.addHook("onRequest", async (request, reply) => {
        const header = request.headers.authorization ?? "";
        const token = header.startsWith("Bearer ") ? header.slice(7).trim() : null;
        const session = token ? await options.sessions.sessionOf(token) : null;
        if (!session) return refuse(reply, 401, "SIGN_IN_FIRST", refusal("en", "SIGN_IN_FIRST"));
        attachSession(request, session);
      });
      await guarded.register(factoryActions(options));
      await guarded.register(insightRoutes(options));
    });
  };
}

type SignIn =
  | { ok: true; session: DashboardSession }
  | { ok: false; code: "INIT_DATA_INVALID" | "TELEGRAM_OFF" | "NO_ACCOUNT" | "LOGIN_SPENT"; locale: DashboardLocale };

async function signIn(options: DashboardOptions, body: z.output<typeof SessionBody>): Promise<SignIn> {
  if ("login" in body) {
    const accountId = await options.sessions.redeemLogin(body.login);
    if (!accountId) return { ok: false, code: "LOGIN_SPENT", locale: "en" };
    const profile = await options.core.getProfile(accountId);
    if (!profile.ok) return { ok: false, code: "NO_ACCOUNT", locale: "en" };
    return { ok: true, session: { accountId, locale: pickLocale(profile.value.account.locale) } };
  }
  if (!options.telegramBotToken) return { ok: false, code: "TELEGRAM_OFF", locale: "en" };
  const user = verifyInitData(body.initData, options.telegramBotToken);
  if (!user) return { ok: false, code: "INIT_DATA_INVALID", locale: "en" };
  const account = await options.telegramAccount(user.telegramUserId);
  const locale = pickLocale(account?.locale ?? user.languageCode);
  if (!account) return { ok: false, code: "NO_ACCOUNT", locale };
  return { ok: true, session: { accountId: account.id, locale } };
}
