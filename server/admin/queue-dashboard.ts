// Bull Board at /admin/queues, read-only, for admins signed in with a one-time link from the bot.
//
// GET /admin/login?t=… only shows a button: link previews and scanners fetch URLs with GET, and
// must not use the token up. The button POSTs it; a live token becomes a session cookie
// (HttpOnly, SameSite=Strict, Secure over https) and a redirect to the dashboard, whose every
// page, asset and API call then needs that session. /admin/logout ends it (a button, then POST).
import type { Queue } from "bullmq";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { fastifyRefusal, type HttpRoutes } from "../http-server.js";
import { RequestInvalid, type ZodTypeProvider } from "../http/zod-schemas.js";
import { LOGIN_TTL_S, SESSION_TTL_S, type AdminSessions } from "./admin-sessions.js";

export const ADMIN_LOGIN_PATH = "/admin/login";
export const ADMIN_LOGOUT_PATH = "/admin/logout";
export const QUEUES_PATH = "/admin/queues";
export const SESSION_COOKIE = "forge_admin";

export interface QueueDashboardOptions {
  readonly sessions: AdminSessions;
  /** Whether `adminId` is (still) an admin: ADMIN_IDS may have changed since the link was given. */
  readonly isAdmin: (adminId: string) => boolean;
  /** Every queue to show; asked again at each sign-in, so that new queues appear. */
  readonly queues: () => Promise<readonly Queue[]>;
  /** The public URL is https: the cookie is only ever sent over https. */
  readonly secureCookie: boolean;
}

/** What the bot hands an admin: a sign-in link under `publicUrl`, and how long it lasts. */
export const adminLoginLink =
  (sessions: AdminSessions, publicUrl: string) =>
  async (adminId: string): Promise<{ url: string; minutes: number }> => ({
    url: `${publicUrl.replace(/\/+$/, "")}${ADMIN_LOGIN_PATH}?t=${await sessions.issueLogin(adminId)}`,
    minutes: LOGIN_TTL_S / 60,
  });

export function queueDashboardRoutes(options: QueueDashboardOptions): HttpRoutes {
  return async (app) => {
    // Loaded here, not at the top: processes without the dashboard never pay for Bull Board's modules.
    const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter }] = await Promise.all([
      import("@bull-board/api"),
      import("@bull-board/api/bullMQAdapter"),
      import("@bull-board/fastify"),
    ]);
    const readOnly = async () => (await options.queues()).map((q) => new BullMQAdapter(q, { readOnlyMode: true }));
    const adapter = new FastifyAdapter();
    const board = createBullBoard({
      queues: await readOnly(),
      serverAdapter: adapter,
      options: { uiConfig: { boardTitle: "CLONES Forge" } },
    });
    await app.register(signInRoutes(options, async () => board.replaceQueues(await readOnly())));
    await app.register(async (guarded) => {
      guarded.addHook("onRequest", requireSession(options));
      await guarded.register(adapter.setBasePath(QUEUES_PATH).registerPlugin(), { prefix: QUEUES_PATH });
    });
  };
}

const Token = z.object({ t: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/) });

const signInRoutes =
  (options: QueueDashboardOptions, refreshQueues: () => Promise<void>): HttpRoutes =>
  async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 1_024 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    app.setErrorHandler((error, _request, reply) => {
      if (error instanceof RequestInvalid || fastifyRefusal(error)) return page(reply, 400, LINK_MALFORMED);
      throw error;
    });
    app.get(ADMIN_LOGIN_PATH, { schema: { querystring: Token } }, (request, reply) =>
      page(reply, 200, signInForm(request.query.t)),
    );
    app.post(ADMIN_LOGIN_PATH, { schema: { body: Token } }, async (request, reply) => {
      const adminId = await options.sessions.redeemLogin(request.body.t);
      if (!adminId || !options.isAdmin(adminId)) return page(reply, 401, LINK_SPENT);
      const session = await options.sessions.openSession(adminId);
      await refreshQueues();
      return reply
        .code(303)
        .headers({
          "set-cookie": sessionCookie(session, options.secureCookie),
          location: QUEUES_PATH,
          "cache-control": "no-store",
        })
        .send();
    });
    app.get(ADMIN_LOGOUT_PATH, (_request, reply) => page(reply, 200, SIGN_OUT_FORM));
    app.post(ADMIN_LOGOUT_PATH, async (request, reply) => {
      const session = cookie(request.headers.cookie, SESSION_COOKIE);
      if (session) await options.sessions.closeSession(session);
      reply.header("set-cookie", sessionCookie("", options.secureCookie, 0));
      return page(reply, 200, SIGNED_OUT);
    });
  };

/** onRequest hook: the request carries the cookie of a live session of a current admin, or gets 401. */
const requireSession = (options: QueueDashboardOptions) => async (request: FastifyRequest, reply: FastifyReply) => {
  const session = cookie(request.headers.cookie, SESSION_COOKIE);
  const adminId = session ? await options.sessions.sessionAdmin(session) : null;
  if (adminId && options.isAdmin(adminId)) return;
  return reply.code(401).type("text/plain; charset=utf-8").header("cache-control", "no-store").send(SIGN_IN_FIRST);
};

const sessionCookie = (id: string, secure: boolean, maxAgeS = SESSION_TTL_S): string =>
  [
    `${SESSION_COOKIE}=${id}`,
    "Path=/admin",
    `Max-Age=${maxAgeS}`,
    "HttpOnly",
    "SameSite=Strict",
    ...(secure ? ["Secure"] : []),
  ].join("; ");

/** The value of cookie `name` in a Cookie header, or null. */
export function cookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return null;
}

const SIGN_IN_FIRST = `Sign in first: in the Telegram bot, an admin (ADMIN_IDS) sends /admin and presses 📋 Queues for a one-time link. A sign-in lasts ${SESSION_TTL_S / 3600} hours; ${ADMIN_LOGOUT_PATH} ends it sooner.`;
const LINK_SPENT = `This sign-in link was already used, has expired (links last ${LOGIN_TTL_S / 60} minutes) or is not an admin's. Ask the bot for a new one: /admin → 📋 Queues.`;
const LINK_MALFORMED = "This is not a sign-in link from the bot. Ask it for one: /admin → 📋 Queues.";

const SIGN_OUT_FORM = `<form method="post" action="${ADMIN_LOGOUT_PATH}"><button type="submit">Sign out of the queue dashboard</button></form>`;
const SIGNED_OUT =
  "Signed out: this browser's session has ended. A new link from the bot (/admin → 📋 Queues) signs in again.";

const signInForm = (token: string) =>
  `<form method="post" action="${ADMIN_LOGIN_PATH}"><input type="hidden" name="t" value="${token}">` +
  `<button type="submit">Open the queue dashboard</button></form>`;

/** A small HTML page that loads nothing, cannot be framed and tells no other site where it came from. */
function page(reply: FastifyReply, status: number, body: string) {
  const html = body.startsWith("<") ? body : `<p>${body}</p>`;
  return reply
    .code(status)
    .headers({
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      "content-security-policy": "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
    })
    .send(
      `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
        `<title>CLONES Forge admin</title><body>${html}</body></html>`,
    );
}
