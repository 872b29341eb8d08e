// /datasets: the live dataset tokens, a token's view (price, supply, market cap, volume, the
// burn-to-download amount) with its trades as Solana Pay transaction requests the wallet opens,
// its downloads, and the meta-dataset allocations a creator may claim. Platform-neutral: the
// edges route `dtlist`, `dtok` and `dtclaim` buttons here and show the Outcome (views, payment).
import type { DomainError } from "../../core/shared/errors.js";
import { encodeAction } from "../views/actions.js";
import {
  DEFAULT_SLIPPAGE,
  LIST_ACTION,
  percent,
  SLIPPAGES,
  sol,
  tokenAction,
  tokenFigures,
  tokenLine,
  tokens,
  type Slippage,
  type TokenOp,
} from "../views/dataset-tokens.js";
import { errorView } from "../views/errors.js";
import { action, link, minute, type Button, type View } from "../views/view.js";
import type { DatasetTokensPort, TradeAsk } from "./dataset-tokens-port.js";
import type { Person } from "./deps.js";
import { asNew, inPlace, step } from "./step.js";
import type { Outcome } from "./wizard-kind.js";

export type { DatasetTokensPort };

const SOL = 1_000_000_000n;
const BUYS: Partial<Record<TokenOp, bigint>> = { buy1: SOL / 10n, buy5: SOL / 2n, buy10: SOL };
const SELLS: Partial<Record<TokenOp, number>> = { sell25: 2_500, sell50: 5_000, sell100: 10_000 };

const say = (view: View, edit = false): Outcome => ({ step: step(edit ? inPlace(view) : asNew(view)) });
const failed = (person: Person, error: DomainError): Outcome => say(errorView(person.t, error));
/** Where dataset tokens are off: which settings turn them on. */
export const tokensOff = (person: Person): Outcome => say({ text: person.t("dtok-off") });

/** /datasets: the live tokens, a button each, and the person's claims. */
export async function tokenList(port: DatasetTokensPort, person: Person): Promise<View> {
  const { t } = person;
  const [live, claims] = await Promise.all([port.list(20), port.claimable(person.account.id)]);
  const lines = [t("dtok-list-title"), ...(live.length ? live.map((o) => tokenLine(t, o)) : [t("dtok-list-none")])];
  const open = live.map((o) => action(`$${o.token.symbol}`, tokenAction(o.token.id, "view")));
  const rows: Button[][] = [];
  for (let i = 0; i < open.length; i += 3) rows.push(open.slice(i, i + 3));
  const seen = new Map<string, number>();
  for (const c of claims) {
    const n = seen.get(c.metaId) ?? 0;
    seen.set(c.metaId, n + 1);
    const label = t("dtok-claim", { amount: tokens(c.allocation), symbol: c.symbol });
    rows.push([action(label, encodeAction({ kind: "dtclaim", metaId: c.metaId, n }))]);
  }
  if (claims.length) lines.push("", t("dtok-claim-how"));
  return { text: lines.join("\n"), buttons: rows };
}

const slipLabel = (t: Person["t"], bps: Slippage, chosen: Slippage) =>
  t(bps === chosen ? "dtok-slip-chosen" : "dtok-slip", { percent: percent(bps) });

/** A token's view: its figures, and (live) its trades at the chosen slippage. */
export async function tokenView(
  port: DatasetTokensPort,
  person: Person,
  tokenId: string,
  slip: Slippage = DEFAULT_SLIPPAGE,
): Promise<View> {
  const { t } = person;
  const found = await port.get(tokenId);
  if (!found.ok) return errorView(t, found.error);
  const o = found.value;
  const members = await Promise.all(o.members.map((m) => port.get(m.tokenId)));
  const symbols = members.flatMap((m) => (m.ok ? [m.value.token.symbol] : []));
  const lines = tokenFigures(t, o, symbols);
  const id = o.token.id;
  const nav = [action(t("dtok-refresh"), tokenAction(id, "view", slip)), action(t("dtok-all"), LIST_ACTION)];
  if (o.token.status !== "live") return { text: [...lines, "", t("dtok-launching")].join("\n"), buttons: [nav] };
  lines.push("", t("dtok-slippage", { percent: percent(slip) }));
  const op = (label: string, o2: TokenOp) => action(label, tokenAction(id, o2, slip));
  return {
    text: lines.join("\n"),
    buttons: [
      (["buy1", "buy5", "buy10"] as const).map((b) => op(t("dtok-buy", { sol: sol(BUYS[b]!) }), b)),
      (["sell25", "sell50", "sell100"] as const).map((s) => op(t("dtok-sell", { percent: percent(SELLS[s]!) }), s)),
      SLIPPAGES.map((s) => action(slipLabel(t, s, slip), tokenAction(id, "view", s))),
      [op(t("dtok-burn-button"), "burn"), op(t("dtok-download"), "dl")],
      nav,
    ],
  };
}

function askOf(op: TokenOp, slippageBps: Slippage): TradeAsk | null {
  if (BUYS[op] !== undefined) return { kind: "buy", solIn: BUYS[op], slippageBps };
  if (SELLS[op] !== undefined) return { kind: "sell", sellBps: SELLS[op], slippageBps };
  return op === "burn" ? { kind: "unlock" } : null;
}

/** A trade button: the trade asked for, and its request for the wallet with what it will do. */
async function trade(port: DatasetTokensPort, person: Person, tokenId: string, ask: TradeAsk): Promise<Outcome> {
  const { t } = person;
  const found = await port.get(tokenId);
  if (!found.ok) return failed(person, found.error);
  const asked = await port.requestTrade({ accountId: person.account.id, tokenId, ask });
  if (!asked.ok) return failed(person, asked.error);
  const shown = await port.payment(asked.value.tx);
  const { symbol } = found.value.token;
  const args = { symbol, expires: minute(shown.expiresAt) };
  const what =
    ask.kind === "buy"
      ? t("dtok-pay-buy", {
          ...args,
          sol: sol(ask.solIn),
          tokens: tokens(asked.value.expectedTokens ?? 0n),
          slippage: percent(ask.slippageBps),
        })
      : ask.kind === "sell"
        ? t("dtok-pay-sell", { ...args, percent: percent(ask.sellBps), slippage: percent(ask.slippageBps) })
        : t("dtok-pay-burn", { ...args, amount: tokens(found.value.burnUnits) });
  const caption = [what, ask.kind === "unlock" ? t("dtok-pay-once") : t("dtok-pay-price"), t("dtok-pay-expires", args)];
  return { step: step(), payment: { caption: caption.join("\n\n"), shown } };
}

/** ⬇️ Download: the links where the person has access, else how to get it. */
async function download(port: DatasetTokensPort, person: Person, tokenId: string): Promise<Outcome> {
  const { t } = person;
  const found = await port.downloads({ accountId: person.account.id, tokenId });
  if (found.ok) {
    const { symbol, links } = found.value;
    if (!links.length) return say({ text: t("dtok-download-none", { symbol }) });
    const buttons = links.map((l) => [link(t("dtok-download-link", { sequence: l.sequence }), l.url)]);
    return say({ text: t("dtok-download-ready", { symbol, count: links.length }), buttons });
  }
  if (found.error.code !== "DATASET_NO_ACCESS") return failed(person, found.error);
  const token = await port.get(tokenId);
  if (!token.ok) return failed(person, token.error);
  const { symbol } = token.value.token;
  return say({
    text: t("dtok-no-access", { symbol, amount: tokens(token.value.burnUnits) }),
    buttons: [[action(t("dtok-burn-button"), tokenAction(tokenId, "burn"))]],
  });
}

/** A pressed token button (`dtok:<id>:<op>:<slippage>`); without the port, which setting turns it on. */
export async function tokenStep(
  port: DatasetTokensPort | undefined,
  person: Person,
  tokenId: string,
  op: TokenOp,
  slip: Slippage,
): Promise<Outcome> {
  if (!port) return tokensOff(person);
  if (op === "view") return say(await tokenView(port, person, tokenId, slip), true);
  if (op === "dl") return download(port, person, tokenId);
  const ask = askOf(op, slip);
  return ask ? trade(port, person, tokenId, ask) : say(await tokenView(port, person, tokenId, slip), true);
}

/** The list again (`dtlist:show`), in place. */
export async function listStep(port: DatasetTokensPort | undefined, person: Person): Promise<Outcome> {
  return port ? say(await tokenList(port, person), true) : tokensOff(person);
}

/** A "Claim N $META" button: the n-th allocation of that meta-dataset, as a request for the wallet. */
export async function claimStep(
  port: DatasetTokensPort | undefined,
  person: Person,
  metaId: string,
  n: number,
): Promise<Outcome> {
  if (!port) return tokensOff(person);
  const accountId = person.account.id;
  const claim = (await port.claimable(accountId)).filter((c) => c.metaId === metaId)[n];
  if (!claim) return say(await tokenList(port, person), true);
  const asked = await port.requestClaim({ accountId, metaId, tokenId: claim.tokenId });
  if (!asked.ok) return failed(person, asked.error);
  const shown = await port.payment(asked.value.tx);
  const args = { amount: tokens(asked.value.allocation), symbol: claim.symbol, expires: minute(shown.expiresAt) };
  const caption = [person.t("dtok-pay-claim", args), person.t("dtok-pay-expires", args)].join("\n\n");
  return { step: step(), payment: { caption, shown } };
}
