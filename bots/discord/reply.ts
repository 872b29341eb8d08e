// Answers one interaction. Discord wants an answer within 3 s: what is ready sooner is sent as
// the answer itself (one request), and work that takes longer is deferred first, automatically,
// then shown by editing the deferred answer. Commands answer privately (ephemeral) unless they
// are public; a button's new messages are private, and its in-place views edit the pressed message.
import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type MessageComponentInteraction,
  type ModalSubmitInteraction,
} from "discord.js";
import type { Step } from "../flows/step.js";
import type { View } from "../views/view.js";
import type { Extra, Reply } from "./context.js";
import { discordMessage } from "./message.js";

/** Work still running after this long is deferred (Discord's limit for the first answer is 3 s). */
export const DEFER_AFTER_MS = 1_500;

type Answerable = ChatInputCommandInteraction | MessageComponentInteraction | ModalSubmitInteraction;

export function replyTo(
  interaction: Answerable,
  options: { ephemeral: boolean; deferAfterMs?: number; manual?: boolean },
): Reply & { close(): void } {
  const flags = options.ephemeral ? MessageFlags.Ephemeral : undefined;
  const component = interaction.isMessageComponent();
  let deferred: Promise<unknown> | null = null;
  const defer = () =>
    (deferred ??= component ? interaction.deferUpdate() : interaction.deferReply(flags ? { flags } : {}));
  // A handler that answers by itself (with a modal, which must come first) is never deferred.
  const timer = options.manual
    ? undefined
    : setTimeout(() => void defer().catch(() => undefined), options.deferAfterMs ?? DEFER_AFTER_MS);
  /** Whether the pressed (or deferred) message may still be replaced by the next in-place view. */
  let answered = false;

  async function send(view: View, inPlace: boolean, extra: Extra = {}): Promise<void> {
    clearTimeout(timer);
    if (deferred) await deferred;
    const { files: picture, ...shown } = discordMessage(view);
    const files = [...(extra.files ?? []), ...picture];
    const message = {
      ...shown,
      components: [...(extra.rows ?? []), ...shown.components],
      ...(files.length ? { files } : {}),
    };
    // A view in place of a message replaces its picture too: the old attachments go, the new ones
    // come (a fresh list each time: discord.js appends the files' entries to it).
    const replacing = () => ({ ...message, attachments: [] });
    if (!answered && deferred) {
      // A deferred command's answer, or the pressed message (deferUpdate), is edited; a button's
      // new message follows up.
      if (component && !inPlace) await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
      else await interaction.editReply(replacing());
    } else if (!answered) {
      if (component && inPlace) await interaction.update(replacing());
      else await interaction.reply({ ...message, ...(component ? { flags: MessageFlags.Ephemeral } : { flags }) });
    } else if (component && inPlace) await interaction.editReply(replacing());
    else await interaction.followUp({ ...message, flags: component ? MessageFlags.Ephemeral : flags });
    answered = true;
  }

  return {
    view: (view, extra) => send(view, false, extra),
    edit: (view) => send(view, true),
    async step(step: Step) {
      const notice = step.notice ? [{ view: { text: step.notice }, inPlace: false }] : [];
      // After a command the notice comes first; on a button, the pressed message changes first.
      const shown = component ? [...step.show, ...notice] : [...notice, ...step.show];
      if (shown.length === 0) return this.nothing();
      for (const s of shown) await send(s.view, s.inPlace);
    },
    async nothing() {
      clearTimeout(timer);
      if (answered || deferred) return;
      if (component) await defer();
    },
    close: () => clearTimeout(timer),
  };
}

/** For autocomplete, which answers with choices only. */
export const noReply: Reply = {
  view: () => Promise.reject(new Error("autocomplete cannot reply with a message")),
  edit: () => Promise.reject(new Error("autocomplete cannot reply with a message")),
  step: () => Promise.reject(new Error("autocomplete cannot reply with a message")),
  nothing: async () => undefined,
};
