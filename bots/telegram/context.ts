import type { Context, LazySessionFlavor } from "grammy";
import type { Account } from "../../core/accounts/account.js";
import type { BotDeps, KeyValueStore } from "../flows/deps.js";
import type { Locale, Translate } from "../i18n.js";
import type { View } from "../views/view.js";

export type { BotLogger, KeyValueStore, ShownPayment } from "../flows/deps.js";

export interface TelegramBotDeps extends BotDeps {
  /** Telegram user ids of admins. */
  readonly adminIds: ReadonlySet<string>;
  readonly sessions: KeyValueStore<SessionData>;
  /** The largest document the Bot API server lets a bot download (20 MB on Telegram's own). */
  readonly documentLimitBytes?: number;
  readonly onUpdate?: () => void;
}

export interface SessionData {
  browsePage: number;
  /** The factory task the farmer last picked: a recording sent as a document is for it. */
  pendingTask?: { factoryId: string; taskId: string; title: string };
}

interface Extras {
  readonly deps: TelegramBotDeps;
  account: Account;
  /** True on the update that created the account. */
  firstContact: boolean;
  locale: Locale;
  t: Translate;
  isAdmin: boolean;
  /** Sends a view, or edits the message a button was pressed on. */
  render(view: View, options?: { edit?: boolean }): Promise<void>;
}

export type BotContext = Context & LazySessionFlavor<SessionData> & Extras;
