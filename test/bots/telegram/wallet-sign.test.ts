// Linking a wallet by a signed message on Telegram: the wizard shared with Discord
// (bots/flows/wallet-sign.ts), asked one field a message: the challenge, the address, the signature.
import { describe, expect, it } from "vitest";
import { createI18n } from "../../../bots/i18n.js";
import { must } from "../../support/scenario.js";
import { buttons, telegramHarness, texts } from "../../support/telegram-harness.js";
import { testWallet } from "../../support/wallet-signer.js";

const ALICE = 1001;
const en = createI18n().translator("en");
const SEED = "abandon ability able about above absent absorb abstract absurd abuse access accident";

describe("Telegram bot: linking a wallet by signing a message (the shared wizard)", () => {
  it("GIVEN /wallet WHEN Alice presses Sign a message THEN she reads the challenge, then is asked the address; a seed phrase or a wrong signature is refused and changes nothing; a valid signature links the wallet", async () => {
    const h = telegramHarness({ walletProof: true });
    await h.send(ALICE, "/start");
    expect(buttons(await h.send(ALICE, "/wallet"))).toEqual([["✍️ Sign a message", "wallet:sign"]]);
    const shown = texts(await h.press(ALICE, "wallet:sign"));
    // The challenge first, then the question.
    const challenge = /<pre>([\s\S]+?)<\/pre>/.exec(shown[0]!)?.[1];
    expect(challenge).toContain("CLONES Forge: I own this wallet");
    expect(shown[1]).toContain("Never send your seed phrase or private key");
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    const started = await h.deps.wizards.read(alice.id);
    expect(started?.kind).toBe("walletsign");

    expect(texts(await h.send(ALICE, SEED))[0]).toContain("looks like a seed phrase");
    expect(texts(await h.send(ALICE, "not-an-address"))[0]).toBe(en("wallet-sign-WALLET_INVALID"));
    expect(await h.deps.wizards.read(alice.id)).toEqual(started);

    const w = await testWallet();
    expect(texts(await h.send(ALICE, w.address))[0]).toBe(en("wallet-sign-ask-signature"));
    const asked = await h.deps.wizards.read(alice.id);
    expect(texts(await h.send(ALICE, SEED))[0]).toContain("looks like a seed phrase");
    expect(texts(await h.send(ALICE, "abc"))[0]).toBe(en("wallet-sign-signature-format"));
    const wrong = await w.signText("not the challenge");
    expect(texts(await h.send(ALICE, wrong))[0]).toContain("does not match");
    expect(await h.deps.wizards.read(alice.id)).toEqual(asked);
    expect(must(await h.s.core.getProfile(alice.id)).wallets).toEqual([]);

    // The Solana CLI's signature (in the off-chain envelope) is as good as a wallet app's.
    const linked = texts(await h.send(ALICE, await w.signOffchain(challenge!)));
    expect(linked.join("\n")).toContain(`Wallet ${w.address} is now linked`);
    expect(await h.deps.wizards.read(alice.id)).toBeUndefined();
    expect(texts(await h.send(ALICE, "/wallet"))[0]).toContain(`• ${w.address}`);
  });

  it("GIVEN a challenge replaced by a newer one WHEN the signature of the shown one is sent THEN Alice is told it expired and the wizard ends, nothing linked", async () => {
    const h = telegramHarness({ walletProof: true });
    await h.send(ALICE, "/start");
    const shown = texts(await h.press(ALICE, "wallet:sign"));
    const challenge = /<pre>([\s\S]+?)<\/pre>/.exec(shown[0]!)![1]!;
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    // A newer challenge replaces this one (as pressing Sign again on Discord would).
    await h.deps.walletProof!.challenge(alice.id);
    const w = await testWallet();
    await h.send(ALICE, w.address);
    const replies = texts(await h.send(ALICE, await w.signText(challenge)));
    expect(replies[0]).toBe(en("wallet-sign-CHALLENGE_EXPIRED"));
    expect(await h.deps.wizards.read(alice.id)).toBeUndefined();
    expect(must(await h.s.core.getProfile(alice.id)).wallets).toEqual([]);
  });

  it("GIVEN a wallet already linked to another account WHEN Alice signs with it THEN she is told so and the wizard ends", async () => {
    const h = telegramHarness({ walletProof: true });
    await h.send(ALICE, "/start");
    const w = await testWallet();
    const bob = await h.s.person("bob");
    must(await h.s.core.linkWallet({ accountId: bob.id, address: w.address }));
    const challenge = /<pre>([\s\S]+?)<\/pre>/.exec(texts(await h.press(ALICE, "wallet:sign"))[0]!)![1]!;
    await h.send(ALICE, w.address);
    expect(texts(await h.send(ALICE, await w.signText(challenge)))[0]).toBe(en("wallet-sign-WALLET_TAKEN"));
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    expect(await h.deps.wizards.read(alice.id)).toBeUndefined();
  });
});
