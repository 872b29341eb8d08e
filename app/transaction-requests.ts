// The one Solana Pay transaction-request route (server/solana-pay/transaction-request.ts) and
// who answers it: each builder answers the request ids that are its own (XP boosts' burns,
// dataset tokens' launches, trades, burns and claims) and passes on the others (null).
import type { HttpRoutes } from "../server/http-server.js";
import {
  ICON_PATH,
  iconRoute,
  transactionRequestRoutes,
  type BuiltTransaction,
} from "../server/solana-pay/transaction-request.js";

export type RequestBuilder = (requestId: string, account: string) => Promise<BuiltTransaction | null>;

export function transactionRequests(publicUrl: string | undefined, builders: readonly RequestBuilder[]): HttpRoutes[] {
  const base = (publicUrl ?? "").replace(/\/+$/, "");
  return [
    iconRoute,
    transactionRequestRoutes({
      label: "CLONES Forge",
      icon: `${base}${ICON_PATH}`,
      async build(requestId, account) {
        for (const build of builders) {
          const built = await build(requestId, account);
          if (built) return built;
        }
        return { ok: false, status: 404, message: "No such request." };
      },
    }),
  ];
}
