// Money in that is not an amount typed: verifying a wallet by a tiny Solana Pay payment from it,
// and XP boosts (a burn of CLONES, as a Solana Pay transaction request). Each ends in a request
// both edges send as a QR, whose message the payment notices update once paid.
import { XP_BOOSTS } from "../../core/economics/rules.js";
import { activeBoostBps } from "../../core/accounts/account.js";
import { encodeAction } from "../views/actions.js";
import { action, amount, minute, multiplier, type View } from "../views/view.js";
import type { BotDeps, Person } from "./deps.js";
import { asNew, step } from "./step.js";
import type { Outcome } from "./wizard-kind.js";

type Deps = Pick<BotDeps, "tokens" | "payments">;

/** What the verification asks the wallet to pay: 1 000 lamports, whoever's wallet it is. */
const VERIFY_UNITS = 1_000n;

const say = (view: View): Outcome => ({ step: step(asNew(view)) });

/** A Solana Pay request of a tiny amount: the wallet that pays it is linked to the person. */
export async function verifyWallet(deps: Deps, person: Person): Promise<Outcome> {
  if (!deps.payments) return say({ text: `⚠️ ${person.t("error-PAYMENTS_NOT_CONFIGURED")}` });
  const shown = await deps.payments.requestWalletVerification({ accountId: person.account.id });
  const caption = person.t("wallet-verify-request", {
    amount: amount(deps.tokens, "SOL", VERIFY_UNITS),
    expires: minute(shown.expiresAt),
  });
  return { step: step(), payment: { caption, shown } };
}

/** /boost: the person's boost now and, where boosts are set up, a button per burn on offer. */
export function boostView(deps: Deps, person: Person, now = new Date()): View {
  const active = activeBoostBps(person.account, now);
  const until = person.account.boostUntil;
  const current =
    active > 10_000 && until
      ? person.t("boost-current", {
          multiplier: multiplier(active),
          until: until.toISOString().slice(0, 16).replace("T", " "),
        })
      : person.t("boost-current-none");
  if (!deps.payments?.boostsEnabled)
    return { text: [person.t("boost-title"), current, "", person.t("boost-off")].join("\n") };
  return {
    text: [person.t("boost-title"), current, "", person.t("boost-how")].join("\n"),
    buttons: XP_BOOSTS.map((b) => [
      action(
        person.t("boost-option", { clones: b.clones, multiplier: multiplier(b.bps), hours: b.hours }),
        encodeAction({ kind: "boost", id: b.id }),
      ),
    ]),
  };
}

/** A boost's button: its burn as a Solana Pay transaction request; else (off, unknown) the boosts again. */
export async function boost(deps: Deps, person: Person, boostId: string): Promise<Outcome> {
  const payments = deps.payments;
  const chosen = XP_BOOSTS.find((b) => b.id === boostId);
  if (!chosen || !payments?.boostsEnabled || !payments.requestBoost) return say(boostView(deps, person));
  const shown = await payments.requestBoost({ accountId: person.account.id, boostId: chosen.id });
  const caption = person.t("boost-request", {
    clones: chosen.clones,
    multiplier: multiplier(chosen.bps),
    hours: chosen.hours,
    expires: minute(shown.expiresAt),
  });
  return { step: step(), payment: { caption, shown } };
}
