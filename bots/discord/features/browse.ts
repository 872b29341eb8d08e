// Discord's edge of the browse flow (bots/flows/browse.ts): /browse (or /browse factory:<name>,
// autocompleted from live factories), the page arrows, a factory's tasks, and a task's recorder
// instructions with their pairing code, always private.
import { browsePage, openFactory, pickTask } from "../../flows/browse.js";
import { decodeAction } from "../../views/actions.js";
import { label } from "../../views/view.js";
import type { DiscordContext } from "../context.js";
import { command, option, type DiscordFeature } from "../feature.js";

/** Live factories looked through for choices: Discord waits 3 s for them, a keystroke at a time. */
const CHOICE_SCAN = 100;
const PAGE = 20;

/** Choices for a factory option: live factories that can pay a demonstration, whose name holds what was typed. */
export async function liveFactoryChoices(ctx: DiscordContext, typed: string) {
  const needle = typed.trim().toLowerCase();
  const choices: { name: string; value: string }[] = [];
  for (let offset = 0; offset < CHOICE_SCAN && choices.length < 25; offset += PAGE) {
    const found = await ctx.deps.core.browseFactories({ offset, limit: PAGE });
    for (const { open, factory } of found.items)
      if (open && factory.name.toLowerCase().includes(needle))
        choices.push({ name: label(factory.name), value: factory.id });
    if (offset + PAGE >= found.total) break;
  }
  return choices.slice(0, 25);
}

async function showPage(ctx: DiscordContext, page: number, inPlace: boolean): Promise<void> {
  const { view } = await browsePage(ctx.deps, ctx, page);
  await (inPlace ? ctx.reply.edit(view) : ctx.reply.view(view));
}

async function open(ctx: DiscordContext, factoryId: string, inPlace: boolean): Promise<void> {
  const opened = await openFactory(ctx.deps, ctx, factoryId);
  // The tasks replace the list; a refusal is a new message.
  await (opened.ok && inPlace ? ctx.reply.edit(opened.view) : ctx.reply.view(opened.view));
}

export const browseFeature: DiscordFeature = {
  commands: [
    command(
      "browse",
      async (ctx, interaction) => {
        const factoryId = interaction.options.getString("factory");
        if (factoryId) return open(ctx, factoryId, false);
        await showPage(ctx, 0, false);
      },
      {
        options: [option("factory", "string", "discord-opt-live-factory", { autocomplete: true })],
        autocomplete: (ctx, interaction) => liveFactoryChoices(ctx, interaction.options.getFocused()),
      },
    ),
  ],
  actions: {
    "nav:browse": (ctx) => showPage(ctx, 0, true),
    page: async (ctx, data) => {
      const pressed = decodeAction(data);
      if (pressed?.kind !== "page") return ctx.reply.nothing();
      await showPage(ctx, pressed.page, true);
    },
    open: async (ctx, data) => {
      const pressed = decodeAction(data);
      if (pressed?.kind !== "open") return ctx.reply.nothing();
      await open(ctx, pressed.factoryId, true);
    },
    task: async (ctx, data) => {
      const pressed = decodeAction(data);
      if (pressed?.kind !== "task") return ctx.reply.nothing();
      const picked = await pickTask(ctx.deps, ctx, pressed.factoryId, pressed.task, { acceptsFiles: false });
      if (!picked.ok) return ctx.reply.view(picked.view);
      try {
        // A new private message: the code is the person's alone.
        await ctx.reply.view(picked.view);
      } catch (error) {
        // Never seen by the person, but the failed request holds the code: void it.
        await ctx.deps.pairing
          .revoke(picked.code)
          .catch(() =>
            ctx.deps.logger.warn({ factoryId: pressed.factoryId }, "an undelivered pairing code could not be voided"),
          );
        throw error;
      }
    },
  },
};
