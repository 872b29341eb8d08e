// The creator dashboard (a Telegram Mini App, and a page the Discord bot links to): the page at
// /app and its JSON API under /api/app. See page.ts and api.ts.
import type { HttpRoutes } from "../http-server.js";
import { dashboardApi } from "./api.js";
import { DASHBOARD_PATH, PAGE_HEADERS, PAGE_HTML } from "./page.js";
import type { DashboardOptions } from "./ports.js";

/** Encoded once: every answer sends the same bytes. */
const PAGE_BYTES = Buffer.from(PAGE_HTML, "utf8");

export function dashboardRoutes(options: DashboardOptions): HttpRoutes {
  return async (app) => {
    app.get(DASHBOARD_PATH, (_request, reply) => reply.headers(PAGE_HEADERS).send(PAGE_BYTES));
    await app.register(dashboardApi(options));
  };
}
