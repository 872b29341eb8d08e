// Discord's edge of the wizards (bots/flows/wizards.ts): each page is a modal (a text input per
// field), a page offering choices (the token) is a select menu, and the summary's buttons confirm
// or cancel. Discord opens a modal only in answer to a command or a button, never to a modal
// submit: after a page, a "Continue" button opens the next one, and after bad answers a "Try
// again" button reopens the same page. The wizard is stored by account, so one begun on Telegram
// is resumed here. /newfactory, the factory card's Edit and Fund, and staking start them. A
// wizard with an intro (the message to sign) shows it first, with Continue to open the form.
// A payment request goes to the person's DMs, where the payment notices update it once paid.
import {
  AttachmentBuilder,
  ComponentType,
  DiscordAPIError,
  TextInputStyle,
  type APIModalInteractionResponseCallbackComponent,
  type User,
  type APIModalInteractionResponseCallbackData,
  type ChatInputCommandInteraction,
  type MessageComponentInteraction,
} from "discord.js";
import { editMenu, removeTask } from "../../flows/edit-factory.js";
import {
  answerPage,
  cancel,
  choose,
  confirm,
  currentPage,
  intro,
  load,
  NEW_FACTORY_CREATE,
  page,
  respondPage,
  start,
  WIZARD_CANCEL,
  type Outcome,
  type PageSpec,
  type PaymentToShow,
  type WizardStart,
} from "../../flows/wizards.js";
import type { Step } from "../../flows/step.js";
import { formatMessageRef } from "../../notices/message-ref.js";
import { decodeAction } from "../../views/actions.js";
import { action, plain, type View } from "../../views/view.js";
import type { DiscordContext } from "../context.js";
import { command, type DiscordFeature } from "../feature.js";
import { discordMessage, PICK_PREFIX } from "../message.js";
import { toDiscordMarkdown } from "../render.js";

/** Custom ids: the modal of a page (`wiz:<page>`), and the buttons that open one. */
const WIZ = "wiz";
export const WIZARD_OPEN = `${WIZ}:open`;
export const WIZARD_RESTART = `${WIZ}:new`;
/** The select menu of a page's choices; each option's value is the choice's action. */
export const WIZARD_PICK = `${PICK_PREFIX}:${WIZ}`;

/** Discord's limits: a modal's title and an input's label, a placeholder, a value. */
const TITLE_MAX = 45;
const LABEL_MAX = 45;
const PLACEHOLDER_MAX = 100;
const VALUE_MAX = 4_000;
/** A text display's content. */
const TEXT_MAX = 4_000;

const TITLES: Record<string, string> = {
  newfactory: "discord-newfactory",
  editfactory: "discord-wizard-edit",
  fund: "discord-wizard-fund",
  walletsign: "discord-wizard-walletsign",
  tokenlaunch: "discord-wizard-tokenlaunch",
  metalaunch: "discord-wizard-metalaunch",
};

/** The QR's file name (as Telegram's photo). */
const QR_FILE = "solana-pay.png";

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

type Opener = ChatInputCommandInteraction | MessageComponentInteraction;
/** Whoever interacted: a payment request is sent to them. */
type From = { readonly user: User };

/** Discord's "Cannot send messages to this user": the person's DMs are closed to the bot. */
const DMS_CLOSED = 50007;

function modalOf(ctx: DiscordContext, kind: string, spec: PageSpec): APIModalInteractionResponseCallbackData {
  const title = ctx.t("discord-wizard-title", {
    title: ctx.t(TITLES[kind] ?? "discord-newfactory"),
    page: spec.index + 1,
    count: spec.count,
  });
  // A one-question page (an amount, an edit) shows the question itself above its input: what
  // the chat would have asked (the pool's balance, the current value), not only a short label.
  const only = spec.fields.length === 1 ? spec.fields[0] : undefined;
  const question = only
    ? [{ type: ComponentType.TextDisplay as const, content: cut(toDiscordMarkdown(only.prompt), TEXT_MAX) }]
    : [];
  return {
    custom_id: `${WIZ}:${spec.index}`,
    title: cut(title, TITLE_MAX),
    components: [
      ...question,
      ...spec.fields.map((f): APIModalInteractionResponseCallbackComponent => {
        const max = Math.min(Math.max(f.maxLength, 1), VALUE_MAX);
        const value = f.value && f.value.length <= max ? f.value : undefined;
        return {
          type: ComponentType.Label as const,
          label: cut(f.label, LABEL_MAX),
          component: {
            type: ComponentType.TextInput as const,
            custom_id: f.id,
            style: f.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short,
            required: f.required,
            min_length: Math.min(f.minLength, max),
            max_length: max,
            ...(f.placeholder ? { placeholder: cut(f.placeholder, PLACEHOLDER_MAX) } : {}),
            ...(value ? { value } : {}),
          },
        };
      }),
    ],
  };
}

const choicesOf = (spec: PageSpec) => spec.fields.find((f) => f.choices?.length);
const cancelButton = (ctx: DiscordContext) => action(ctx.t("conv-cancel"), WIZARD_CANCEL);

/**
 * A page offering choices (the token): a select menu whose values are the choices' actions, as
 * a pressed choice button would send them. Sent as a message (a select cannot be in a modal here).
 */
async function choiceMessage(ctx: DiscordContext, spec: PageSpec): Promise<void> {
  const field = choicesOf(spec)!;
  const select = {
    type: ComponentType.ActionRow as const,
    components: [
      {
        type: ComponentType.StringSelect as const,
        custom_id: WIZARD_PICK,
        placeholder: cut(field.label, PLACEHOLDER_MAX),
        options: field.choices!.slice(0, 25).map((c) => ({ label: cut(c.label, 100), value: c.action })),
      },
    ],
  };
  const text = ctx.t("discord-wizard-choose", { page: spec.index + 1, count: spec.count, field: field.label });
  await ctx.reply.view({ text, buttons: [[cancelButton(ctx)]] }, { rows: [select] });
}

/**
 * Shows a page: a select menu for choices (a message), else its modal. A modal must be the
 * interaction's first answer, so this is called before anything else is sent.
 */
async function showPage(ctx: DiscordContext, interaction: Opener, kind: string, spec: PageSpec): Promise<void> {
  if (choicesOf(spec)) return choiceMessage(ctx, spec);
  await interaction.showModal(modalOf(ctx, kind, spec));
}

/** What the next step shows after an accepted answer: the next page's way in, or the outcome. */
export async function advance(ctx: DiscordContext, from: From, outcome: Outcome | null): Promise<void> {
  if (!outcome) return ctx.reply.view({ text: ctx.t("discord-wizard-none") });
  const next = await currentPage(ctx.deps, ctx);
  if (!next) return showOutcome(ctx, from, outcome);
  if (choicesOf(next)) return choiceMessage(ctx, next);
  await ctx.reply.view({
    text: ctx.t("discord-wizard-next", { page: next.index + 1, count: next.count }),
    buttons: [[action(ctx.t("discord-wizard-continue"), WIZARD_OPEN), cancelButton(ctx)]],
  });
}

/** The step, then the payment request: in the person's DMs (see `showPayment`). */
export async function showOutcome(ctx: DiscordContext, from: From, outcome: Outcome): Promise<void> {
  if (outcome.step.show.length || outcome.step.notice || !outcome.payment) await ctx.reply.step(outcome.step);
  if (outcome.payment) await showPayment(ctx, from.user, outcome.payment);
}

const qrOf = (payment: PaymentToShow) => new AttachmentBuilder(Buffer.from(payment.shown.qrPng), { name: QR_FILE });

/**
 * A payment request is sent as a DM (its QR, its
 * text, its link; Discord's link buttons take only http, https and discord URLs, so no "Open in
 * wallet" button) and recorded as the request's message: an ephemeral message cannot be edited
 * through its channel, which is how the payment notices update it (bots/discord/deliver.ts). The
 * interaction gets a short private line. With DMs closed, the request is the private answer
 * itself (not recorded: the notices then come where the person can be reached).
 */
async function showPayment(ctx: DiscordContext, to: User, payment: PaymentToShow): Promise<void> {
  const text = `${payment.caption}\n\n${ctx.t("discord-pay-link")}\n${plain(payment.shown.url)}`;
  let sent: { id: string; channelId: string };
  try {
    const { content } = discordMessage({ text });
    sent = await to.send({ content, allowedMentions: { parse: [] }, files: [qrOf(payment)] });
  } catch (error) {
    if (!(error instanceof DiscordAPIError && error.code === DMS_CLOSED)) throw error;
    return ctx.reply.view({ text: `${ctx.t("discord-pay-dm-closed")}\n\n${text}` }, { files: [qrOf(payment)] });
  }
  const messageRef = formatMessageRef({
    platform: "discord",
    chatId: sent.channelId,
    messageId: sent.id,
    kind: "photo",
  });
  await ctx.deps.core.attachPaymentMessage({ requestId: payment.shown.requestId, messageRef });
  // In the bot's DMs the request is right there; in a server, the link is offered here too.
  const line =
    ctx.guildId === null ? ctx.t("discord-pay-here") : `${ctx.t("discord-pay-dm")}\n${plain(payment.shown.url)}`;
  await ctx.reply.view({ text: line });
}

/**
 * Starts a wizard (replacing the person's one in progress) and shows its first page; a wizard
 * with an intro shows it first, with Continue to open the page (what to sign, before the form).
 */
export async function begin(ctx: DiscordContext, interaction: Opener, input: WizardStart): Promise<void> {
  const now = new Date();
  const started = await start(ctx.deps, ctx, input, now);
  if (!started.state) return ctx.reply.step(started.step);
  await ctx.deps.wizards.write(ctx.account.id, started.state);
  const before = intro(ctx, started.state);
  if (before)
    return ctx.reply.view({
      text: `${before.text}\n\n${ctx.t("discord-wizard-intro-next")}`,
      buttons: [[action(ctx.t("discord-wizard-continue"), WIZARD_OPEN), cancelButton(ctx)]],
    });
  const first = page(ctx.deps, ctx, started.state);
  if (!first) return ctx.reply.step(started.step);
  await showPage(ctx, interaction, started.state.kind, first);
}

/** The person's wizard at its current page (Continue, Try again); the summary when all is answered. */
async function reopen(ctx: DiscordContext, interaction: Opener): Promise<void> {
  const loaded = await load(ctx.deps, ctx, new Date());
  if (!loaded) return ctx.reply.view({ text: ctx.t("discord-wizard-none") });
  if ("expired" in loaded) return ctx.reply.view({ text: ctx.t("wizard-expired") });
  const spec = page(ctx.deps, ctx, loaded.state);
  // Every answer is in (a summary waiting for Create): the summary again.
  if (!spec) return showOutcome(ctx, interaction, (await respondPage(ctx.deps, ctx, {}))!);
  await showPage(ctx, interaction, loaded.state.kind, spec);
}

/** /newfactory: a new-factory wizard in progress (here or on Telegram) is continued, and says so. */
async function newFactory(ctx: DiscordContext, interaction: Opener): Promise<void> {
  const loaded = await load(ctx.deps, ctx, new Date());
  if (!loaded || "expired" in loaded || loaded.state.kind !== "newfactory")
    return begin(ctx, interaction, { kind: "newfactory" });
  const spec = page(ctx.deps, ctx, loaded.state);
  const at = spec ? { page: spec.index + 1, count: spec.count } : null;
  await ctx.reply.view({
    text: at ? ctx.t("discord-wizard-resume", at) : ctx.t("discord-wizard-resume-summary"),
    buttons: [
      [
        action(ctx.t("discord-wizard-continue"), WIZARD_OPEN),
        action(ctx.t("discord-wizard-restart"), WIZARD_RESTART),
        cancelButton(ctx),
      ],
    ],
  });
}

/** Bad answers: each field and what is wrong, nothing saved, and the page again on "Try again". */
function retryView(ctx: DiscordContext, step: Step): View {
  const text = step.show.map((s) => s.view.text).join("\n");
  return { text, buttons: [[action(ctx.t("discord-wizard-retry"), WIZARD_OPEN), cancelButton(ctx)]] };
}

export const wizardFeature: DiscordFeature = {
  commands: [
    command("newfactory", (ctx, interaction) => newFactory(ctx, interaction), { manual: true }),
    command("cancel", async (ctx) => ctx.reply.step(await cancel(ctx.deps, ctx))),
  ],
  actions: {
    "nav:create": (ctx, _action, interaction) => newFactory(ctx, interaction),
    [WIZ]: async (ctx, pressed, interaction) => {
      if (pressed === WIZARD_RESTART) return begin(ctx, interaction, { kind: "newfactory" });
      if (pressed === WIZARD_OPEN) return reopen(ctx, interaction);
      await ctx.reply.nothing();
    },
    [WIZARD_CANCEL]: async (ctx) => ctx.reply.step(await cancel(ctx.deps, ctx)),
    [NEW_FACTORY_CREATE]: async (ctx, _action, interaction) => {
      const outcome = await confirm(ctx.deps, ctx);
      if (!outcome) return ctx.reply.view({ text: ctx.t("discord-wizard-none") });
      await showOutcome(ctx, interaction, outcome);
    },
    // A token picked in the select menu (or pressed): the choice's action, "nf:token:<symbol>".
    nf: async (ctx, pressed, interaction) => advance(ctx, interaction, await choose(ctx.deps, ctx, pressed)),
    edit: async (ctx, data, interaction) => {
      const pressed = decodeAction(data);
      if (pressed?.kind !== "edit") return ctx.reply.nothing();
      if (pressed.field === "menu" || pressed.field === "rmtask")
        return ctx.reply.step(await editMenu(ctx.deps, ctx, pressed.factoryId, pressed.field));
      await begin(ctx, interaction, { kind: "editfactory", factoryId: pressed.factoryId, field: pressed.field });
    },
    rmtask: async (ctx, data) => {
      const pressed = decodeAction(data);
      if (pressed?.kind !== "rmtask") return ctx.reply.nothing();
      await ctx.reply.step(await removeTask(ctx.deps, ctx, pressed.factoryId, pressed.task));
    },
    fund: async (ctx, data, interaction) => {
      const pressed = decodeAction(data);
      if (pressed?.kind !== "fund") return ctx.reply.nothing();
      await begin(ctx, interaction, { kind: "fund", purpose: "fund", factoryId: pressed.factoryId });
    },
    "stake:ask": (ctx, _a, interaction) => begin(ctx, interaction, { kind: "fund", purpose: "stake" }),
    "stake:unstake": (ctx, _a, interaction) => begin(ctx, interaction, { kind: "fund", purpose: "unstake" }),
    "admin:gas": (ctx, _a, interaction) => begin(ctx, interaction, { kind: "fund", purpose: "gas" }),
  },
  // These may answer with a modal, which must be the interaction's first answer: never deferred.
  manualActions: new Set(["nav:create", WIZ, "edit", "fund", "stake:ask", "stake:unstake", "admin:gas"]),
  modals: {
    [WIZ]: async (ctx, interaction) => {
      const texts: Record<string, string> = {};
      for (const [id, field] of interaction.fields.fields)
        if (field.type === ComponentType.TextInput) texts[id] = field.value;
      const now = new Date();
      const loaded = await load(ctx.deps, ctx, now);
      if (!loaded) return ctx.reply.view({ text: ctx.t("discord-wizard-none") });
      if ("expired" in loaded) return ctx.reply.view({ text: ctx.t("wizard-expired") });
      // Checked first: bad answers are all reported, and nothing is stored.
      const checked = answerPage(ctx.deps, ctx, loaded.state, texts, now);
      if (!checked.ok) return ctx.reply.view(retryView(ctx, checked.step));
      await advance(ctx, interaction, await respondPage(ctx.deps, ctx, texts, now));
    },
  },
};
