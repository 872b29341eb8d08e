// Solana Pay transaction requests (https://docs.solanapay.com/spec#specification-transaction-request):
// a wallet opens `solana:<our https URL>`, GETs a label and an icon to show, then POSTs
// `{ "account": <its address> }` and receives a transaction to sign. Wallets run in browsers
// too, so the answers allow any origin. What the transaction is, is the caller's business.
import type { FastifyError, FastifyReply } from "fastify";
import { z } from "zod";
import { fastifyRefusal, type HttpRoutes } from "../http-server.js";
import { RequestInvalid, type ZodTypeProvider } from "../http/zod-schemas.js";

export const TRANSACTION_REQUEST_PATH = "/api/pay/tx";

const Account = z.object({ account: z.string().regex(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/, "a Solana address") });
const Params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/) });

export type BuiltTransaction =
  { ok: true; transaction: string; message: string } | { ok: false; status: number; message: string };

export interface TransactionRequestDeps {
  readonly label: string;
  /** An absolute URL of an SVG, PNG or WebP icon. */
  readonly icon: string;
  /** The transaction for request `requestId`, for `account` to sign; an error when it cannot be paid. */
  build(requestId: string, account: string): Promise<BuiltTransaction>;
}

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type, accept",
};

const BODY_LIMIT = 4_096;

const respond = (reply: FastifyReply, status: number, body: unknown) =>
  reply
    .code(status)
    .headers({ ...CORS, "cache-control": "no-store" })
    .send(body);

export function transactionRequestRoutes(deps: TransactionRequestDeps): HttpRoutes {
  const path = `${TRANSACTION_REQUEST_PATH}/:id`;
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.setErrorHandler(refused);
    app.options(path, (_request, reply) => reply.code(204).headers(CORS).send());
    app.get(path, { schema: { params: Params } }, async (_request, reply) =>
      respond(reply, 200, { label: deps.label, icon: deps.icon }),
    );
    app.post(path, { bodyLimit: BODY_LIMIT, schema: { params: Params, body: Account } }, async (request, reply) => {
      const built = await deps.build(request.params.id, request.body.account);
      return built.ok
        ? respond(reply, 200, { transaction: built.transaction, message: built.message })
        : respond(reply, built.status, { message: built.message });
    });
  };
}

/** Refusals in the spec's `{ message }` shape, with CORS so that a browser wallet can read them. */
function refused(error: FastifyError, _request: unknown, reply: FastifyReply) {
  if (error instanceof RequestInvalid && error.validationContext === "params")
    return respond(reply, 404, { message: "No such payment request." });
  if (error instanceof RequestInvalid || fastifyRefusal(error))
    return respond(reply, 400, { message: 'Send { "account": <your wallet address> }.' });
  throw error;
}

/** The icon wallets show beside the label: a small SVG, served by the server itself. */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#111827"/><path d="M20 44V20h24v6H27v5h14v6H27v7z" fill="#f97316"/></svg>`;

export const ICON_PATH = "/icon.svg";

export const iconRoute: HttpRoutes = async (app) => {
  app.get(ICON_PATH, (_request, reply) =>
    reply
      .code(200)
      .headers({ "content-type": "image/svg+xml", "cache-control": "public, max-age=86400", ...CORS })
      .send(ICON_SVG),
  );
};
