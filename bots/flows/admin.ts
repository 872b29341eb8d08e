// /admin for platform admins (ADMIN_IDS): platform stats, every live factory (whose cards let an
// admin pause or close it), and the payments that matched no request. The edges check the admin
// list before calling; the extra buttons are the ones their platform can act on.
import { encodeAction } from "../views/actions.js";
import { action, amount, label, type View } from "../views/view.js";
import type { BotDeps, Person } from "./deps.js";

type Deps = Pick<BotDeps, "core" | "tokens">;

/** The /admin message; `queues` (the dashboard sign-in) and `gas` buttons where the edge handles them. */
export async function adminOverview(
  deps: Deps,
  person: Person,
  buttons: { readonly queues?: string; readonly gas?: boolean } = {},
): Promise<View> {
  const live = await deps.core.browseFactories({ offset: 0, limit: 20 });
  const engine = await deps.core.getPayoutEngine();
  const sol = (lamports: bigint | null) => amount(deps.tokens, "SOL", lamports ?? 0n);
  const payouts = !engine
    ? person.t("admin-payouts-off")
    : engine.state === "paused_gas"
      ? person.t("admin-payouts-paused", {
          needed: sol(engine.neededLamports),
          available: sol(engine.availableLamports),
        })
      : person.t("admin-payouts-running");
  return {
    text: [person.t("admin-stats", { live: live.total }), payouts].join("\n"),
    buttons: [
      ...live.items.map(({ factory: f }) => [action(label(f.name), encodeAction({ kind: "card", factoryId: f.id }))]),
      ...(buttons.queues ? [[action(person.t("admin-queues"), buttons.queues)]] : []),
      [action(person.t("admin-unattributed"), encodeAction({ kind: "admin", op: "unattributed" }))],
      ...(buttons.gas ? [[action(person.t("admin-gas"), encodeAction({ kind: "admin", op: "gas" }))]] : []),
    ],
  };
}

/** The latest payments that matched no request, with their explorer links. */
export async function unattributedPayments(deps: Deps & Pick<BotDeps, "explorer">, person: Person): Promise<View> {
  const payments = await deps.core.listUnattributedPayments(20);
  if (payments.length === 0) return { text: person.t("admin-unattributed-none") };
  const lines = payments.map((p) =>
    person.t("admin-unattributed-line", {
      amount: amount(deps.tokens, p.token, p.units),
      payer: `${p.payer.slice(0, 4)}…${p.payer.slice(-4)}`,
      link: deps.explorer(p.signature),
    }),
  );
  return { text: [person.t("admin-unattributed-title"), ...lines].join("\n") };
}
