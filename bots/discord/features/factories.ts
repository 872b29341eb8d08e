// Discord's edge of the factories flow (bots/flows/factories.ts): /factories (or
// /factories factory:<name>, autocompleted from the person's own factories), a factory's card,
// and its actions (pause, resume, close, withdraw, the dataset exports). Core decides who may.
import { datasetStep } from "../../flows/datasets.js";
import {
  changeStatus,
  dashboardLink,
  factoryCard,
  factoryList,
  factoryStats,
  withdraw,
} from "../../flows/factories.js";
import { decodeAction } from "../../views/actions.js";
import { label } from "../../views/view.js";
import { command, option, type DiscordFeature } from "../feature.js";

export const factoriesFeature: DiscordFeature = {
  commands: [
    command(
      "factories",
      async (ctx, interaction) => {
        const factoryId = interaction.options.getString("factory");
        if (!factoryId) return ctx.reply.view(await factoryList(ctx.deps, ctx));
        await ctx.reply.step(await factoryCard(ctx.deps, ctx, factoryId));
      },
      {
        options: [option("factory", "string", "discord-opt-own-factory", { autocomplete: true })],
        async autocomplete(ctx, interaction) {
          const typed = interaction.options.getFocused().trim().toLowerCase();
          const owned = await ctx.deps.core.listOwnedFactories(ctx.account.id);
          return owned
            .filter((f) => f.name.toLowerCase().includes(typed))
            .slice(0, 25)
            .map((f) => ({ name: label(f.name), value: f.id }));
        },
      },
    ),
  ],
  actions: {
    "nav:factories": async (ctx) => ctx.reply.edit(await factoryList(ctx.deps, ctx)),
    card: async (ctx, data) => {
      const pressed = decodeAction(data);
      if (pressed?.kind !== "card") return ctx.reply.nothing();
      await ctx.reply.step(await factoryCard(ctx.deps, ctx, pressed.factoryId));
    },
    // 📊 Stats: the factory's chart (an attachment in the embed) and its figures.
    stats: async (ctx, data) => {
      const pressed = decodeAction(data);
      if (pressed?.kind !== "stats") return ctx.reply.nothing();
      await ctx.reply.step(await factoryStats(ctx.deps, ctx, pressed.factoryId));
    },
    // 📱 Dashboard: a one-time sign-in link, for the person who pressed only.
    "dash:link": async (ctx) => ctx.reply.view(await dashboardLink(ctx.deps, ctx)),
    status: async (ctx, data) => {
      const pressed = decodeAction(data);
      if (pressed?.kind !== "status") return ctx.reply.nothing();
      await ctx.reply.step(await changeStatus(ctx.deps, ctx, pressed.factoryId, pressed.op));
    },
    // Ask (amount, wallet), then withdraw once, whatever the number of presses.
    withdraw: async (ctx, data) => {
      const pressed = decodeAction(data);
      if (pressed?.kind !== "withdraw") return ctx.reply.nothing();
      await ctx.reply.step(await withdraw(ctx.deps, ctx, pressed.factoryId, pressed.step));
    },
    // 📦 Dataset: the factory's exports (progress, download link) and the Export button.
    dataset: async (ctx, data) => {
      const pressed = decodeAction(data);
      if (pressed?.kind !== "dataset") return ctx.reply.nothing();
      await ctx.reply.step(
        await datasetStep(ctx.deps.datasets, ctx, pressed.factoryId, pressed.op, ctx.deps.datasetTokens),
      );
    },
  },
};
