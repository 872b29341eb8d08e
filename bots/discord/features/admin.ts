// Discord's edge of /admin (bots/flows/admin.ts) for platform admins (ADMIN_IDS "dc:<id>").
// Everything here checks the admin list again; others are told it is for admins and nothing runs.
import { adminOverview, unattributedPayments } from "../../flows/admin.js";
import type { View } from "../../views/view.js";
import type { DiscordContext } from "../context.js";
import { command, type DiscordFeature } from "../feature.js";

const adminOnly = (ctx: DiscordContext): View => ({ text: ctx.t("admin-only") });

export const adminFeature: DiscordFeature = {
  commands: [
    command("admin", async (ctx) => ctx.reply.view(ctx.isAdmin ? await adminOverview(ctx.deps, ctx) : adminOnly(ctx))),
  ],
  actions: {
    "admin:unattributed": async (ctx) =>
      ctx.reply.view(ctx.isAdmin ? await unattributedPayments(ctx.deps, ctx) : adminOnly(ctx)),
  },
};
