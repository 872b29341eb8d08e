// Discord's edge of the ambassador flows (bots/flows/ambassador.ts). /invite, with its server
// invite per ambassador, is the community feature's (bots/discord/community).
import { commissions, leaderboard, referrals, tier } from "../../flows/ambassador.js";
import { command, type DiscordFeature } from "../feature.js";

export const ambassadorFeature: DiscordFeature = {
  commands: [
    command("referrals", async (ctx) => ctx.reply.view(await referrals(ctx.deps, ctx))),
    command("tier", async (ctx) => ctx.reply.view(await tier(ctx.deps, ctx))),
    command("commissions", async (ctx) => ctx.reply.view(await commissions(ctx.deps, ctx))),
    // Public: names and levels everyone may see, and a reason to talk in the server.
    command("leaderboard", async (ctx) => ctx.reply.view(await leaderboard(ctx.deps, ctx)), { public: true }),
  ],
};
