// The wizards on Discord end to end: modals for pages, a select menu for the token, the summary's
// Create button, bad answers reported with a way back to the same modal, a wizard begun on
// Telegram resumed here, and Fund from a factory's card answered with a Solana Pay QR attachment.
import { ComponentType, InteractionResponseType, MessageFlags } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { begin, respond } from "../../../bots/flows/wizards.js";
import { encodeAction } from "../../../bots/views/actions.js";
import { amount } from "../../../bots/views/view.js";
import { formatAmount } from "../../../core/money/amount.js";
import { must, USDC } from "../../support/scenario.js";
import { componentsOf, en, i18n, readable, startDiscordHarness, type DiscordHarness } from "./bot-harness.js";

const CREATOR = { id: "210000000000000001", username: "cora" };
const BADGER = { id: "210000000000000002", username: "badger" };
const TRAVELLER = { id: "210000000000000003", username: "tove" };
const FUNDER = { id: "210000000000000004", username: "fuji" };

/** The inputs of a modal callback: custom id, label, and the text input's settings. */
const inputsOf = (data: unknown) =>
  ((data as { components?: { type: number }[] }).components ?? [])
    .filter((c) => c.type === ComponentType.Label)
    .map((c) => {
      const label = c as unknown as { label: string; component: { custom_id?: string; [key: string]: unknown } };
      return { label: label.label, ...label.component };
    });
/** The texts a modal shows above its inputs. */
const textsOf = (data: unknown) =>
  ((data as { components?: { type: number; content?: string }[] }).components ?? [])
    .filter((c) => c.type === ComponentType.TextDisplay)
    .map((c) => c.content);

describe("the wizards on Discord, with a real discord.js Client and database", () => {
  let h: DiscordHarness;
  const account = async (user: { id: string }) =>
    must(await h.s.core.registerAccount({ platform: "discord", externalId: user.id })).account;

  beforeAll(async () => {
    h = await startDiscordHarness([CREATOR, BADGER, TRAVELLER, FUNDER]);
  }, 60_000);
  afterAll(async () => h?.close());

  it("GIVEN a creator WHEN they run /newfactory, fill three pages (modal, token select, modal) and press Create THEN the factory exists in the core and its card opens", async () => {
    const { emulator, guildId } = h;
    const started = emulator.slashCommand({ user: CREATOR.id, guildId, name: "newfactory" });
    const modal = await started.response();
    expect(modal.type).toBe(InteractionResponseType.Modal);
    expect(modal.data?.title).toBe("New factory (1/3)");
    expect(inputsOf(modal.data)).toEqual([
      expect.objectContaining({ custom_id: "name", label: en("wizard-label-name"), required: true }),
      expect.objectContaining({ custom_id: "useCase", label: en("wizard-label-usecase") }),
      // Tasks, one per line: a paragraph input.
      expect.objectContaining({ custom_id: "tasks", style: 2, label: en("wizard-label-tasks") }),
    ]);

    const first = emulator.modalSubmit({
      from: started,
      values: { name: "Spreadsheet drills", useCase: "Teach agents spreadsheets", tasks: "Sum a column: sum B" },
    });
    const tokenPage = await first.response();
    expect(tokenPage.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(readable(tokenPage.data)).toContain("Step 2 of 3");
    const select = componentsOf(first.original()).find((c) => c.type === ComponentType.StringSelect)!;
    expect(select.options?.map((o) => o.value)).toContain("nf:token:USDC");

    const picked = emulator.stringSelect({
      user: CREATOR.id,
      message: first.original()!,
      customId: select.custom_id!,
      values: ["nf:token:USDC"],
    });
    await picked.response();
    expect(readable(picked.original())).toBe(en("discord-wizard-next", { page: 3, count: 3 }));

    const third = emulator.button({
      user: CREATOR.id,
      message: picked.original()!,
      label: en("discord-wizard-continue"),
    });
    const thirdModal = await third.response();
    expect(thirdModal.type).toBe(InteractionResponseType.Modal);
    expect(inputsOf(thirdModal.data).map((i) => i.custom_id)).toEqual(["reward", "threshold", "limits"]);

    const last = emulator.modalSubmit({ from: third, values: { reward: "2.5", threshold: "70", limits: "none" } });
    await last.response();
    const summary = last.original()!;
    expect(readable(summary)).toContain("Spreadsheet drills");
    const create = emulator.button({ user: CREATOR.id, message: summary, customId: "nf:create" });
    await create.response();
    expect(readable(create.original())).toContain(en("nf-created"));

    const creator = await account(CREATOR);
    const [factory] = await h.s.core.listOwnedFactories(creator.id);
    expect(factory).toMatchObject({
      name: "Spreadsheet drills",
      token: "USDC",
      rewardPerDemo: 2_500_000n,
      threshold: 70,
    });
    const card = emulator.button({
      user: CREATOR.id,
      message: create.original()!,
      customId: encodeAction({ kind: "card", factoryId: factory!.id }),
    });
    await card.response();
    expect(readable(card.original())).toContain("Spreadsheet drills");
    expect(await h.deps.wizards.read(creator.id)).toBeUndefined();
  });

  it("GIVEN a page with bad answers WHEN it is submitted THEN each bad field is listed with Try again, which reopens the same page, and nothing changes", async () => {
    const { emulator, guildId } = h;
    const started = emulator.slashCommand({ user: BADGER.id, guildId, name: "newfactory" });
    await started.response();
    const badger = await account(BADGER);
    const before = await h.deps.wizards.read(badger.id);

    const bad = emulator.modalSubmit({
      from: started,
      // Within Discord's lengths, but wrong: a name with nothing visible, a task without a title.
      values: { name: "\u200b\u200b", useCase: "Fine", tasks: ": no title" },
    });
    await bad.response();
    const text = readable(bad.original());
    expect(text).toContain(`${en("wizard-label-name")}:`);
    expect(text).toContain(`${en("wizard-label-tasks")}:`);
    expect(text).not.toContain(en("wizard-label-usecase"));
    expect(await h.deps.wizards.read(badger.id)).toEqual(before);
    expect(await h.s.core.listOwnedFactories(badger.id)).toEqual([]);

    const retry = emulator.button({ user: BADGER.id, message: bad.original()!, label: en("discord-wizard-retry") });
    const again = await retry.response();
    expect(again.type).toBe(InteractionResponseType.Modal);
    expect(again.data?.custom_id).toBe("wiz:0");
  });

  it("GIVEN a factory begun as the same account on Telegram WHEN the person runs /newfactory on Discord THEN they are told and it continues where it was", async () => {
    const { emulator, guildId } = h;
    const traveller = await account(TRAVELLER);
    const t = i18n.translator("en");
    const person = { account: traveller, locale: "en" as const, t, isAdmin: false };
    await begin(h.deps, person, { kind: "newfactory" });
    await respond(h.deps, person, "Telegram drills");
    await respond(h.deps, person, "Started on the phone");
    await respond(h.deps, person, "Open a chat: open it");

    const resumed = emulator.slashCommand({ user: TRAVELLER.id, guildId, name: "newfactory" });
    await resumed.response();
    expect(readable(resumed.original())).toBe(en("discord-wizard-resume", { page: 2, count: 3 }));
    const labels = componentsOf(resumed.original()).map((c) => c.label);
    expect(labels).toEqual([en("discord-wizard-continue"), en("discord-wizard-restart"), en("conv-cancel")]);

    const cont = emulator.button({
      user: TRAVELLER.id,
      message: resumed.original()!,
      label: en("discord-wizard-continue"),
    });
    await cont.response();
    // The token page: its select menu, the earlier answers kept.
    expect(componentsOf(cont.original()).some((c) => c.type === ComponentType.StringSelect)).toBe(true);
    const state = await h.deps.wizards.read(traveller.id);
    expect(state?.values).toMatchObject({ name: "Telegram drills", useCase: "Started on the phone" });

    const cancelled = emulator.button({ user: TRAVELLER.id, message: cont.original()!, label: en("conv-cancel") });
    await cancelled.response();
    expect(await h.deps.wizards.read(traveller.id)).toBeUndefined();
  });

  it("GIVEN a funder's factory WHEN they press Fund on its card and submit an amount THEN the Solana Pay request comes as a DM with its QR, recorded as that DM, and the request is in the core", async () => {
    const { emulator, guildId } = h;
    const funder = await account(FUNDER);
    const factory = await h.s.factory(funder, { name: "Fund me" });
    const card = emulator.slashCommand({
      user: FUNDER.id,
      guildId,
      name: "factories",
      options: { factory: factory.id },
    });
    await card.response();
    const fund = emulator.button({
      user: FUNDER.id,
      message: card.original()!,
      customId: encodeAction({ kind: "fund", factoryId: factory.id }),
    });
    const modal = await fund.response();
    expect(modal.type).toBe(InteractionResponseType.Modal);
    expect(inputsOf(modal.data).map((i) => i.custom_id)).toEqual(["amount"]);
    // The question as the chat asks it, above the input: which factory, and its pool now.
    expect(textsOf(modal.data)).toEqual([expect.stringMatching(/Fund me.*0 USDC/)]);

    const paid = emulator.modalSubmit({ from: fund, values: { amount: "2.5" } });
    const answer = await paid.response();
    expect(answer.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(readable(answer.data)).toContain(en("discord-pay-dm"));
    expect(readable(answer.data)).toMatch(/solana:\S+/);
    const dm = emulator.dms(FUNDER.id).at(-1)!;
    expect(dm.attachments.map((a) => a.filename)).toEqual(["solana-pay.png"]);
    expect(readable(dm)).toMatch(/solana:\S+/);
    const requests = await h.db.prisma.paymentRequest.findMany({ where: { factoryId: factory.id } });
    expect(
      requests.map((r) => [r.purpose, r.ownerId, r.units.toString(), JSON.parse(r.messageRef!).messageId]),
    ).toEqual([["fund", funder.id, USDC(2.5).toString(), dm.id]]);
  });

  it("GIVEN a creator's factory WHEN they press Edit, then Reward, and submit its one-field modal THEN the reward changes in the core", async () => {
    const { emulator, guildId } = h;
    const creator = await account(CREATOR);
    const factory = await h.s.factory(creator, { name: "Edit me" });
    const card = emulator.slashCommand({
      user: CREATOR.id,
      guildId,
      name: "factories",
      options: { factory: factory.id },
    });
    await card.response();
    const menu = emulator.button({
      user: CREATOR.id,
      message: card.original()!,
      customId: encodeAction({ kind: "edit", factoryId: factory.id, field: "menu" }),
    });
    await menu.response();
    // The menu replaces the card (or comes as a new message).
    const shown = menu.original() ?? emulator.world.messages.get(card.original()!.id)!;
    const reward = emulator.button({
      user: CREATOR.id,
      message: shown,
      customId: encodeAction({ kind: "edit", factoryId: factory.id, field: "reward" }),
    });
    const modal = await reward.response();
    expect(modal.type).toBe(InteractionResponseType.Modal);
    const [input] = inputsOf(modal.data);
    // Filled in with the current reward, as one would type it, ready to change.
    expect(input).toMatchObject({ custom_id: "reward", value: formatAmount(factory.rewardPerDemo, 6) });
    expect(textsOf(modal.data)).toEqual([
      expect.stringContaining(amount(h.deps.tokens, "USDC", factory.rewardPerDemo)),
    ]);
    const saved = emulator.modalSubmit({ from: reward, values: { reward: "3" } });
    await saved.response();
    const after = must(await h.s.core.getFactoryOverview(factory.id)).factory;
    expect(after.rewardPerDemo).toBe(3_000_000n);
  });
});
