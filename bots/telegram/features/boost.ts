// /boost: burn CLONES for an XP boost (bots/flows/wallet.ts). Each option is a button; pressing
// one sends a Solana Pay transaction request (QR and "Open in wallet"): the wallet fetches a burn
// of that many CLONES from our server, and the boost applies once the burn is confirmed on chain.
import { Composer } from "grammy";
import { boost, boostView } from "../../flows/wallet.js";
import { decodeAction } from "../../views/actions.js";
import type { BotContext } from "../context.js";
import { showOutcome } from "../wizard.js";

export const boostFeature = new Composer<BotContext>();

boostFeature.command("boost", (ctx) => ctx.render(boostView(ctx.deps, ctx)));

boostFeature.callbackQuery(/^boost:/, async (ctx) => {
  const pressed = decodeAction(ctx.callbackQuery.data);
  await showOutcome(ctx, await boost(ctx.deps, ctx, pressed?.kind === "boost" ? pressed.id : ""));
});
