// Discord's edge of dataset tokens (bots/flows/dataset-tokens.ts, token-launch.ts): /datasets and
// a token's buttons (trades, burn, download, slippage), claims, the 🚀 Launch button of the
// Dataset view (a wizard: a modal for name and symbol, a select for the share), and /metadataset
// for admins. A trade's request goes to the person's DMs with its QR, as the XP boosts'.
import { claimStep, listStep, tokenList, tokenStep, tokensOff } from "../../flows/dataset-tokens.js";
import { metaStep } from "../../flows/token-launch.js";
import type { ChatInputCommandInteraction, MessageComponentInteraction } from "discord.js";
import { choose, type Outcome } from "../../flows/wizards.js";
import { decodeAction } from "../../views/actions.js";
import type { DiscordContext } from "../context.js";
import { command, type DiscordFeature } from "../feature.js";
import { advance, begin, showOutcome } from "./wizard.js";

type Opener = ChatInputCommandInteraction | MessageComponentInteraction;

/** A step's views in place (a button's message) or as the answer, then its payment as a DM. */
async function show(ctx: DiscordContext, from: Opener, outcome: Outcome): Promise<void> {
  await showOutcome(ctx, from, outcome);
}

async function meta(ctx: DiscordContext, from: Opener, mask: string, op: "pick" | "go", pressed: boolean) {
  const shown = await metaStep(ctx.deps.datasetTokens, ctx, mask, op, pressed);
  if ("outcome" in shown) return show(ctx, from, shown.outcome);
  await begin(ctx, from, { kind: "metalaunch", tokenIds: shown.tokenIds });
}

export const datasetTokensFeature: DiscordFeature = {
  commands: [
    command("datasets", async (ctx, interaction) => {
      const port = ctx.deps.datasetTokens;
      if (!port) return show(ctx, interaction, tokensOff(ctx));
      await ctx.reply.view(await tokenList(port, ctx));
    }),
    command("metadataset", (ctx, interaction) => meta(ctx, interaction, "0", "pick", false)),
  ],
  actions: {
    dtlist: async (ctx, _data, interaction) => show(ctx, interaction, await listStep(ctx.deps.datasetTokens, ctx)),
    dtok: async (ctx, data, interaction) => {
      const pressed = decodeAction(data);
      if (pressed?.kind !== "dtok") return ctx.reply.nothing();
      const outcome = await tokenStep(ctx.deps.datasetTokens, ctx, pressed.tokenId, pressed.op, pressed.slip);
      await show(ctx, interaction, outcome);
    },
    dtclaim: async (ctx, data, interaction) => {
      const pressed = decodeAction(data);
      if (pressed?.kind !== "dtclaim") return ctx.reply.nothing();
      await show(ctx, interaction, await claimStep(ctx.deps.datasetTokens, ctx, pressed.metaId, pressed.n));
    },
    dtlaunch: async (ctx, data, interaction) => {
      const pressed = decodeAction(data);
      if (pressed?.kind !== "dtlaunch") return ctx.reply.nothing();
      await begin(ctx, interaction, { kind: "tokenlaunch", factoryId: pressed.factoryId });
    },
    // The burn-to-download share picked in the launch wizard's select: the launch's request.
    dtshare: async (ctx, pressed, interaction) => advance(ctx, interaction, await choose(ctx.deps, ctx, pressed)),
    mpick: async (ctx, data, interaction) => {
      const pressed = decodeAction(data);
      if (pressed?.kind !== "mpick") return ctx.reply.nothing();
      await meta(ctx, interaction, pressed.mask, pressed.op, true);
    },
  },
  // These may open the launch wizard's modal, which must be the interaction's first answer.
  manualActions: new Set(["dtlaunch", "mpick"]),
};
