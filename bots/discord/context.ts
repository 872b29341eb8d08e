// What a Discord feature handler gets: the person (account, language, admin), the deps, and
// a responder that turns views and steps into interaction replies. Nothing here is kept between
// interactions: every process of the bot role (any shard) can answer any interaction.
import type { AttachmentBuilder } from "discord.js";
import type { DiscordMessage } from "./message.js";
import type { BotDeps, Person } from "../flows/deps.js";
import type { Step } from "../flows/step.js";
import type { View } from "../views/view.js";

export type { BotLogger, KeyValueStore, ShownPayment } from "../flows/deps.js";

export interface DiscordBotDeps extends BotDeps {
  /** Discord user ids of platform admins (ADMIN_IDS entries "dc:<id>"). */
  readonly adminIds: ReadonlySet<string>;
  /** Called once per interaction received, with the person's Discord user id (metrics, reachability). */
  readonly onInteraction?: (userId: string) => void;
}

/** What a message carries besides its view. */
export interface Extra {
  readonly files?: readonly AttachmentBuilder[];
  /** Rows placed above the view's buttons (a select menu). */
  readonly rows?: DiscordMessage["components"];
}

/** Sends what a handler answers: the first answer acknowledges the interaction, the rest follow up. */
export interface Reply {
  /** A command's reply, or a button's new message, with `extra` files (a QR) and rows (a select menu) above its buttons. */
  view(view: View, extra?: Extra): Promise<void>;
  /** Replaces the message whose button was pressed (a new message after a command). */
  edit(view: View): Promise<void>;
  /** A flow's step: its views in place or as new messages, and its notice. */
  step(step: Step): Promise<void>;
  /** Acknowledges without showing anything (a stale button). */
  nothing(): Promise<void>;
}

export interface DiscordContext extends Person {
  readonly deps: DiscordBotDeps;
  /** True on the interaction that created the account. */
  readonly firstContact: boolean;
  /** The person's Discord user id. */
  readonly userId: string;
  /** The guild the interaction came from; null in DMs. */
  readonly guildId: string | null;
  readonly reply: Reply;
}
