// Linking a wallet by signing a message: the bot shows a one-time challenge, the person signs it
// in their wallet (or with `solana sign-offchain-message`) and sends "<address> <signature>".
// Only a public address and a signature ever travel: never a seed phrase or a private key.
import type { Conversation } from "@grammyjs/conversations";
import { Composer, type Context } from "grammy";
import type { Locale } from "../../i18n.js";
import { asker } from "../ask.js";
import type { BotContext, TelegramBotDeps } from "../context.js";

export const SIGN_WALLET = "signwallet";

const BASE58 = /^[1-9A-HJ-NP-Za-km-z]+$/;
/** A secret key or seed phrase pasted by mistake: refused before anything else happens. */
const looksSecret = (text: string) => text.split(/\s+/).length >= 12 || /^\[?\s*\d+\s*(,\s*\d+\s*){31,}\]?$/.test(text);

export function signWalletConversation(deps: TelegramBotDeps) {
  return async (
    conversation: Conversation<BotContext, Context>,
    ctx: Context,
    input: { accountId: string; locale: Locale },
  ) => {
    const t = deps.i18n.translator(input.locale);
    const { ask, say } = asker(conversation, ctx, t);
    const proof = deps.walletProof;
    if (!proof) return say(`⚠️ ${t("error-PAYMENTS_NOT_CONFIGURED")}`);
    const challenge = await conversation.external({
      task: () => proof.challenge(input.accountId),
      beforeStore: (c: { message: string; expiresAt: Date }) => ({ ...c, expiresAt: c.expiresAt.toISOString() }),
      afterLoad: (c: { message: string; expiresAt: string }) => ({ ...c, expiresAt: new Date(c.expiresAt) }),
    });
    await say(t("wallet-sign-challenge", { message: challenge.message }));
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await ask(t("wallet-sign-ask"), (a) => {
        const text = a.text?.trim() ?? "";
        if (looksSecret(text)) return { ok: false, retry: t("wallet-sign-secret") };
        const [wallet, signature, ...rest] = text.split(/\s+/);
        return wallet && signature && !rest.length && BASE58.test(wallet) && BASE58.test(signature)
          ? { ok: true, value: { wallet, signature } }
          : { ok: false, retry: t("wallet-sign-format") };
      });
      const outcome = await conversation.external(() => proof.prove(input.accountId, answer.wallet, answer.signature));
      if (outcome.ok) return say(t("wallet-sign-linked", { wallet: answer.wallet }));
      if (outcome.code !== "SIGNATURE_INVALID") return say(t(`wallet-sign-${outcome.code}`));
      await say(t("wallet-sign-SIGNATURE_INVALID"));
    }
  };
}

export const walletSignatureFeature = new Composer<BotContext>();

walletSignatureFeature.callbackQuery("wallet:sign", async (ctx) => {
  await ctx.answerCallbackQuery();
  if (!ctx.deps.walletProof) return ctx.reply(`⚠️ ${ctx.t("error-PAYMENTS_NOT_CONFIGURED")}`);
  await ctx.conversation.enter(SIGN_WALLET, { accountId: ctx.account.id, locale: ctx.locale });
});
