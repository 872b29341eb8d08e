// Wallets and XP boosts on Discord, end to end with a real discord.js Client: a verification
// payment and a boost's burn go to the person's DMs with their QR, and that DM is recorded as the
// request's message so the payment notices edit it; with DMs closed the request is the private
// answer. Linking by a signed message is a wizard: the challenge, then a modal.
import { InteractionResponseType, MessageFlags } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentRequests } from "../../../app/payments.js";
import { walletChallenges, type WalletChallenge } from "../../../app/wallet-challenges.js";
import { discordDeliverer, discordRest } from "../../../bots/discord/deliver.js";
import { parseMessageRef } from "../../../bots/notices/message-ref.js";
import { must } from "../../support/scenario.js";
import { memoryKeyValue } from "../../support/telegram-harness.js";
import { testWallet } from "../../support/wallet-signer.js";
import { componentsOf, en, readable, startDiscordHarness, type DiscordHarness } from "./bot-harness.js";

const VERIFIER = { id: "230000000000000001", username: "vera" };
const CLOSED = { id: "230000000000000002", username: "clod" };
const BURNER = { id: "230000000000000003", username: "bruno" };
const SIGNER = { id: "230000000000000004", username: "sigrid" };
const DMER = { id: "230000000000000005", username: "dimitri" };

const SEED = "abandon ability able about above absent absorb abstract absurd abuse access accident";
const CHALLENGE = /```\n([\s\S]+?)\n```/;

describe("wallets and XP boosts on Discord, with a real discord.js Client and database", () => {
  let h: DiscordHarness;
  const account = async (user: { id: string }) =>
    must(await h.s.core.registerAccount({ platform: "discord", externalId: user.id })).account;
  const requestsOf = async (user: { id: string }, purpose: string) =>
    h.db.prisma.paymentRequest.findMany({ where: { ownerId: (await account(user)).id, purpose } });

  beforeAll(async () => {
    h = await startDiscordHarness([VERIFIER, CLOSED, BURNER, SIGNER, DMER]);
    // The bot reads these deps: boosts (they need a public URL) and wallet proofs, configured.
    Object.assign(h.deps, {
      payments: paymentRequests(h.s.core, h.s.deps.tokens, "https://forge.example"),
      walletProof: walletChallenges(h.s.core, memoryKeyValue<WalletChallenge>()),
    });
  }, 60_000);
  afterAll(async () => h?.close());

  /** /wallet in the guild (or, `inDm`, in the bot's DMs), then one of its buttons. */
  const walletButton = async (user: { id: string }, label: string, inDm = false) => {
    const wallets = h.emulator.slashCommand({ user: user.id, guildId: inDm ? undefined : h.guildId, name: "wallet" });
    await wallets.response();
    return h.emulator.button({ user: user.id, message: wallets.original()!, label });
  };

  it("GIVEN payments WHEN a person presses Link a wallet in a server THEN the request comes as a DM with its QR, is recorded as that DM, and a payment notice edits that DM", async () => {
    const press = await walletButton(VERIFIER, en("wallet-link"));
    const answer = await press.response();
    expect(answer.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(readable(answer.data)).toContain(en("discord-pay-dm"));
    expect(readable(answer.data)).toMatch(/solana:\S+/);
    expect(answer.attachments).toEqual([]);

    const [dm] = h.emulator.dms(VERIFIER.id);
    expect(dm!.attachments.map((a) => a.filename)).toEqual(["solana-pay.png"]);
    expect(readable(dm)).toContain("Pay 0.000001 SOL from the wallet you want to link");
    const [request] = await requestsOf(VERIFIER, "verify");
    expect(parseMessageRef(request!.messageRef!)).toEqual({
      platform: "discord",
      chatId: dm!.channel_id,
      messageId: dm!.id,
      kind: "photo",
    });

    // What the outbox sends for a "paid" notice on that ref: an edit of the DM, through REST.
    const ref = parseMessageRef(request!.messageRef!)!;
    const deliver = discordDeliverer(discordRest({ token: h.emulator.token, apiRoot: h.emulator.apiRoot }));
    const outcome = await deliver({
      id: "paid-notice",
      accountId: request!.ownerId,
      platform: "discord",
      chatId: ref.chatId,
      text: "✅ Paid",
      buttons: [],
      edit: { messageId: ref.messageId, kind: ref.kind, rank: 2 },
      format: "markup",
      status: "sending",
      attempts: 0,
      createdAt: new Date(),
    });
    expect(outcome).toEqual({ kind: "sent", messageId: dm!.id });
    expect(readable(h.emulator.dms(VERIFIER.id)[0])).toBe("✅ Paid");
  });

  it("GIVEN a person whose DMs are closed WHEN they press Link a wallet THEN the request is their private answer with its QR, saying where payment news comes, and it is not recorded as a message", async () => {
    h.emulator.closeDms(CLOSED.id);
    const press = await walletButton(CLOSED, en("wallet-link"));
    const answer = await press.response();
    expect(answer.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(readable(answer.data)).toContain(en("discord-pay-dm-closed"));
    expect(readable(answer.data)).toMatch(/solana:\S+/);
    expect(answer.attachments.map((a) => a.name)).toEqual(["solana-pay.png"]);
    const [request] = await requestsOf(CLOSED, "verify");
    expect(request!.messageRef).toBeNull();
  });

  it("GIVEN the bot's DMs WHEN a person presses Link a wallet there THEN the request is a message in that chat, recorded as the request's message", async () => {
    const press = await walletButton(DMER, en("wallet-link"), true);
    const answer = await press.response();
    expect(readable(answer.data)).toBe(en("discord-pay-here"));
    const request = h.emulator.dms(DMER.id).find((m) => m.attachments.length)!;
    expect(request.channel_id).toBe(press.payload.channel!.id);
    const [stored] = await requestsOf(DMER, "verify");
    expect(parseMessageRef(stored!.messageRef!)).toMatchObject({ chatId: request.channel_id, messageId: request.id });
  });

  it("GIVEN boosts WHEN a person runs /boost and presses an option THEN the burn request comes as a DM and is recorded as that DM", async () => {
    const menu = h.emulator.slashCommand({ user: BURNER.id, guildId: h.guildId, name: "boost" });
    await menu.response();
    expect(readable(menu.original())).toContain(en("boost-current-none"));
    const labels = componentsOf(menu.original()).map((c) => c.label);
    expect(labels).toEqual([
      "🔥 Burn 100 CLONES → ×1.25 XP for 24 h",
      "🔥 Burn 500 CLONES → ×1.5 XP for 72 h",
      "🔥 Burn 2000 CLONES → ×2 XP for 168 h",
    ]);
    const press = h.emulator.button({ user: BURNER.id, message: menu.original()!, customId: "boost:flame" });
    expect(readable((await press.response()).data)).toContain(en("discord-pay-dm"));
    const [dm] = h.emulator.dms(BURNER.id);
    expect(readable(dm)).toContain("Burn 500 CLONES for ×1.5 XP for 72 hours");
    expect(dm!.attachments.map((a) => a.filename)).toEqual(["solana-pay.png"]);
    const [request] = await requestsOf(BURNER, "boost");
    expect(parseMessageRef(request!.messageRef!)).toMatchObject({ platform: "discord", messageId: dm!.id });
  });

  it("GIVEN wallet proofs WHEN a person presses Sign a message THEN they read the challenge, a seed phrase or a wrong signature is refused with nothing changed, and a valid signature links the wallet", async () => {
    const press = await walletButton(SIGNER, en("wallet-sign"));
    const intro = await press.response();
    expect(intro.data?.flags).toBe(MessageFlags.Ephemeral);
    const challenge = CHALLENGE.exec(intro.data?.content ?? "")?.[1];
    expect(challenge).toContain("CLONES Forge: I own this wallet");
    const signer = await account(SIGNER);
    const before = await h.deps.wizards.read(signer.id);
    const w = await testWallet();

    const form = async (message = press.original()!, label = en("discord-wizard-continue")) => {
      const open = h.emulator.button({ user: SIGNER.id, message, label });
      const modal = await open.response();
      expect(modal.type).toBe(InteractionResponseType.Modal);
      return open;
    };
    let opened = await form();
    const seed = h.emulator.modalSubmit({ from: opened, values: { address: SEED, signature: SEED } });
    await seed.response();
    // Each field is refused, by its label.
    expect(readable(seed.original())).toContain(`${en("wizard-label-wallet")}: ${en("wallet-sign-secret")}`);
    expect(readable(seed.original())).toContain(`${en("wizard-label-signature")}: ${en("wallet-sign-secret")}`);
    expect(await h.deps.wizards.read(signer.id)).toEqual(before);

    opened = await form(seed.original()!, en("discord-wizard-retry"));
    const wrongSignature = await w.signText("not the challenge");
    const wrong = h.emulator.modalSubmit({ from: opened, values: { address: w.address, signature: wrongSignature } });
    await wrong.response();
    expect(readable(wrong.original())).toContain(en("wallet-sign-SIGNATURE_INVALID").replace(/\*\*/g, ""));
    expect(await h.deps.wizards.read(signer.id)).toEqual(before);
    expect(must(await h.s.core.getProfile(signer.id)).wallets).toEqual([]);

    opened = await form(wrong.original()!, en("discord-wizard-retry"));
    const good = h.emulator.modalSubmit({
      from: opened,
      values: { address: w.address, signature: await w.signText(challenge!) },
    });
    await good.response();
    expect(readable(good.original())).toBe(en("wallet-sign-linked", { wallet: w.address }));
    const wallets = h.emulator.slashCommand({ user: SIGNER.id, guildId: h.guildId, name: "wallet" });
    await wallets.response();
    expect(readable(wallets.original())).toContain(`• ${w.address}`);
  });
});
