// What the Discord community features need: a few core use cases, the community store, the texts,
// and the notifier (for the people told about a referral). The Discord bot's composition root
// passes them in; nothing here reads the environment.
import type { Core } from "../../../core/index.js";
import type { TokenRegistry } from "../../../core/money/tokens.js";
import type { CommunityStore } from "../../../core/ports/community.js";
import type { BotLogger } from "../../flows/deps.js";
import type { I18n } from "../../i18n.js";
import type { Notifier } from "../../notices/notifier.js";

export interface CommunityDeps {
  readonly core: Pick<
    Core,
    | "registerAccount"
    | "attributeReferral"
    | "getStakeTier"
    | "listIdentities"
    | "browseFactories"
    | "getFactoryOverview"
  >;
  readonly community: CommunityStore;
  readonly i18n: I18n;
  readonly tokens: TokenRegistry;
  readonly notifier: Notifier;
  readonly logger: BotLogger;
  /** The Telegram bot's username, for the cross-platform referral link; absent without a Telegram bot. */
  readonly telegramBot?: string;
  readonly now?: () => Date;
}

export const nowOf = (deps: Pick<CommunityDeps, "now">): Date => deps.now?.() ?? new Date();
