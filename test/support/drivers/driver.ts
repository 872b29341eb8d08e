// One scenario, two bots: what a scenario may do as a person in a chat, whichever bot it talks
// to. Each driver translates these into its platform (Telegram updates through the harness,
// Discord interactions through the local Discord) and reads back what the person sees.
import type { Account } from "../../../core/accounts/account.js";
import type { PairingGrant } from "../../../app/pairing.js";
import type { Database } from "../../../prisma/database.js";
import type { scenario } from "../scenario.js";

/** What the new-factory wizard asks, as typed (the token as its symbol). */
export interface FactoryAnswers {
  readonly name: string;
  readonly useCase: string;
  /** One task per line, "Title: what to do". */
  readonly tasks: string;
  readonly token: string;
  readonly reward: string;
  readonly threshold: string;
  readonly limits: string;
}

/** The people of a scenario, by role; each driver gives them ids on its platform. */
export type Who = "ambassador" | "farmer" | "creator";
export const PEOPLE: readonly Who[] = ["ambassador", "farmer", "creator"];

export interface Driver {
  readonly platform: "telegram" | "discord";
  /** The core and test builders on the driver's database (for what no bot does yet). */
  readonly s: ReturnType<typeof scenario>;
  readonly db: Database;
  /** The pairing codes the bot issues, as the recorder redeems them. */
  redeemPairing(code: string): Promise<PairingGrant | null>;
  /** First contact; with a referral code, the person joins through it (Telegram: /start ref-<code>; Discord: /join <code>). */
  start(who: Who, referralCode?: string): Promise<string>;
  /** A command, e.g. ("farmer", "earnings"); returns the text of the bot's answer. */
  command(who: Who, name: string, args?: string): Promise<string>;
  /**
   * The new-factory wizard, as the person would go through it on this platform (Telegram: one
   * question at a time and the token's button; Discord: two modals, the token's select menu and
   * Continue), ending with Create; returns the text of the last answer.
   */
  createFactory(who: Who, answers: FactoryAnswers): Promise<string>;
  /** Presses the button of the person's last answer whose label matches; returns the new text. */
  press(who: Who, label: RegExp | string): Promise<string>;
  /** The text the person saw last, markup removed. */
  lastText(who: Who): string;
  /** The labels of the buttons of the person's last answer. */
  buttons(who: Who): string[];
  /** The person's core account (made by the bot on first contact). */
  account(who: Who): Promise<Account>;
  close(): Promise<void>;
}

/** A button label matches a string exactly (after trimming) or a RegExp anywhere. */
export const matches = (label: string, wanted: RegExp | string) =>
  typeof wanted === "string" ? label.trim() === wanted : wanted.test(label);

export function pickButton<B>(all: readonly B[], labelOf: (b: B) => string, wanted: RegExp | string): B {
  const found = all.filter((b) => matches(labelOf(b), wanted));
  if (found.length !== 1)
    throw new Error(
      `expected one button matching ${String(wanted)}, found ${found.length} in [${all.map(labelOf).join(" | ")}]`,
    );
  return found[0]!;
}
