import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../support/memory-store.js";
import { must, scenario } from "../../support/scenario.js";

describe("referral attribution: first touch, locked, no self, no cycles", () => {
  it("GIVEN Bob opens Alice's link THEN Bob is Alice's referee and both are returned", async () => {
    const { core, person } = scenario(new MemoryStore());
    const alice = await person("alice");
    const bob = await person("bob");
    const result = must(await core.attributeReferral({ accountId: bob.id, code: alice.referralCode.toLowerCase() }));
    expect(result.changed).toBe(true);
    expect(result.referrer.id).toBe(alice.id);
    expect(result.referee.referrerId).toBe(alice.id);
    const referrals = await core.listReferrals(alice.id);
    expect(referrals.map((r) => r.referee.id)).toEqual([bob.id]);
  });

  it("the same link again changes nothing; another ambassador's link is refused (first touch)", async () => {
    const { core, person, refer } = scenario(new MemoryStore());
    const alice = await person("alice");
    const carol = await person("carol");
    const bob = await person("bob");
    await refer(bob, alice);
    expect(must(await core.attributeReferral({ accountId: bob.id, code: alice.referralCode })).changed).toBe(false);
    const second = await core.attributeReferral({ accountId: bob.id, code: carol.referralCode });
    expect(!second.ok && second.error.code).toBe("REFERRAL_ALREADY_SET");
    expect(await core.listReferrals(carol.id)).toEqual([]);
  });

  it.each([
    ["self-referral", "REFERRAL_SELF"],
    ["unknown code", "REFERRAL_CODE_UNKNOWN"],
  ])("%s → %s", async (kind, code) => {
    const { core, person } = scenario(new MemoryStore());
    const alice = await person("alice");
    const result = await core.attributeReferral({
      accountId: alice.id,
      code: kind === "self-referral" ? alice.referralCode : "NOPE2345",
    });
    expect(!result.ok && result.error.code).toBe(code);
  });

  it("GIVEN A → B → C (A referred B, B referred C) WHEN A opens C's link THEN REFERRAL_CYCLE", async () => {
    const { core, person, refer } = scenario(new MemoryStore());
    const a = await person("a");
    const b = await person("b");
    const c = await person("c");
    await refer(b, a);
    await refer(c, b);
    const result = await core.attributeReferral({ accountId: a.id, code: c.referralCode });
    expect(!result.ok && result.error.code).toBe("REFERRAL_CYCLE");
  });
});
