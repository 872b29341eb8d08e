import { Composer } from "grammy";
import { encodeAction } from "../../views/actions.js";
import { action } from "../../views/view.js";
import type { BotContext } from "../context.js";

/** /admin: platform stats and every live factory, whose cards let an admin pause or close it. */
export const adminFeature = new Composer<BotContext>();

adminFeature.command("admin", async (ctx) => {
  if (!ctx.isAdmin) return ctx.reply(ctx.t("admin-only"));
  const live = await ctx.deps.core.browseFactories({ offset: 0, limit: 20 });
  await ctx.render({
    text: ctx.t("admin-stats", { live: live.total }),
    buttons: live.items.map((f) => [action(f.name, encodeAction({ kind: "card", factoryId: f.id }))]),
  });
});
