// Solana Pay transaction requests (https://docs.solanapay.com/spec#specification-transaction-request):
// a wallet opens `solana:<our https URL>`, GETs a label and an icon to show, then POSTs
// `{ "account": <its address> }` and receives a transaction to sign. Wallets run in browsers
// too, so the answers allow any origin. What the transaction is, is the caller's business.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { Route, RouteParams } from "../http-server.js";
import { readJson, send, type Reply } from "../uploads/http-io.js";

export const TRANSACTION_REQUEST_PATH = "/api/pay/tx";

const Account = z.object({ account: z.string().regex(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/, "a Solana address") });
const RequestId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/);

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

const reply = (status: number, body: unknown): Reply => ({ status, body, headers: CORS });

export function transactionRequestRoutes(deps: TransactionRequestDeps): Record<string, Route> {
  const path = `${TRANSACTION_REQUEST_PATH}/:id`;
  const withId =
    (handle: (req: IncomingMessage, id: string) => Promise<Reply>): Route =>
    async (req: IncomingMessage, res: ServerResponse, params: RouteParams) => {
      const id = RequestId.safeParse(params.id);
      await send(
        req,
        res,
        id.success ? await handle(req, id.data) : reply(404, { message: "No such payment request." }),
      );
    };
  return {
    [`OPTIONS ${path}`]: (_req, res) => void res.writeHead(204, CORS).end(),
    [`GET ${path}`]: withId(async () => reply(200, { label: deps.label, icon: deps.icon })),
    [`POST ${path}`]: withId(async (req, id) => {
      const body = await readJson(req, Account, 4_096);
      if (!body.ok) return reply(400, { message: 'Send { "account": <your wallet address> }.' });
      const built = await deps.build(id, body.value.account);
      return built.ok
        ? reply(200, { transaction: built.transaction, message: built.message })
        : reply(built.status, { message: built.message });
    }),
  };
}

/** The icon wallets show beside the label: a small SVG, served by the server itself. */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#111827"/><path d="M20 44V20h24v6H27v5h14v6H27v7z" fill="#f97316"/></svg>`;

export const iconRoute: Route = (_req, res) =>
  void res
    .writeHead(200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400", ...CORS })
    .end(ICON_SVG);
