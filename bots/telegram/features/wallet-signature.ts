// Linking a wallet by signing a message: a wizard (bots/flows/wallet-sign.ts) that shows a
// one-time challenge, then asks the wallet's address and the signature, one message each.
// Only a public address and a signature ever travel: never a seed phrase or a private key.
import { Composer } from "grammy";
import { begin } from "../../flows/wizards.js";
import type { BotContext } from "../context.js";
import { showOutcome } from "../wizard.js";

export const walletSignatureFeature = new Composer<BotContext>();

walletSignatureFeature.callbackQuery("wallet:sign", async (ctx) =>
  showOutcome(ctx, await begin(ctx.deps, ctx, { kind: "walletsign" })),
);
