// What every dashboard API route shares: its path, the session its request runs for, and how a
// refusal answers (JSON with a stable code and the words for it).
import type { FastifyReply, FastifyRequest } from "fastify";
import type { DomainError } from "../../core/shared/errors.js";
import type { DashboardOptions } from "./ports.js";
import type { DashboardSession } from "./sessions.js";
import { REFUSALS, type DashboardLocale } from "./strings.js";

export const DASHBOARD_API = "/api/app";

const sessions = new WeakMap<FastifyRequest, DashboardSession>();

/** Marks the request as running for `session` (the guard's onRequest hook does, once checked). */
export const attachSession = (request: FastifyRequest, session: DashboardSession) => sessions.set(request, session);

/** The session a guarded route runs for, or null before the guard ran. */
export const maybeSession = (request: FastifyRequest): DashboardSession | null => sessions.get(request) ?? null;

/** The session a guarded route runs for (the guard answered 401 without one). */
export function sessionOf(request: FastifyRequest): DashboardSession {
  const session = sessions.get(request);
  if (!session) throw new Error("a dashboard route ran without its session guard");
  return session;
}

export const refuse = (reply: FastifyReply, status: number, code: string, message: string) =>
  reply.code(status).send({ code, message });

/** The dashboard's own refusal `code` in words. */
export const refusal = (locale: DashboardLocale, code: string): string =>
  REFUSALS[locale][code] ?? REFUSALS.en[code] ?? code;

/** How a core error answers: unknown 404, not yours 403, anything else a conflict with the state. */
export function coreRefusal(options: DashboardOptions, reply: FastifyReply, locale: DashboardLocale, e: DomainError) {
  const status = e.code === "FACTORY_NOT_FOUND" ? 404 : e.code === "FACTORY_NOT_OWNER" ? 403 : 409;
  return refuse(reply, status, e.code, options.describe(locale, e.code));
}
