// Discord's edge of the link flow (bots/flows/link.ts): `/link` gives a code for the Telegram
// bot; `/link code:<code>` (a code the Telegram bot gave) merges the two accounts. Private
// (ephemeral), like every answer that is not public: a code is a key to the account.
import { link } from "../../flows/link.js";
import { command, option, type DiscordFeature } from "../feature.js";

export const linkFeature: DiscordFeature = {
  commands: [
    command(
      "link",
      async (ctx, interaction) => {
        const result = await link(ctx.deps, ctx, { here: "discord", code: interaction.options.getString("code") });
        // The merged account (the person's own no longer exists) is the one the answer speaks for.
        const person = result.account ? { ...ctx, account: result.account } : ctx;
        await person.reply.view(result.view);
      },
      { options: [option("code", "string", "discord-opt-link-code")] },
    ),
  ],
};
