// Launching a dataset token: from the factory's 📦 Dataset view (its owner), or a meta-dataset
// bundling live dataset tokens (admins, /metadataset). Both are wizards (name, symbol; then the
// burn-to-download share as buttons) ending in the launch's Solana Pay request, shown with what
// it costs. The meta-dataset's tokens are picked first by toggle buttons whose data carries the
// picks (a bitmask over the live tokens, oldest first).
import { quoteAllocation } from "../../core/datasets/curve.js";
import { thresholdUnits, TokenTerms } from "../../core/dataset-tokens/launch.js";
import { formatAmount } from "../../core/money/amount.js";
import { encodeAction } from "../views/actions.js";
import { percent, sol, tokens } from "../views/dataset-tokens.js";
import { errorView } from "../views/errors.js";
import { action, minute, plain, type View } from "../views/view.js";
import type { DatasetTokensPort } from "./dataset-tokens-port.js";
import type { Person } from "./deps.js";
import { asNew, inPlace, step } from "./step.js";
import type { Field, Parsed, WizardState } from "./wizard.js";
import type { Outcome, Started, WizardDeps, WizardKind } from "./wizard-kind.js";

/** The burn-to-download shares offered (basis points of the supply). */
export const SHARES = [50, 100, 200, 500] as const;
export const shareChoice = (bps: number) => `dtshare:${bps}`;
const META_MIN = 2;
const META_MAX = 8;

const refuse = (view: View): Started => ({ ok: false, step: step(asNew(view)) });
const say = (view: View): Outcome => ({ step: step(asNew(view)) });

const checked =
  (schema: typeof TokenTerms.shape.name | typeof TokenTerms.shape.symbol, retry: string) =>
  (text: string): Parsed => {
    const parsed = schema.safeParse(text);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: { key: retry } };
  };

/** "1%", "1", "0,5" or the choice's own value ("100"): a share on offer, in basis points. */
function parseShare(text: string): Parsed {
  const typed = text.replace("%", "").replace(",", ".").trim();
  const asPercent = Math.round(Number(typed) * 100);
  const bps = SHARES.find((s) => String(s) === typed) ?? SHARES.find((s) => s === asPercent);
  return bps === undefined ? { ok: false, error: { key: "dtl-retry-share" } } : { ok: true, value: bps };
}

const text = { required: true, minLength: 1 } as const;
const pages = (): Field[][] => [
  [
    {
      id: "name",
      prompt: { key: "dtl-name" },
      labelKey: "dtl-label-name",
      ...text,
      maxLength: 32,
      parse: checked(TokenTerms.shape.name, "dtl-retry-name"),
    },
    {
      id: "symbol",
      prompt: { key: "dtl-symbol" },
      labelKey: "dtl-label-symbol",
      ...text,
      maxLength: 10,
      parse: checked(TokenTerms.shape.symbol, "dtl-retry-symbol"),
    },
  ],
  [
    {
      id: "share",
      prompt: { key: "dtl-share" },
      labelKey: "dtl-label-share",
      ...text,
      maxLength: 5,
      choices: SHARES.map((s) => ({ value: String(s), label: `${percent(s)}%`, action: shareChoice(s) })),
      parse: parseShare,
    },
  ],
];

const termsOf = (state: WizardState) => ({
  name: String(state.values.name),
  symbol: String(state.values.symbol),
  burnBps: Number(state.values.share),
});

/** The launch's request for the wallet, with its cost: the fee, and the allocation bought from the curve. */
async function launchPayment(
  port: DatasetTokensPort,
  deps: WizardDeps,
  person: Person,
  asked: Awaited<ReturnType<DatasetTokensPort["requestLaunch"]>>,
  key: "dtl-pay" | "dtl-pay-meta",
  extra: Record<string, string> = {},
): Promise<Outcome> {
  if (!asked.ok) return say(errorView(person.t, asked.error));
  const { token, tx } = asked.value;
  const allocation = thresholdUnits(token.burnBps);
  const quoted = quoteAllocation(token.reserves, token.params, allocation);
  const shown = await port.payment(tx);
  const clones = formatAmount(port.launchFee.clones, deps.tokens.get("CLONES").decimals);
  const caption = person.t(key, {
    name: plain(token.name),
    symbol: token.symbol,
    allocation: tokens(allocation),
    fee: sol(port.launchFee.sol),
    clones,
    backing: quoted.ok ? sol(quoted.value.solNet) : "?",
    expires: minute(shown.expiresAt),
    ...extra,
  });
  return { step: step(), payment: { caption, shown } };
}

export const tokenLaunchWizard: WizardKind<{ factoryId: string }> = {
  kind: "tokenlaunch",
  definition: { pages },
  async start(deps, person, input) {
    if (!deps.datasetTokens) return refuse({ text: person.t("dtok-off") });
    const found = await deps.core.getFactoryOverview(input.factoryId);
    if (!found.ok) return refuse(errorView(person.t, found.error));
    if (found.value.factory.ownerId !== person.account.id)
      return refuse({ text: `⚠️ ${person.t("error-FACTORY_NOT_OWNER")}` });
    const standing = await deps.datasetTokens.ofFactory(input.factoryId);
    if (standing?.token.status === "live") return refuse({ text: `⚠️ ${person.t("error-DATASET_TOKEN_EXISTS")}` });
    return { ok: true, params: { factoryId: input.factoryId } };
  },
  async finish(deps, person, state) {
    const port = deps.datasetTokens;
    if (!port) return say({ text: person.t("dtok-off") });
    const actor = { accountId: person.account.id, isAdmin: person.isAdmin };
    const factoryId = String(state.params.factoryId);
    return launchPayment(
      port,
      deps,
      person,
      await port.requestLaunch({ actor, factoryId, terms: termsOf(state) }),
      "dtl-pay",
    );
  },
};

export const metaLaunchWizard: WizardKind<{ tokenIds: readonly string[] }> = {
  kind: "metalaunch",
  definition: { pages },
  async start(deps, person, input) {
    if (!person.isAdmin) return refuse({ text: person.t("admin-only") });
    if (!deps.datasetTokens) return refuse({ text: person.t("dtok-off") });
    if (input.tokenIds.length < META_MIN || input.tokenIds.length > META_MAX)
      return refuse({ text: `⚠️ ${person.t("error-INVALID_INPUT")}` });
    return { ok: true, params: { tokenIds: [...input.tokenIds] } };
  },
  async finish(deps, person, state) {
    const port = deps.datasetTokens;
    if (!port) return say({ text: person.t("dtok-off") });
    const actor = { accountId: person.account.id, isAdmin: person.isAdmin };
    const tokenIds = (state.params.tokenIds as string[]) ?? [];
    const asked = await port.requestMetaLaunch({ actor, terms: termsOf(state), tokenIds });
    const members = asked.ok ? await Promise.all(asked.value.members.map((m) => port.get(m.tokenId))) : [];
    const symbols = members.flatMap((m) => (m.ok ? [`$${m.value.token.symbol}`] : [])).join(", ");
    return launchPayment(port, deps, person, asked, "dtl-pay-meta", { members: symbols });
  },
};

// ---- The meta-dataset's picks, before its wizard.

/** The live dataset tokens a meta-dataset may bundle, oldest first (new ones come last: picks keep their bit). */
async function pickable(port: DatasetTokensPort) {
  const live = (await port.list(50)).filter((o) => o.token.kind === "dataset");
  return live.sort(
    (a, b) => a.token.createdAt.getTime() - b.token.createdAt.getTime() || (a.token.id < b.token.id ? -1 : 1),
  );
}

/** The button's mask (base 36, checked by the action's schema) as bits. */
const bitsOf = (mask: string): bigint => [...mask].reduce((acc, c) => acc * 36n + BigInt(parseInt(c, 36)), 0n);
const maskOf = (bits: bigint): string => bits.toString(36);
const pickAction = (bits: bigint, op: "pick" | "go") => encodeAction({ kind: "mpick", mask: maskOf(bits), op });

/** /metadataset (admins): the live tokens as toggles, and Continue once 2 to 8 are picked. */
export async function metaPickView(port: DatasetTokensPort, person: Person, mask = "0"): Promise<View> {
  const { t } = person;
  const live = await pickable(port);
  const bits = bitsOf(mask);
  const picked = live.filter((_, i) => (bits >> BigInt(i)) & 1n);
  const lines = [t("meta-title"), t("meta-how", { min: META_MIN, max: META_MAX })];
  lines.push(
    picked.length
      ? t("meta-picked", { symbols: picked.map((o) => `$${o.token.symbol}`).join(", "), count: picked.length })
      : t("meta-picked-none"),
  );
  if (live.length < META_MIN) lines.push(t("meta-too-few"));
  const toggles = live.map((o, i) => {
    const on = Boolean((bits >> BigInt(i)) & 1n);
    return action(
      t(on ? "meta-on" : "meta-off", { symbol: o.token.symbol }),
      pickAction(bits ^ (1n << BigInt(i)), "pick"),
    );
  });
  const rows = [];
  for (let i = 0; i < toggles.length; i += 3) rows.push(toggles.slice(i, i + 3));
  if (picked.length >= META_MIN && picked.length <= META_MAX)
    rows.push([action(t("meta-continue"), pickAction(bits, "go"))]);
  return { text: lines.join("\n"), buttons: rows };
}

/** The picked tokens' ids (Continue), or null when the picks are not 2 to 8 live tokens. */
export async function metaPicks(port: DatasetTokensPort, mask: string): Promise<string[] | null> {
  const bits = bitsOf(mask);
  const picked = (await pickable(port)).filter((_, i) => (bits >> BigInt(i)) & 1n).map((o) => o.token.id);
  return picked.length >= META_MIN && picked.length <= META_MAX ? picked : null;
}

/**
 * /metadataset and its pick buttons: for admins, the picks (in place after a toggle), or on
 * Continue the picked ids to start the meta-dataset's wizard with; others are told it is for admins.
 */
export async function metaStep(
  port: DatasetTokensPort | undefined,
  person: Person,
  mask: string,
  op: "pick" | "go",
  /** A pressed toggle: the picks replace the message it was on. */
  pressed = true,
): Promise<{ outcome: Outcome } | { tokenIds: string[] }> {
  if (!person.isAdmin) return { outcome: say({ text: person.t("admin-only") }) };
  if (!port) return { outcome: say({ text: person.t("dtok-off") }) };
  const picked = op === "go" ? await metaPicks(port, mask) : null;
  if (picked) return { tokenIds: picked };
  const view = await metaPickView(port, person, mask);
  return { outcome: { step: step(pressed ? inPlace(view) : asNew(view)) } };
}
