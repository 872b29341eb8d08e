// The factory card's numbers and actions for the session's account: the list, pause, resume,
// withdraw (once per nonce, as the bot's confirm button) and fund (a Solana Pay request).
import { z } from "zod";
import { parseTypedAmount } from "../../core/money/typed-amount.js";
import type { HttpRoutes } from "../http-server.js";
import type { ZodTypeProvider } from "../http/zod-schemas.js";
import { coreRefusal, DASHBOARD_API, refuse, sessionOf } from "./reply.js";
import { factoryJson } from "./factory-json.js";
import type { DashboardOptions } from "./ports.js";

const Params = z.object({ id: z.string().min(1).max(128) });
const Empty = z.object({}).strict().optional();
const WithdrawBody = z.object({ nonce: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/) }).strict();
const FundBody = z.object({ amount: z.string().min(1).max(40) }).strict();

export function factoryActions(options: DashboardOptions): HttpRoutes {
  const { core, tokens } = options;
  const actor = (accountId: string) => ({ accountId, isAdmin: false });
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const base = `${DASHBOARD_API}/factories`;

    app.get(base, async (request) => {
      const { accountId } = sessionOf(request);
      const owned = await core.listOwnedFactories(accountId);
      const overviews = await Promise.all(
        owned.map((f) => core.getOwnedFactoryOverview({ actor: actor(accountId), factoryId: f.id, dialog: "card" })),
      );
      return { factories: overviews.flatMap((o) => (o.ok ? [factoryJson(tokens, o.value)] : [])) };
    });

    for (const action of ["pause", "resume"] as const)
      app.post(`${base}/:id/${action}`, { schema: { params: Params, body: Empty } }, async (request, reply) => {
        const { accountId, locale } = sessionOf(request);
        const factoryId = request.params.id;
        const changed = await core.changeFactoryStatus({ actor: actor(accountId), factoryId, action });
        if (!changed.ok) return coreRefusal(options, reply, locale, changed.error);
        const card = await core.getOwnedFactoryOverview({ actor: actor(accountId), factoryId, dialog: "card" });
        if (!card.ok) return coreRefusal(options, reply, locale, card.error);
        return { factory: factoryJson(tokens, card.value) };
      });

    app.post(`${base}/:id/withdraw`, { schema: { params: Params, body: WithdrawBody } }, async (request, reply) => {
      const { accountId, locale } = sessionOf(request);
      const factoryId = request.params.id;
      // The nonce is the request id: pressing twice (or two tabs) withdraws once.
      const payout = await core.withdrawPool({ actor: actor(accountId), factoryId, requestId: request.body.nonce });
      if (!payout.ok) return coreRefusal(options, reply, locale, payout.error);
      await options.owed?.();
      const card = await core.getOwnedFactoryOverview({ actor: actor(accountId), factoryId, dialog: "card" });
      if (!card.ok) return coreRefusal(options, reply, locale, card.error);
      const decimals = tokens.get(payout.value.token).decimals;
      const withdrawn = { id: payout.value.id, token: payout.value.token, units: payout.value.units.toString() };
      return { factory: factoryJson(tokens, card.value), withdrawn: { ...withdrawn, decimals } };
    });

    app.post(`${base}/:id/fund`, { schema: { params: Params, body: FundBody } }, async (request, reply) => {
      const { accountId, locale } = sessionOf(request);
      const factoryId = request.params.id;
      const overview = await core.getOwnedFactoryOverview({ actor: actor(accountId), factoryId, dialog: "fund" });
      if (!overview.ok) return coreRefusal(options, reply, locale, overview.error);
      if (!options.payments)
        return refuse(reply, 503, "PAYMENTS_NOT_CONFIGURED", options.describe(locale, "PAYMENTS_NOT_CONFIGURED"));
      const factory = overview.value.factory;
      // Read as the bot reads a typed amount: "12,5" is 12.5, and what could be read two ways is refused.
      const units = parseTypedAmount(request.body.amount, tokens.get(factory.token).decimals, locale);
      if (!units.ok) {
        const args = Object.fromEntries(Object.entries(units.error.context ?? {}).map(([k, v]) => [k, String(v)]));
        return refuse(reply, 400, units.error.code, options.describe(locale, units.error.code, args));
      }
      if (units.value === 0n) return refuse(reply, 400, "AMOUNT_INVALID", options.describe(locale, "AMOUNT_INVALID"));
      const shown = await options.payments.requestFunding({ accountId, factoryId, units: units.value }).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      if (!shown.ok) {
        // The payments port says no with a core error code as the message (app/payments.ts).
        const code = shown.error instanceof Error && /^[A-Z_]+$/.test(shown.error.message) ? shown.error.message : null;
        if (!code) throw shown.error;
        return refuse(reply, 409, code, options.describe(locale, code));
      }
      return {
        url: shown.value.url,
        qr: `data:image/png;base64,${Buffer.from(shown.value.qrPng).toString("base64")}`,
        expiresAt: shown.value.expiresAt.toISOString(),
        token: factory.token,
        amount: request.body.amount.trim(),
      };
    });
  };
}
