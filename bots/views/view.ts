// Platform-neutral replies: both bots render a View. Text is in our tiny markup
// (bots/views/markup.ts: **bold**, `code`); anything a person typed goes through `plain`, and
// into a button label through `label`.
import type { Translate } from "../i18n.js";
import { formatAmount } from "../../core/money/amount.js";
import type { TokenRegistry, TokenSymbol } from "../../core/money/tokens.js";
import {
  cleanDisplayText,
  hasVisibleCharacter,
  platformDisplayName,
  stripInvisible,
  truncateGraphemes,
} from "../../core/shared/display-text.js";
import { escapeMarkup } from "./markup.js";

export type Button =
  | { readonly label: string; readonly action: string }
  /**
   * A link. `webApp`: a Mini App, which Telegram opens inside the chat (a Web App button, in
   * private chats); everywhere else it is the same link.
   */
  | { readonly label: string; readonly url: string; readonly webApp?: true };

/** A picture shown with a view's text (a chart). The text still says everything the picture shows. */
export interface ViewImage {
  readonly png: Buffer;
  /** Identifies the picture by its content (a hash): equal keys, equal pictures. */
  readonly key: string;
  /** The file's name, e.g. "earnings.png". */
  readonly name: string;
  /** One short line saying what the picture shows (a caption or alt text). */
  readonly alt: string;
}

export interface View {
  readonly text: string;
  /** Rows of buttons. */
  readonly buttons?: readonly (readonly Button[])[];
  readonly image?: ViewImage;
}

export interface ViewContext {
  readonly t: Translate;
  readonly tokens: TokenRegistry;
}

/**
 * Text a person typed (names, titles, prompts, reasons), for a view's text: shown as typed, never
 * as markup, without invisible and direction-control characters. The one way typed text joins a
 * message.
 */
export const plain = (text: string): string => escapeMarkup(stripInvisible(text));

/** Most characters of a person's text on a button. */
const LABEL_MAX = 64;

/** Text a person typed, for a button label (plain text, no markup): one line, cleaned, never blank. */
export function label(text: string): string {
  const clean = cleanDisplayText(text);
  return hasVisibleCharacter(clean) ? truncateGraphemes(clean, LABEL_MAX) : "…";
}

/**
 * A person as others see them, for a view's text: "@username", else their (cleaned, shortened)
 * name on the platform, else a neutral word.
 */
export function personName(t: Translate, person: { username?: string | null; name?: string | null }): string {
  const username = platformDisplayName(person.username);
  const name = username ? `@${username}` : platformDisplayName(person.name);
  return name ? plain(name) : t("person-unnamed");
}

export const amount = (tokens: TokenRegistry, token: TokenSymbol, units: bigint): string =>
  `${formatAmount(units, tokens.get(token).decimals)} ${token}`;

/** "12.5 USDC + 0.1 SOL" for per-token sums. */
export const amounts = (tokens: TokenRegistry, sums: Readonly<Record<string, bigint>>): string =>
  Object.entries(sums)
    .map(([token, units]) => amount(tokens, token as TokenSymbol, units))
    .join(" + ");

export const day = (date: Date): string => date.toISOString().slice(0, 10);

/** "2026-11-30 14:05 UTC": to the minute, enough to tell two recordings of one day apart. */
export const minute = (date: Date): string => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** An XP multiplier in basis points as people read it: 12 500 → "×1.25", 20 000 → "×2". */
export const multiplier = (bps: number): string => `×${Number((bps / 10_000).toFixed(2))}`;

/** "AbCd…WxYz": enough of a wallet address to recognise it. */
export const shortWallet = (address: string): string =>
  address.length > 12 ? `${address.slice(0, 4)}…${address.slice(-4)}` : address;

export const action = (label: string, data: string): Button => ({ label, action: data });
export const link = (label: string, url: string): Button => ({ label, url });
/** A Mini App button (the 📊 Dashboard): opened inside Telegram where it can be, a link elsewhere. */
export const webApp = (label: string, url: string): Button => ({ label, url, webApp: true });
