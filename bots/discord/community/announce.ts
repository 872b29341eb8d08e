// Featured factories announced in the channel a server's admins chose (/settings).
import { ButtonStyle, ComponentType, Routes, type REST } from "discord.js";
import { farmerShare } from "../../../core/economics/rules.js";
import { isLive, type Factory } from "../../../core/factories/factory.js";
import type { TokenRegistry } from "../../../core/money/tokens.js";
import type { CommunityStore } from "../../../core/ports/community.js";
import { pickLocale, type I18n } from "../../i18n.js";
import { encodeAction } from "../../views/actions.js";
import { amount, label, plain } from "../../views/view.js";
import { content } from "./text.js";

export interface AnnounceDeps {
  /** A REST client with the bot's token (`client.rest` in the bot). */
  readonly rest: REST;
  readonly community: Pick<CommunityStore, "guildSettings">;
  readonly i18n: I18n;
  readonly tokens: TokenRegistry;
}

export type AnnounceOutcome =
  | { readonly posted: true; readonly messageId: string }
  | { readonly posted: false; readonly reason: "no_channel" | "not_featured" | "not_live" };

/**
 * Posts a featured factory in the guild's announcements channel, in the server's language, with
 * an Open button (the bots' `open` action): only public terms, nobody pinged. Nothing is posted
 * for a factory that is not live or not featured there, or where no channel was chosen. Discord's
 * refusals (the bot may no longer post there) are thrown as discord.js errors.
 */
export async function announceFactory(deps: AnnounceDeps, guildId: string, factory: Factory): Promise<AnnounceOutcome> {
  const settings = await deps.community.guildSettings(guildId);
  if (!settings?.announceChannelId) return { posted: false, reason: "no_channel" };
  if (!settings.featuredFactoryIds.includes(factory.id)) return { posted: false, reason: "not_featured" };
  if (!isLive(factory)) return { posted: false, reason: "not_live" };
  const t = deps.i18n.translator(pickLocale(settings.locale));
  const text = t("discord-announce", {
    name: plain(factory.name),
    useCase: plain(factory.useCase),
    reward: amount(deps.tokens, factory.token, farmerShare(factory.rewardPerDemo)),
    threshold: factory.threshold,
  });
  const open = {
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    label: label(t("discord-announce-open")),
    custom_id: encodeAction({ kind: "open", factoryId: factory.id }),
  };
  const message = (await deps.rest.post(Routes.channelMessages(settings.announceChannelId), {
    body: {
      content: content(text),
      components: [{ type: ComponentType.ActionRow, components: [open] }],
      allowed_mentions: { parse: [] },
    },
  })) as { id: string };
  return { posted: true, messageId: message.id };
}
