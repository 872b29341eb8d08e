import type { Translate } from "../i18n.js";
import type { View } from "../views/view.js";

/** A message in the recipient's language: a view, or plain text. */
export type Render = (t: Translate) => View | string;

/** stored: queued for delivery now; duplicate: this id was sent (or queued) before; no_chat: nowhere to send it. */
export type DmOutcome = "stored" | "duplicate" | "no_chat";

/**
 * Tells people things outside their own chat updates; each notification has an id, and a
 * second one with the same id is never sent.
 */
export interface Notifier {
  dm(id: string, accountId: string, render: Render): Promise<DmOutcome>;
  /** Edits the message a request was shown in (`ref`); a lower `rank` never overwrites a higher one. */
  edit(id: string, accountId: string, ref: string, rank: number, render: Render): Promise<void>;
  /** Every admin, once per id. */
  admins(id: string, render: Render): Promise<void>;
}
