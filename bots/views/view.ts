// Platform-neutral replies: both bots render a View. Text may contain **bold** (Telegram
// renders it as HTML, Discord natively); anything a person typed goes through `plain`.
import type { Translate } from "../i18n.js";
import { formatAmount } from "../../core/money/amount.js";
import type { TokenRegistry, TokenSymbol } from "../../core/money/tokens.js";

export type Button =
  { readonly label: string; readonly action: string } | { readonly label: string; readonly url: string };

export interface View {
  readonly text: string;
  /** Rows of buttons. */
  readonly buttons?: readonly (readonly Button[])[];
}

export interface ViewContext {
  readonly t: Translate;
  readonly tokens: TokenRegistry;
}

/** Text a person typed, made safe for our tiny markup. */
export const plain = (text: string): string => text.replace(/\*\*/g, "✱✱");

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
