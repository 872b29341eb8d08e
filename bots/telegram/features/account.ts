import { Composer } from "grammy";
import type { Factory } from "../../../core/factories/factory.js";
import { earningsView, historyView, profileView } from "../../views/farmer.js";
import { errorView } from "../../views/errors.js";
import { encodeAction } from "../../views/actions.js";
import { encodeDeviceAction } from "../../views/devices.js";
import { action } from "../../views/view.js";
import type { BotContext } from "../context.js";
import { viewContext } from "../view-context.js";

export const accountFeature = new Composer<BotContext>();

const showProfile = async (ctx: BotContext) => {
  const profile = await ctx.deps.core.getProfile(ctx.account.id);
  if (!profile.ok) return ctx.render(errorView(ctx.t, profile.error));
  const view = profileView(ctx.t, profile.value);
  // Paired recorders are managed from here too (/devices), where the upload API is set up.
  const devices = ctx.deps.devices ? [[action(ctx.t("devices-button"), encodeDeviceAction({ op: "list" }))]] : [];
  await ctx.render({ ...view, buttons: [...(view.buttons ?? []), ...devices] });
};
accountFeature.command("profile", showProfile);
accountFeature.callbackQuery("nav:profile", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showProfile(ctx);
});

accountFeature.command("wallet", async (ctx) => {
  const profile = await ctx.deps.core.getProfile(ctx.account.id);
  const wallets = profile.ok ? profile.value.wallets : [];
  const lines = [
    ctx.t("wallet-title"),
    ...(wallets.length ? wallets.map((w) => `• ${w.address}`) : [ctx.t("wallet-none")]),
    "",
    ctx.t("wallet-how"),
  ];
  const link = [
    ...(ctx.deps.payments ? [action(ctx.t("wallet-link"), encodeAction({ kind: "wallet", op: "verify" }))] : []),
    ...(ctx.deps.walletProof ? [action(ctx.t("wallet-sign"), encodeAction({ kind: "wallet", op: "sign" }))] : []),
  ];
  await ctx.render({ text: lines.join("\n"), buttons: link.length ? [link] : [] });
});

accountFeature.command("history", async (ctx) => {
  const submissions = await ctx.deps.core.listSubmissions(ctx.account.id, { offset: 0, limit: 15 });
  const recordings = new Map(
    (await ctx.deps.core.listRecordings(ctx.account.id, { offset: 0, limit: 15 })).map((r) => [r.id, r.status]),
  );
  const factories = new Map<string, Factory | null>();
  for (const s of submissions) {
    if (factories.has(s.factoryId)) continue;
    const overview = await ctx.deps.core.getFactoryOverview(s.factoryId);
    factories.set(s.factoryId, overview.ok ? overview.value.factory : null);
  }
  await ctx.render(
    historyView(
      viewContext(ctx),
      submissions.map((submission) => {
        const factory = factories.get(submission.factoryId);
        return {
          submission,
          factoryName: factory?.name ?? "?",
          taskTitle: factory?.tasks.find((task) => task.id === submission.taskId)?.title ?? "?",
          recording: recordings.get(submission.id),
        };
      }),
    ),
  );
});

accountFeature.command("earnings", async (ctx) => {
  const earnings = await ctx.deps.core.getEarnings(ctx.account.id);
  await ctx.render(earningsView(viewContext(ctx), earnings, await ctx.deps.core.getPayoutMinimums()));
});
