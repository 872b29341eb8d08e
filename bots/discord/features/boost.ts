// /boost on Discord (bots/flows/wallet.ts): the person's boost and a button per burn on offer;
// a pressed one sends its Solana Pay transaction request as a DM, updated once the burn is in.
import { boost, boostView } from "../../flows/wallet.js";
import { decodeAction } from "../../views/actions.js";
import { command, type DiscordFeature } from "../feature.js";
import { showOutcome } from "./wizard.js";

export const boostFeature: DiscordFeature = {
  commands: [command("boost", async (ctx) => ctx.reply.view(boostView(ctx.deps, ctx)))],
  actions: {
    boost: async (ctx, data, interaction) => {
      const pressed = decodeAction(data);
      await showOutcome(ctx, interaction, await boost(ctx.deps, ctx, pressed?.kind === "boost" ? pressed.id : ""));
    },
  },
};
