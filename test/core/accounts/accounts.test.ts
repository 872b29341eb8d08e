import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../support/memory-store.js";
import { must, scenario } from "../../support/scenario.js";

const WALLET = "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin";

describe("accounts", () => {
  it("GIVEN a new chat identity WHEN it registers twice THEN one account, created once", async () => {
    const { core } = scenario(new MemoryStore());
    const first = must(
      await core.registerAccount({ platform: "telegram", externalId: "42", username: "alice", locale: "es" }),
    );
    const again = must(await core.registerAccount({ platform: "telegram", externalId: "42" }));
    expect(first.created).toBe(true);
    expect(again).toEqual({ account: first.account, created: false });
    expect(first.account.referralCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(first.account.locale).toBe("es");
  });

  it("GIVEN the same id on Telegram and Discord THEN they are different people until linked", async () => {
    const { core } = scenario(new MemoryStore());
    const tg = must(await core.registerAccount({ platform: "telegram", externalId: "7" })).account;
    const dc = must(await core.registerAccount({ platform: "discord", externalId: "7" })).account;
    expect(tg.id).not.toBe(dc.id);
  });

  it("links a Discord identity to a Telegram account, once, and refuses one owned by someone else", async () => {
    const { core, person } = scenario(new MemoryStore());
    const alice = await person("alice");
    const bob = must(await core.registerAccount({ platform: "discord", externalId: "99" })).account;
    must(await core.linkIdentity({ accountId: alice.id, platform: "discord", externalId: "55" }));
    must(await core.linkIdentity({ accountId: alice.id, platform: "discord", externalId: "55" }));
    const found = must(await core.registerAccount({ platform: "discord", externalId: "55" }));
    expect(found.account.id).toBe(alice.id);
    const stolen = await core.linkIdentity({ accountId: alice.id, platform: "discord", externalId: "99" });
    expect(!stolen.ok && stolen.error.code).toBe("IDENTITY_TAKEN");
    expect(must(await core.registerAccount({ platform: "discord", externalId: "99" })).account.id).toBe(bob.id);
  });

  it.each([
    ["not-a-wallet", "WALLET_INVALID"],
    ["0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl", "WALLET_INVALID"],
  ])("rejects wallet %j with %s", async (address, code) => {
    const { core, person } = scenario(new MemoryStore());
    const result = await core.linkWallet({ accountId: (await person()).id, address });
    expect(!result.ok && result.error.code).toBe(code);
  });

  it("GIVEN a wallet linked to Alice WHEN Bob links it THEN WALLET_TAKEN; Alice may add more wallets", async () => {
    const { core, person } = scenario(new MemoryStore());
    const alice = await person("alice");
    const bob = await person("bob");
    expect(must(await core.linkWallet({ accountId: alice.id, address: WALLET })).created).toBe(true);
    expect(must(await core.linkWallet({ accountId: alice.id, address: WALLET })).created).toBe(false);
    const taken = await core.linkWallet({ accountId: bob.id, address: WALLET });
    expect(!taken.ok && taken.error.code).toBe("WALLET_TAKEN");
    must(await core.linkWallet({ accountId: alice.id, address: "So11111111111111111111111111111111111111112" }));
    expect(must(await core.getProfile(alice.id)).wallets).toHaveLength(2);
  });

  it("profile shows level, next level and reputation from settled scores", async () => {
    const { core, person, factory, fund, submit } = scenario(new MemoryStore());
    const owner = await person();
    const farmer = await person();
    const f = await factory(owner);
    await fund(f, 10_000_000n);
    for (const [i, score] of [90, 60].entries()) {
      const s = must(await submit(farmer, f, i));
      must(await core.settleSubmission({ submissionId: s.id, score }));
    }
    const profile = must(await core.getProfile(farmer.id));
    expect(profile.account.xp).toBe(150n);
    expect(profile.level).toBe(2);
    expect(profile.nextLevelXp).toBe(400n);
    expect(profile.reputation).toBe(75);
    expect(profile.boostBps).toBe(10_000);
  });

  it("unknown account → ACCOUNT_NOT_FOUND", async () => {
    const { core } = scenario(new MemoryStore());
    const result = await core.getProfile("nobody");
    expect(!result.ok && result.error.code).toBe("ACCOUNT_NOT_FOUND");
  });
});
