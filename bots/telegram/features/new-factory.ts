// /newfactory and the main menu's Create button start the new-factory wizard
// (bots/flows/factory-wizard.ts); its answers come through the wizard feature.
import { Composer } from "grammy";
import { begin } from "../../flows/wizards.js";
import type { BotContext } from "../context.js";
import { showOutcome } from "../wizard.js";

export const newFactoryFeature = new Composer<BotContext>();

const enter = async (ctx: BotContext) => showOutcome(ctx, await begin(ctx.deps, ctx, { kind: "newfactory" }));
newFactoryFeature.chatType("private").command("newfactory", enter);
newFactoryFeature.callbackQuery("nav:create", enter);
