// Discord's edge of the account flows (bots/flows/account.ts): profile, wallets, history,
// earnings, paired recorders, and a recording's grade (with its one appeal). All private.
// Linking a wallet: by a verification payment (a request sent as a DM) or a signed message (a wizard).
import { canAppeal } from "../../../core/grading/recording.js";
import { earnings, history, profile, wallets } from "../../flows/account.js";
import { verifyWallet } from "../../flows/wallet.js";
import { loadGradeNotice } from "../../notices/grade-notice.js";
import { decodeAction } from "../../views/actions.js";
import { decodeDeviceAction, devicesView, revokeAllAskView } from "../../views/devices.js";
import { gradeNotice } from "../../views/grade.js";
import { action } from "../../views/view.js";
import type { DiscordContext } from "../context.js";
import { command, type DiscordFeature } from "../feature.js";
import { begin, showOutcome } from "./wizard.js";

async function showDevices(ctx: DiscordContext, inPlace: boolean): Promise<void> {
  const devices = ctx.deps.devices;
  const view = devices
    ? devicesView(ctx.t, await devices.list(ctx.account.id))
    : { text: ctx.t("devices-unavailable") };
  await (inPlace ? ctx.reply.edit(view) : ctx.reply.view(view));
}

/** A recording's grade again, from /history: breakdown, reasons, and the Appeal button if unused. */
async function showGrade(ctx: DiscordContext, data: string): Promise<void> {
  const pressed = decodeAction(data);
  if (pressed?.kind !== "grade") return ctx.reply.nothing();
  const recording = await ctx.deps.core.getRecording(pressed.recordingId);
  if (!recording || recording.accountId !== ctx.account.id)
    return ctx.reply.view({ text: `⚠️ ${ctx.t("error-RECORDING_NOT_FOUND")}` });
  if (!recording.grade) return ctx.reply.view({ text: ctx.t("grade-pending") });
  const loaded = await loadGradeNotice(ctx.deps.core, ctx.deps.explorer, recording.id);
  if (!loaded) return ctx.reply.view({ text: `⚠️ ${ctx.t("error-FACTORY_NOT_FOUND")}` });
  await ctx.reply.view({
    text: gradeNotice(ctx.t, ctx.deps.tokens, loaded.input),
    buttons: canAppeal(recording) ? [[action(ctx.t("grade-appeal"), `appeal:${recording.id}`)]] : [],
  });
}

export const accountFeature: DiscordFeature = {
  commands: [
    command("profile", async (ctx) => ctx.reply.view(await profile(ctx.deps, ctx))),
    command("wallet", async (ctx) => ctx.reply.view(await wallets(ctx.deps, ctx))),
    command("history", async (ctx) => ctx.reply.view(await history(ctx.deps, ctx))),
    command("earnings", async (ctx) => ctx.reply.view(await earnings(ctx.deps, ctx))),
    command("devices", (ctx) => showDevices(ctx, false)),
  ],
  actions: {
    "nav:profile": async (ctx) => ctx.reply.view(await profile(ctx.deps, ctx)),
    grade: showGrade,
    "wallet:verify": async (ctx, _a, interaction) => showOutcome(ctx, interaction, await verifyWallet(ctx.deps, ctx)),
    "wallet:sign": (ctx, _a, interaction) => begin(ctx, interaction, { kind: "walletsign" }),
    appeal: async (ctx, data) => {
      const recordingId = /^appeal:([\w-]{1,128})$/.exec(data)?.[1];
      if (!recordingId) return ctx.reply.nothing();
      if (!ctx.deps.recordings) return ctx.reply.view({ text: ctx.t("discord-appeal-off") });
      const result = await ctx.deps.recordings.appeal(ctx.account.id, recordingId);
      await ctx.reply.view({ text: result.ok ? ctx.t("grade-appeal-queued") : `⚠️ ${ctx.t(`error-${result.code}`)}` });
    },
    // Revoking goes through the port with the presser's account: someone else's id revokes nothing.
    dev: async (ctx, data) => {
      const pressed = decodeDeviceAction(data);
      const devices = ctx.deps.devices;
      if (!pressed) return ctx.reply.nothing();
      if (!devices || pressed.op === "list") return showDevices(ctx, true);
      if (pressed.op === "revoke") {
        const revoked = await devices.revoke(ctx.account.id, pressed.id);
        await ctx.reply.edit(devicesView(ctx.t, await devices.list(ctx.account.id)));
        return ctx.reply.view({ text: ctx.t(revoked ? "devices-revoked" : "devices-not-yours") });
      }
      if (pressed.op === "allask") {
        const live = await devices.list(ctx.account.id);
        if (live.length === 0) return showDevices(ctx, true);
        return ctx.reply.edit(revokeAllAskView(ctx.t, live.length));
      }
      const count = await devices.revokeAll(ctx.account.id);
      await ctx.reply.edit({ text: ctx.t(count > 0 ? "devices-revoked-all" : "devices-none-to-revoke", { count }) });
    },
  },
};
