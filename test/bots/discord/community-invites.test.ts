// Ambassadors' server invites and join attribution, end to end: a real discord.js Client on the
// local Discord emulator, the core and the invite-uses snapshot in Postgres.
import { InteractionResponseType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCommunityBot, type CommunityBot } from "./community-harness.js";

const OWNER = { id: "200000000000000001", username: "owner" };
const ALICE = { id: "200000000000000002", username: "alice" };
const CAROL = { id: "200000000000000003", username: "carol" };

const text = async (handle: {
  response(): Promise<unknown>;
  call(n?: number): Promise<unknown>;
  original(): { content: string } | null;
}) => {
  await handle.response();
  return handle.original()?.content ?? "";
};

describe("Discord ambassador invites", () => {
  let bot: CommunityBot;
  let guildId: string;

  beforeAll(async () => {
    bot = await startCommunityBot({
      guilds: [
        {
          name: "Forge Community",
          channels: [{ name: "general" }],
          members: [{ user: OWNER }, { user: ALICE }, { user: CAROL }],
        },
      ],
    });
    guildId = [...bot.emulator.world.guilds.keys()][0]!;
  }, 120_000);
  afterAll(() => bot?.close());

  const invite = async (user: string) => {
    const handle = bot.emulator.slashCommand({ user, guildId, name: "invite" });
    expect((await handle.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    await handle.call(1);
    return handle.original()!.content;
  };
  const codeIn = (reply: string) => /discord\.gg\/(\w+)/.exec(reply)?.[1];

  it("GIVEN an ambassador WHEN they run /invite twice THEN one permanent invite of theirs is made and shown both times, with their Telegram link and code", async () => {
    const first = await invite(ALICE.id);
    const code = codeIn(first);
    expect(code).toBeTruthy();
    const live = bot.emulator.invites(guildId);
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ code, maxAge: 0, maxUses: 0, inviterId: bot.emulator.bot.id });
    const alice = await bot.account(ALICE.id);
    expect(first).toContain(`https://t.me/forge_test_bot?start=ref-${alice.referralCode}`);
    expect(first).toContain(`/join ${alice.referralCode}`);
    // Discord's policy: a join earns nothing; the reply says so.
    expect(first).toContain("A join alone earns nothing: commissions come only from their later paid activity");

    const second = await invite(ALICE.id);
    expect(codeIn(second)).toBe(code);
    expect(bot.emulator.invites(guildId)).toHaveLength(1);
    expect(await bot.community.ambassadorInvite(guildId, alice.id)).toMatchObject({
      inviteCode: code,
      referralCode: alice.referralCode,
    });
  });

  it("GIVEN an ambassador's invite WHEN a member joins through it THEN the member's new account is referred by the ambassador, and both are told", async () => {
    const alice = await bot.account(ALICE.id);
    const code = codeIn(await invite(ALICE.id))!;
    const before = bot.joins.length;
    const member = bot.emulator.memberJoins(guildId, { id: "200000000000000010", username: "bob" }, code);
    const [outcome] = (await bot.joined(before + 1)).slice(before);

    const bob = await bot.account(member.user.id);
    expect(outcome).toEqual({ kind: "attributed", ambassadorId: alice.id, accountId: bob.id });
    expect(bob.referrerId).toBe(alice.id);
    expect(bot.notices.dmsTo(alice.id).map((n) => n.text)).toEqual([
      "🎉 @bob joined through your link. You will earn commissions on their paid activity.",
    ]);
    expect(bot.notices.dmsTo(bob.id).map((n) => n.text)).toEqual([
      "🤝 Welcome to Forge Community! You joined through @alice's invite. They earn a commission only from your later paid activity, never from your joining.",
    ]);
  });

  it("GIVEN two members join through two ambassadors' invites at once THEN neither join is attributed (no guessing), and /join names the ambassador", async () => {
    const aliceCode = codeIn(await invite(ALICE.id))!;
    const carolCode = codeIn(await invite(CAROL.id))!;
    expect(carolCode).not.toBe(aliceCode);
    const before = bot.joins.length;
    // Both uses are counted before the bot reads the first join's invites.
    const dave = bot.emulator.memberJoins(guildId, { id: "200000000000000011", username: "dave" }, aliceCode);
    const erin = bot.emulator.memberJoins(guildId, { id: "200000000000000012", username: "erin" }, carolCode);
    const outcomes = (await bot.joined(before + 2)).slice(before);
    expect(outcomes.map((o) => o.kind)).toEqual(["ambiguous", "none"]);
    const daveAccount = await bot.account(dave.user.id);
    expect(daveAccount.referrerId).toBeNull();
    expect((await bot.account(erin.user.id)).referrerId).toBeNull();

    const alice = await bot.account(ALICE.id);
    const join = bot.emulator.slashCommand({
      user: dave.user.id,
      guildId,
      name: "join",
      options: { code: ` ${alice.referralCode.toLowerCase()} ` },
    });
    expect(await text(join)).toBe(
      "🤝 You joined through @alice, for good. They earn a commission only from your later paid activity, never from your joining.",
    );
    expect((await bot.account(dave.user.id)).referrerId).toBe(alice.id);
    expect(bot.notices.dmsTo(alice.id).at(-1)?.text).toBe(
      "🎉 @dave joined through your link. You will earn commissions on their paid activity.",
    );
  });

  it("GIVEN a member who joined without an invite (vanity URL) THEN nobody is credited", async () => {
    const before = bot.joins.length;
    bot.emulator.memberJoins(guildId, { id: "200000000000000013", username: "frank" });
    expect((await bot.joined(before + 1)).slice(before)).toEqual([{ kind: "none" }]);
  });

  it("GIVEN /join with a second referrer, one's own code, a malformed or unknown code THEN a kind refusal and nothing changes", async () => {
    const alice = await bot.account(ALICE.id);
    const carol = await bot.account(CAROL.id);
    const dave = "200000000000000011";
    const ask = (user: string, code: string) =>
      text(bot.emulator.slashCommand({ user, guildId, name: "join", options: { code } }));

    expect(await ask(dave, carol.referralCode)).toBe(
      "You already joined through another ambassador; the first one counts, for good. Nothing changed.",
    );
    expect(await ask(dave, alice.referralCode)).toBe("You already joined through @alice: nothing changed.");
    expect(await ask(CAROL.id, carol.referralCode)).toBe(
      "That is your own code: you cannot refer yourself. Nothing changed.",
    );
    expect(await ask(CAROL.id, "AB-1!")).toBe(
      "A referral code is 4 to 16 letters and digits, like `ABCD2345`. Nothing changed.",
    );
    expect(await ask(CAROL.id, "ZZZZ9999")).toBe(
      "No ambassador has the code `ZZZZ9999`. Check it (it is on their /invite) and try again.",
    );
    expect((await bot.account(dave)).referrerId).toBe(alice.id);
    expect((await bot.account(CAROL.id)).referrerId).toBeNull();
    expect(bot.errors).toEqual([]);
  });

  it("GIVEN /invite in Spanish THEN the reply is in Spanish", async () => {
    const handle = bot.emulator.slashCommand({ user: ALICE.id, guildId, name: "invite", locale: "es-ES" });
    await handle.call(1);
    expect(handle.original()!.content).toContain("Tu invitación a Forge Community");
  });
});
