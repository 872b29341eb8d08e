// /devices: the person's paired recorders, with Revoke and Revoke all. Revoking goes through
// the port with the presser's account, so an id from someone else's list revokes nothing.
import { Composer } from "grammy";
import { decodeDeviceAction, devicesView, revokeAllAskView } from "../../views/devices.js";
import type { BotContext } from "../context.js";

export const devicesFeature = new Composer<BotContext>();

async function showDevices(ctx: BotContext, edit: boolean): Promise<void> {
  const devices = ctx.deps.devices;
  if (!devices) return ctx.render({ text: ctx.t("devices-unavailable") });
  await ctx.render(devicesView(ctx.t, await devices.list(ctx.account.id)), { edit });
}

devicesFeature.command("devices", (ctx) => showDevices(ctx, false));

devicesFeature.callbackQuery(/^dev:/, async (ctx) => {
  const pressed = decodeDeviceAction(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  const devices = ctx.deps.devices;
  if (!pressed) return;
  if (!devices || pressed.op === "list") return showDevices(ctx, true);
  if (pressed.op === "revoke") {
    const revoked = await devices.revoke(ctx.account.id, pressed.id);
    await ctx.render({ text: ctx.t(revoked ? "devices-revoked" : "devices-not-yours") });
    return showDevices(ctx, true);
  }
  if (pressed.op === "allask") {
    const live = await devices.list(ctx.account.id);
    if (live.length === 0) return showDevices(ctx, true);
    return ctx.render(revokeAllAskView(ctx.t, live.length), { edit: true });
  }
  const count = await devices.revokeAll(ctx.account.id);
  await ctx.render(
    { text: ctx.t(count > 0 ? "devices-revoked-all" : "devices-none-to-revoke", { count }) },
    { edit: true },
  );
});
