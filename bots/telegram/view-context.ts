import type { ViewContext } from "../views/view.js";
import type { BotContext } from "./context.js";

export const viewContext = (ctx: BotContext): ViewContext => ({ t: ctx.t, tokens: ctx.deps.tokens });
