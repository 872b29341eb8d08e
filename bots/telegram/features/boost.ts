// /boost: burn CLONES for an XP boost. Each option is a button; pressing one sends a Solana Pay
// transaction request (QR and "Open in wallet"): the wallet fetches a burn of that many CLONES
// from our server, and the boost applies once the burn is confirmed on chain.
import { Composer } from "grammy";
import { XP_BOOSTS } from "../../../core/economics/rules.js";
import { activeBoostBps } from "../../../core/accounts/account.js";
import { decodeAction, encodeAction } from "../../views/actions.js";
import { action, multiplier, type View } from "../../views/view.js";
import type { BotContext } from "../context.js";
import { sendPayment } from "./fund.js";

export const boostFeature = new Composer<BotContext>();

function boostView(ctx: BotContext): View {
  const now = new Date();
  const active = activeBoostBps(ctx.account, now);
  const current =
    active > 10_000 && ctx.account.boostUntil
      ? ctx.t("boost-current", {
          multiplier: multiplier(active),
          until: ctx.account.boostUntil.toISOString().slice(0, 16).replace("T", " "),
        })
      : ctx.t("boost-current-none");
  if (!ctx.deps.payments?.boostsEnabled)
    return { text: [ctx.t("boost-title"), current, "", ctx.t("boost-off")].join("\n") };
  return {
    text: [ctx.t("boost-title"), current, "", ctx.t("boost-how")].join("\n"),
    buttons: XP_BOOSTS.map((b) => [
      action(
        ctx.t("boost-option", { clones: b.clones, multiplier: multiplier(b.bps), hours: b.hours }),
        encodeAction({ kind: "boost", id: b.id }),
      ),
    ]),
  };
}

boostFeature.command("boost", (ctx) => ctx.render(boostView(ctx)));

boostFeature.callbackQuery(/^boost:/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const pressed = decodeAction(ctx.callbackQuery.data);
  const payments = ctx.deps.payments;
  if (pressed?.kind !== "boost" || !payments?.boostsEnabled || !payments.requestBoost)
    return ctx.render(boostView(ctx));
  const boost = XP_BOOSTS.find((b) => b.id === pressed.id)!;
  const shown = await payments.requestBoost({ accountId: ctx.account.id, boostId: boost.id });
  const ref = await sendPayment(
    ctx,
    ctx.t,
    ctx.t("boost-request", {
      clones: boost.clones,
      multiplier: multiplier(boost.bps),
      hours: boost.hours,
      expires: `${shown.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    }),
    shown,
  );
  await ctx.deps.core.attachPaymentMessage({ requestId: shown.requestId, messageRef: ref });
});
