import { describe, expect, it } from "vitest";
import { walletChallenges, type WalletChallenge } from "../../app/wallet-challenges.js";
import { MemoryStore } from "../support/memory-store.js";
import { scenario } from "../support/scenario.js";
import { memoryKeyValue } from "../support/telegram-harness.js";
import { testWallet } from "../support/wallet-signer.js";

async function setup() {
  const s = scenario(new MemoryStore());
  let now = new Date("2026-11-25T12:00:00Z");
  const challenges = walletChallenges(s.core, memoryKeyValue<WalletChallenge>(), () => now);
  return { s, challenges, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe("linking a wallet by signing a challenge", () => {
  it("GIVEN a signed challenge THEN the wallet is linked, and the challenge cannot be used twice", async () => {
    const { s, challenges } = await setup();
    const alice = await s.person("alice");
    const w = await testWallet();
    const { message } = await challenges.challenge(alice.id);
    expect(message).toContain(alice.id);
    const signature = await w.signText(message);
    expect(await challenges.prove(alice.id, w.address, signature)).toEqual({
      ok: true,
      wallet: w.address,
      created: true,
    });
    const profile = await s.core.getProfile(alice.id);
    expect(profile.ok && profile.value.wallets.map((x) => x.address)).toEqual([w.address]);
    expect(await challenges.prove(alice.id, w.address, signature)).toEqual({ ok: false, code: "CHALLENGE_EXPIRED" });
  });

  it("GIVEN a wrong signature THEN nothing is linked and the person may try again", async () => {
    const { s, challenges } = await setup();
    const alice = await s.person("alice");
    const w = await testWallet();
    const { message } = await challenges.challenge(alice.id);
    const wrong = await w.signText("something else");
    expect(await challenges.prove(alice.id, w.address, wrong)).toEqual({ ok: false, code: "SIGNATURE_INVALID" });
    expect((await challenges.prove(alice.id, w.address, await w.signOffchain(message))).ok).toBe(true);
  });

  it("GIVEN Bob's challenge signed by Bob THEN Alice cannot use it, and an expired one is refused", async () => {
    const { s, challenges, advance } = await setup();
    const alice = await s.person("alice");
    const bob = await s.person("bob");
    const w = await testWallet();
    const bobs = await challenges.challenge(bob.id);
    await challenges.challenge(alice.id);
    const signature = await w.signText(bobs.message);
    expect(await challenges.prove(alice.id, w.address, signature)).toEqual({ ok: false, code: "SIGNATURE_INVALID" });
    advance(10 * 60_000 + 1);
    expect(await challenges.prove(bob.id, w.address, signature)).toEqual({ ok: false, code: "CHALLENGE_EXPIRED" });
  });

  it("GIVEN a wallet linked to Alice THEN Bob's valid signature is refused with WALLET_TAKEN", async () => {
    const { s, challenges } = await setup();
    const alice = await s.person("alice");
    const bob = await s.person("bob");
    const w = await testWallet();
    await challenges.prove(alice.id, w.address, await w.signText((await challenges.challenge(alice.id)).message));
    const bobs = await challenges.challenge(bob.id);
    expect(await challenges.prove(bob.id, w.address, await w.signText(bobs.message))).toEqual({
      ok: false,
      code: "WALLET_TAKEN",
    });
  });
});
