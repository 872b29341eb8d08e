// A notifier that keeps what it would send, rendered in English, and drops repeated ids as the
// outbox does.
import { createI18n } from "../../bots/i18n.js";
import type { Notifier, Render } from "../../bots/notices/notifier.js";
import type { View } from "../../bots/views/view.js";

export interface SentNotice {
  readonly id: string;
  readonly kind: "dm" | "edit" | "admin";
  readonly accountId: string | null;
  readonly text: string;
  readonly buttons: string[];
  readonly ref?: string;
  readonly rank?: number;
}

export function memoryNotifier() {
  const english = createI18n().translator("en");
  const sent: SentNotice[] = [];
  const ids = new Set<string>();
  const view = (render: Render): View => {
    const v = render(english);
    return typeof v === "string" ? { text: v } : v;
  };
  const flat = (v: View) => (v.buttons ?? []).flat().map((b) => ("url" in b ? b.url : b.action));
  const notifier: Notifier = {
    async dm(id, accountId, render) {
      if (ids.has(id)) return "duplicate";
      ids.add(id);
      const v = view(render);
      sent.push({ id, kind: "dm", accountId, text: v.text, buttons: flat(v) });
      return "stored";
    },
    async edit(id, accountId, ref, rank, render) {
      if (ids.has(id)) return;
      ids.add(id);
      const v = view(render);
      sent.push({ id, kind: "edit", accountId, text: v.text, buttons: flat(v), ref, rank });
    },
    async admins(id, render) {
      if (ids.has(id)) return;
      ids.add(id);
      const v = view(render);
      sent.push({ id, kind: "admin", accountId: null, text: v.text, buttons: flat(v) });
    },
  };
  return {
    notifier,
    sent,
    dmsTo: (accountId: string) => sent.filter((s) => s.kind === "dm" && s.accountId === accountId),
  };
}
