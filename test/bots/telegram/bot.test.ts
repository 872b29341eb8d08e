import { describe, expect, it } from "vitest";
import { must } from "../../support/scenario.js";
import { buttons, telegramHarness, texts } from "../../support/telegram-harness.js";

const ALICE = 111;
const BOB = 222;

describe("Telegram bot: onboarding", () => {
  it("/start greets a newcomer with the main menu", async () => {
    const h = telegramHarness();
    const calls = await h.send(ALICE, "/start");
    expect(texts(calls)[0]).toContain("Welcome to <b>CLONES Forge</b>");
    expect(buttons(calls).map(([, data]) => data)).toEqual([
      "nav:create",
      "nav:browse",
      "nav:invite",
      "nav:profile",
      "nav:help",
    ]);
    expect(calls[0]!.payload.parse_mode).toBe("HTML");
  });

  it("/start ref-<code> attributes the referral and tells both people", async () => {
    const h = telegramHarness();
    await h.send(ALICE, "/start", { username: "alice" });
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    const calls = await h.send(BOB, `/start ref-${alice.referralCode}`, { username: "bob" });
    const sent = calls.filter((c) => c.method === "sendMessage");
    // Alice is told through the notification outbox (delivered within Telegram's limits), once.
    expect(h.notices.dmsTo(alice.id).map((d) => d.text)).toEqual([
      "🎉 @bob joined through your link. You will earn commissions on their paid activity.",
    ]);
    expect(sent.find((c) => c.payload.chat_id === ALICE)).toBeUndefined();
    expect(sent.find((c) => c.payload.chat_id === BOB)?.payload.text).toContain("You joined through @alice");
    expect((await h.s.core.listReferrals(alice.id)).length).toBe(1);
  });

  it("a second invite does not change the first (first touch) and says so", async () => {
    const h = telegramHarness();
    await h.send(ALICE, "/start");
    await h.send(333, "/start");
    const [alice, carol] = await Promise.all(
      [ALICE, 333].map(
        async (id) => must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(id) })).account,
      ),
    );
    await h.send(BOB, `/start ref-${alice!.referralCode}`);
    const calls = await h.send(BOB, `/start ref-${carol!.referralCode}`);
    expect(texts(calls)[0]).toContain("first one counts");
    expect(await h.s.core.listReferrals(carol!.id)).toEqual([]);
  });

  it("a blocked referrer does not break the newcomer's welcome", async () => {
    const h = telegramHarness();
    await h.send(ALICE, "/start");
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    h.blocked.add(ALICE);
    const calls = await h.send(BOB, `/start ref-${alice.referralCode}`);
    expect(texts(calls).some((t) => t.includes("You joined through"))).toBe(true);
    expect(h.errors).toEqual([]);
  });

  it("/help lists every command; admins also see /admin", async () => {
    const h = telegramHarness({ adminIds: [String(ALICE)] });
    const forBob = texts(await h.send(BOB, "/help"))[0]!;
    for (const c of [
      "/start",
      "/newfactory",
      "/factories",
      "/browse",
      "/submit",
      "/history",
      "/earnings",
      "/profile",
      "/invite",
      "/referrals",
      "/tier",
      "/commissions",
      "/leaderboard",
      "/language",
      "/wallet",
    ])
      expect(forBob).toContain(c);
    expect(forBob).not.toContain("/admin");
    expect(texts(await h.send(ALICE, "/help"))[0]).toContain("/admin");
  });

  it("speaks the user's Telegram language, and /language changes it", async () => {
    const h = telegramHarness();
    expect(texts(await h.send(ALICE, "/start", { lang: "es" }))[0]).toContain("Bienvenido");
    const menu = await h.send(ALICE, "/language", { lang: "es" });
    expect(buttons(menu)).toEqual([
      ["English", "lang:en"],
      ["Español", "lang:es"],
    ]);
    expect(texts(await h.press(ALICE, "lang:en", { lang: "es" }))[0]).toContain("Language set to English");
    expect(texts(await h.send(ALICE, "/help", { lang: "es" }))[0]).toContain("Commands");
  });

  it("unknown commands and chatter point to /help; stale buttons are answered", async () => {
    const h = telegramHarness();
    expect(texts(await h.send(ALICE, "/frobnicate"))[0]).toContain("/help");
    expect(texts(await h.send(ALICE, "hello?"))[0]).toContain("/help");
    const calls = await h.press(ALICE, "card:does-not-exist:extra");
    expect(calls.map((c) => c.method)).toEqual(["answerCallbackQuery"]);
  });
});

describe("Telegram bot: creators", () => {
  async function createThroughChat(h: ReturnType<typeof telegramHarness>, user = ALICE) {
    await h.send(user, "/newfactory");
    await h.send(user, "Spreadsheet skills");
    await h.send(user, "Teach agents spreadsheets");
    await h.send(user, "Sum a column: sum column B\nSort rows: sort by date");
    await h.press(user, "nf:token:USDC");
    await h.send(user, "2.5");
    await h.send(user, "70");
    await h.send(user, "3, 10, 50");
    return h.press(user, "nf:create");
  }

  it("/newfactory guides through every step and creates the factory", async () => {
    const h = telegramHarness();
    const done = await createThroughChat(h);
    expect(texts(done)[0]).toContain("Factory created");
    const owner = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    const [factory] = await h.s.core.listOwnedFactories(owner.id);
    expect(factory).toMatchObject({
      name: "Spreadsheet skills",
      token: "USDC",
      rewardPerDemo: 2_500_000n,
      threshold: 70,
      limits: { perTask: 3, perDay: 10, total: 50 },
    });
    expect(factory!.tasks.map((t) => [t.title, t.prompt])).toEqual([
      ["Sum a column", "sum column B"],
      ["Sort rows", "sort by date"],
    ]);
  });

  it("bad answers get a clear retry message and change nothing", async () => {
    const h = telegramHarness();
    await h.send(ALICE, "/newfactory");
    await h.send(ALICE, "x".repeat(81));
    expect(texts(h.calls).at(-1)).toContain("1 to 80 characters");
    await h.send(ALICE, "Name");
    await h.send(ALICE, "Use case");
    await h.send(ALICE, "Task: do it");
    await h.press(ALICE, "nf:token:USDC");
    expect(texts(await h.send(ALICE, "2.1234567"))[0]).toContain("doesn't have that many decimals");
    expect(texts(await h.send(ALICE, "-1"))[0]).toContain("plain positive number");
    await h.send(ALICE, "1");
    expect(texts(await h.send(ALICE, "40"))[0]).toContain("from 50 to 100");
    await h.send(ALICE, "50");
    expect(texts(await h.send(ALICE, "lots"))[0]).toContain("3, 10, 50");
    const cancel = await h.send(ALICE, "/cancel");
    expect(texts(cancel)[0]).toContain("Cancelled");
    const owner = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    expect(await h.s.core.listOwnedFactories(owner.id)).toEqual([]);
  });

  it("the Cancel button ends the wizard and commands work again", async () => {
    const h = telegramHarness();
    await h.send(ALICE, "/newfactory");
    expect(texts(await h.press(ALICE, "conv:cancel"))[0]).toContain("Cancelled");
    expect(texts(await h.send(ALICE, "/help"))[0]).toContain("Commands");
  });

  it("/factories lists mine; the card shows stats and pause/resume/close work for the owner only", async () => {
    const h = telegramHarness();
    await createThroughChat(h);
    const list = await h.send(ALICE, "/factories");
    const [[label, cardAction]] = buttons(list) as [[string, string]];
    expect(label).toContain("Spreadsheet skills");
    const card = await h.press(ALICE, cardAction);
    expect(texts(card)[0]).toContain("Reward: 2.5 USDC per demonstration (paid from a score of 70)");
    expect(texts(card)[0]).toContain("available 0 USDC");
    const factoryId = cardAction.split(":")[1]!;
    expect(buttons(card).map(([, d]) => d)).toContain(`status:${factoryId}:pause`);
    const paused = await h.press(ALICE, `status:${factoryId}:pause`);
    expect(paused.find((c) => c.method === "answerCallbackQuery")?.payload.text).toContain("Paused");
    expect(texts(paused)[0]).toContain("paused");
    // Bob cannot see or change it, even with a forged button.
    expect(texts(await h.press(BOB, cardAction))[0]).toContain("Only the factory's owner");
    const forged = await h.press(BOB, `status:${factoryId}:resume`);
    expect(forged.find((c) => c.method === "answerCallbackQuery")?.payload.text).toContain("Only the factory's owner");
    const confirm = await h.press(ALICE, `status:${factoryId}:closeask`);
    expect(texts(confirm)[0]).toContain("for good");
    await h.press(ALICE, `status:${factoryId}:close`);
    const overview = must(await h.s.core.getFactoryOverview(factoryId));
    expect(overview.factory.status).toBe("closed");
    // A closed factory's card offers no funding (createPaymentRequest refuses it: core tests).
    const closed = await h.press(ALICE, cardAction);
    expect(buttons(closed).map(([, d]) => d)).not.toContain(`fund:${factoryId}`);
    expect(buttons(closed).map(([, d]) => d)).toContain(`stats:${factoryId}`);
  });

  it("a paused factory's card offers to withdraw what is left; confirming twice withdraws once, owed to the creator until a wallet is linked", async () => {
    const h = telegramHarness();
    await createThroughChat(h);
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    const [f] = await h.s.core.listOwnedFactories(alice.id);
    await h.s.fund(f!, 7_500_000n);
    const card = await h.press(ALICE, `card:${f!.id}`);
    expect(buttons(card).some(([label]) => label.includes("Withdraw"))).toBe(false); // live: pause first
    const paused = await h.press(ALICE, `status:${f!.id}:pause`);
    const withdraw = buttons(paused).find(([label]) => label === "💸 Withdraw 7.5 USDC");
    expect(withdraw?.[1]).toBe(`withdraw:${f!.id}:ask`);
    const ask = await h.press(ALICE, withdraw![1]);
    expect(texts(ask)[0]).toContain("Withdraw 7.5 USDC from <b>Spreadsheet skills</b>?");
    expect(texts(ask)[0]).toContain("You have no wallet linked yet");
    const yes = buttons(ask).find(([label]) => label.startsWith("✅ Yes, withdraw 7.5 USDC"))![1];
    expect(
      await h.press(BOB, yes).then((c) => c.find((x) => x.method === "answerCallbackQuery")?.payload.text),
    ).toContain("Only the factory's owner");
    const done = await h.press(ALICE, yes);
    expect(texts(done)[0]).toContain("💸 Withdrawal of 7.5 USDC recorded — owed to you: link a wallet with /wallet");
    await h.press(ALICE, yes); // a second press changes nothing
    const earnings = await h.s.core.getEarnings(alice.id);
    expect(earnings.byRole.creator).toEqual({ USDC: { owed: 7_500_000n, inFlight: 0n, paid: 0n } });
    expect(must(await h.s.core.getFactoryOverview(f!.id)).available).toBe(0n);
  });

  it("admins see payments that matched no request, with explorer links; others cannot", async () => {
    const h = telegramHarness({ adminIds: [String(BOB)] });
    const { units } = await import("../../../core/money/units.js");
    must(
      await h.s.core.recordPayment({
        signature: "5xSig",
        references: [],
        payer: "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin",
        recipient: "T",
        token: "USDC",
        units: units(1_500_000n),
        slot: 1n,
      }),
    );
    expect(texts(await h.press(ALICE, "admin:unattributed"))[0]).toContain("for admins");
    const list = texts(await h.press(BOB, "admin:unattributed"))[0]!;
    expect(list).toContain("• 1.5 USDC from 9xQe…VFin: https://explorer.solana.com/tx/5xSig");
  });

  it("admins can pause any factory from /admin", async () => {
    const h = telegramHarness({ adminIds: [String(BOB)] });
    await createThroughChat(h);
    expect(texts(await h.send(333, "/admin"))[0]).toContain("for admins");
    const admin = await h.send(BOB, "/admin");
    expect(texts(admin)[0]).toContain("Live factories: 1");
    const [[, cardAction]] = buttons(admin) as [[string, string]];
    expect(buttons(admin).at(-1)).toEqual(["💸 Unattributed payments", "admin:unattributed"]);
    const factoryId = cardAction.split(":")[1]!;
    await h.press(BOB, `status:${factoryId}:pause`);
    expect(must(await h.s.core.getFactoryOverview(factoryId)).factory.status).toBe("paused");
  });
});

describe("Telegram bot: farmers", () => {
  /** `n` live factories, each funded for a few demonstrations unless `funded` is false. */
  async function liveFactories(h: ReturnType<typeof telegramHarness>, n: number, funded = true) {
    const owner = await h.s.person("owner");
    const made = [];
    for (let i = 0; i < n; i++) {
      const f = await h.s.factory(owner, { name: `Factory ${i}` });
      if (funded) await h.s.fund(f, f.rewardPerDemo * 3n);
      made.push(f);
      h.s.deps.clock.advance(1000);
    }
    return made;
  }

  it("/browse pages through live factories with what a farmer earns (net of the fee) shown", async () => {
    const h = telegramHarness();
    await liveFactories(h, 7);
    const first = await h.send(ALICE, "/browse");
    expect(texts(first)[0]).toContain("page 1 of 2");
    const b = buttons(first);
    expect(b).toHaveLength(6);
    expect(b[0]![0]).toBe("Factory 6 · 0.9 USDC"); // a 1 USDC reward, less the 10% fee
    expect(b.at(-1)).toEqual(["Next ▶️", "page:1"]);
    const second = await h.press(ALICE, "page:1");
    expect(texts(second)[0]).toContain("page 2 of 2");
    expect(buttons(second).map(([l]) => l)).toEqual(["Factory 1 · 0.9 USDC", "Factory 0 · 0.9 USDC", "◀️ Previous"]);
    expect(texts(await h.press(ALICE, "page:99"))[0]).toContain("page 2 of 2");
  });

  it("GIVEN a live factory whose pool cannot pay a demonstration THEN /browse lists it as waiting for funding, not as a button, and its old buttons say the pool is empty", async () => {
    const h = telegramHarness({ recorderServer: "https://forge.example.com" });
    const [dry] = await liveFactories(h, 1, false);
    const [funded] = await liveFactories(h, 1);
    const shown = await h.send(ALICE, "/browse");
    expect(texts(shown)[0]).toContain("Waiting for funding");
    expect(texts(shown)[0]).toContain("• Factory 0");
    expect(buttons(shown).map(([, d]) => d)).toEqual([`open:${funded!.id}`]);
    expect(texts(await h.press(ALICE, `open:${dry!.id}`))[0]).toContain("reward pool is empty");
    expect(texts(await h.press(ALICE, `task:${dry!.id}:0`))[0]).toContain("reward pool is empty");
    expect(h.codes).toEqual([]); // no pairing code for a task nobody can be paid for
    const spanish = telegramHarness();
    await liveFactories(spanish, 1, false);
    const none = texts(await spanish.send(ALICE, "/browse", { lang: "es" }))[0]!;
    expect(none).toContain("Ninguna puede pagar una nueva demostración");
  });

  it("a farmer opens a factory, picks a task and gets recorder instructions with a one-time code", async () => {
    const h = telegramHarness({
      recorderServer: "https://forge.example.com",
      recorderInstall: "npm install -g https://forge.example.com/recorder.tgz",
    });
    const [f] = await liveFactories(h, 1);
    const open = await h.press(ALICE, `open:${f!.id}`);
    expect(texts(open)[0]).toContain("Pick a task");
    expect(buttons(open).map(([, d]) => d)).toEqual([`task:${f!.id}:0`, `task:${f!.id}:1`, "nav:browse"]);
    const task = await h.press(ALICE, `task:${f!.id}:1`);
    expect(texts(task)[0]).toContain("<code>forge login PAIR1 --server https://forge.example.com</code>");
    expect(texts(task)[0]).toContain("<code>forge record</code>");
    expect(texts(task)[0]).toContain("<code>npm install -g https://forge.example.com/recorder.tgz</code>");
    expect(texts(task)[0]).not.toContain("npm install -g clones-forge"); // not on a registry
    // The Telegram bot takes a recording's zip sent to the chat, and says so.
    expect(texts(task)[0]).toMatch(/expires in 15 minutes\. You can also send me the recording's zip here\.$/);
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    expect(h.codes[0]).toMatchObject({ accountId: alice.id, factoryId: f!.id, taskId: f!.tasks[1]!.id });
  });

  it("/history, /earnings and /profile show the farmer's work and pay", async () => {
    const h = telegramHarness();
    await h.send(ALICE, "/start");
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    expect(texts(await h.send(ALICE, "/history"))[0]).toContain("No submissions yet");
    const [f] = await liveFactories(h, 1);
    await h.s.fund(f!, 10_000_000n);
    const sub = must(await h.s.submit(alice, f!));
    must(await h.s.core.settleSubmission({ submissionId: sub.id, score: 80 }));
    const history = texts(await h.send(ALICE, "/history"))[0]!;
    expect(history).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC Factory 0 — .+: score 80, earned 0\.72 USDC/);
    const earnings = texts(await h.send(ALICE, "/earnings"))[0]!;
    expect(earnings).toContain("As a farmer</b>\n• 0.72 USDC owed");
    expect(earnings).toContain("once you have linked a wallet (/wallet) and it adds up to at least 0.01 USDC");
    const profile = texts(await h.send(ALICE, "/profile"))[0]!;
    expect(profile).toContain("Level 1 · 80 XP");
    expect(profile).toContain("Reputation: 80/100");
  });
});

describe("Telegram bot: ambassadors and groups", () => {
  it("/invite gives a deep link and a share button, also in groups", async () => {
    const h = telegramHarness();
    const calls = await h.send(ALICE, "/invite");
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    expect(texts(calls)[0]).toContain(`https://t.me/forge_test_bot?start=ref-${alice.referralCode}`);
    expect(buttons(calls)[0]![1]).toMatch(/^https:\/\/t\.me\/share\/url\?url=/);
    const inGroup = await h.send(ALICE, "/invite@forge_test_bot", { chat: "group" });
    expect(inGroup[0]!.payload.chat_id).toBe(-5000);
    expect(texts(inGroup)[0]).toContain(`ref-${alice.referralCode}`);
  });

  it("private commands in a group never show private data there", async () => {
    const h = telegramHarness();
    const calls = await h.send(ALICE, "/earnings", { chat: "group" });
    expect(texts(calls)).toHaveLength(1);
    expect(texts(calls)[0]).toContain("private chat");
    expect(texts(await h.send(333, "just chatting", { chat: "group" }))).toEqual([]);
    const chatter = await h.s.core.registerAccount({ platform: "telegram", externalId: "333" });
    expect(chatter.ok && chatter.value.created).toBe(true); // the chatter was never registered before
  });

  it("/referrals, /tier, /commissions and /leaderboard", async () => {
    const h = telegramHarness();
    await h.send(ALICE, "/start", { username: "alice" });
    await h.send(BOB, "/start", { username: "bob" });
    const [alice, bob] = await Promise.all(
      [ALICE, BOB].map(
        async (id) => must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(id) })).account,
      ),
    );
    expect(texts(await h.send(ALICE, "/referrals"))[0]).toContain("Nobody has joined");
    await h.s.refer(bob!, alice!);
    await h.s.stake(alice!, 3_000_000n * 10n ** 9n);
    const f = await h.s.factory(await h.s.person());
    await h.s.fund(f, f.rewardPerDemo * 3n);
    await h.s.fund(f, 5_000_000n);
    must(await h.s.core.settleSubmission({ submissionId: must(await h.s.submit(bob!, f)).id, score: 100 }));
    expect(texts(await h.send(ALICE, "/referrals"))[0]).toMatch(
      /@bob — joined \d{4}-\d{2}-\d{2}, earned you 0.03 USDC/,
    );
    const tierCalls = await h.send(ALICE, "/tier");
    const tier = texts(tierCalls)[0]!;
    expect(buttons(tierCalls)).toEqual([["📤 Unstake", "stake:unstake"]]);
    expect(tier).toContain("Staking tier 3");
    expect(tier).toContain("3% commission");
    expect(tier).toContain("Tier 4 needs 1000000 more CLONES");
    const commissions = texts(await h.send(ALICE, "/commissions"))[0]!;
    expect(commissions).toContain("Last 30 days: 0.03 USDC");
    expect(commissions).toContain("• @bob: 0.03 USDC");
    const board = texts(await h.send(ALICE, "/leaderboard", { chat: "group" }))[0]!;
    expect(board).toContain("1. @bob — level 2, 100 XP");
    expect(texts(await h.press(ALICE, "stake:unstake"))[0]).toContain(
      "How many CLONES do you want to unstake? (staked: 3000000)",
    );
    expect(texts(await h.send(ALICE, "2000000"))[0]).toMatch(
      /Unstaking 2000000 CLONES: your tier is now 1. They are due back to you on \d{4}-\d{2}-\d{2}; you will get a message/,
    );
  });
});

describe("Telegram bot: failures", () => {
  it("a failing handler is logged with a reference and answered with an apology", async () => {
    const h = telegramHarness();
    (h.deps.core as { listOwnedFactories: unknown }).listOwnedFactories = async () => {
      throw new Error("database down");
    };
    const calls = await h.send(ALICE, "/factories");
    expect(texts(calls)[0]).toMatch(/Something went wrong on our side\. It has been logged \(ref [0-9a-f]{8}\)/);
    expect(h.errors).toHaveLength(1);
  });
});

describe("Telegram bot: editing a factory from its card", () => {
  async function ownedFactory(h: ReturnType<typeof telegramHarness>) {
    await h.send(ALICE, "/start");
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    return h.s.factory(alice);
  }

  it("reward, threshold and limits change through short questions with validation", async () => {
    const h = telegramHarness();
    const f = await ownedFactory(h);
    const card = await h.press(ALICE, `card:${f.id}`);
    expect(buttons(card).map(([, d]) => d)).toContain(`edit:${f.id}:menu`);
    const menu = await h.press(ALICE, `edit:${f.id}:menu`);
    expect(buttons(menu).map(([, d]) => d)).toEqual([
      `edit:${f.id}:reward`,
      `edit:${f.id}:threshold`,
      `edit:${f.id}:limits`,
      `edit:${f.id}:addtask`,
      `edit:${f.id}:rmtask`,
      `card:${f.id}`,
    ]);
    expect(texts(await h.press(ALICE, `edit:${f.id}:reward`))[0]).toContain("now 1 USDC");
    expect(texts(await h.send(ALICE, "0"))[0]).toContain("plain positive number");
    expect(texts(await h.send(ALICE, "1.75"))[0]).toContain("Saved");
    await h.press(ALICE, `edit:${f.id}:threshold`);
    await h.send(ALICE, "85");
    await h.press(ALICE, `edit:${f.id}:limits`);
    await h.send(ALICE, "1, 2, 3");
    await h.press(ALICE, `edit:${f.id}:addtask`);
    await h.send(ALICE, "Chart: make a chart of column B");
    const factory = must(await h.s.core.getFactoryOverview(f.id)).factory;
    expect(factory).toMatchObject({
      rewardPerDemo: 1_750_000n,
      threshold: 85,
      limits: { perTask: 1, perDay: 2, total: 3 },
    });
    expect(factory.tasks.map((t) => t.title)).toEqual(["Sum a column", "Sort rows", "Chart"]);
  });

  it("a task is removed with a button; someone else's factory cannot be edited", async () => {
    const h = telegramHarness();
    const f = await ownedFactory(h);
    const pick = await h.press(ALICE, `edit:${f.id}:rmtask`);
    expect(buttons(pick)[0]).toEqual(["➖ Sum a column", `rmtask:${f.id}:0`]);
    await h.press(ALICE, `rmtask:${f.id}:0`);
    expect(must(await h.s.core.getFactoryOverview(f.id)).factory.tasks.map((t) => t.title)).toEqual(["Sort rows"]);
    expect(texts(await h.press(BOB, `edit:${f.id}:reward`))[0]).toContain("Only the factory's owner");
    const forged = await h.press(BOB, `rmtask:${f.id}:0`);
    expect(forged.find((c) => c.method === "answerCallbackQuery")?.payload.text).toContain("Only the factory's owner");
    expect(must(await h.s.core.getFactoryOverview(f.id)).factory.tasks).toHaveLength(1);
  });
});

describe("Telegram bot: the remaining buttons and the command menu", () => {
  it("menu buttons open profile, invite, help, the main menu and my factories", async () => {
    const h = telegramHarness();
    await h.send(ALICE, "/start");
    expect(texts(await h.press(ALICE, "nav:profile"))[0]).toContain("Your profile");
    expect(texts(await h.press(ALICE, "nav:invite"))[0]).toContain("Your invite link");
    expect(texts(await h.press(ALICE, "nav:help"))[0]).toContain("Commands");
    expect(texts(await h.press(ALICE, "nav:start"))[0]).toContain("Welcome back");
    expect(texts(await h.press(ALICE, "nav:factories"))[0]).toContain("no factories yet");
  });

  it("/wallet explains linking and never asks for a seed phrase", async () => {
    const h = telegramHarness();
    const text = texts(await h.send(ALICE, "/wallet"))[0]!;
    expect(text).toContain("no wallet linked yet");
    expect(text).toContain("We never ask for your seed phrase or private key");
  });

  it("without a treasury configured, the Fund button shows the pool and names the setting that turns funding on", async () => {
    const h = telegramHarness();
    await h.send(ALICE, "/start");
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    const f = await h.s.factory(alice);
    await h.s.fund(f, 2_000_000n);
    const shown = texts(await h.press(ALICE, `fund:${f.id}`))[0]!;
    expect(shown).toContain("Your pool: 2 USDC");
    expect(shown).toContain("TREASURY_ADDRESS");
    expect(shown).not.toContain("release");
  });

  it("registers the command menu in English and Spanish, for private chats and groups", async () => {
    const { registerCommands } = await import("../../../bots/telegram/create-bot.js");
    const h = telegramHarness();
    const before = h.calls.length;
    await registerCommands(h.bot, h.deps.i18n);
    const calls = h.calls.slice(before).filter((c) => c.method === "setMyCommands");
    expect(
      calls.map((c) => [(c.payload.scope as { type: string }).type, c.payload.language_code ?? "default"]),
    ).toEqual([
      ["all_private_chats", "default"],
      ["all_group_chats", "default"],
      ["all_private_chats", "es"],
      ["all_group_chats", "es"],
    ]);
    const spanish = calls[2]!.payload.commands as Array<{ command: string; description: string }>;
    expect(spanish.find((c) => c.command === "browse")?.description).toBe("Fábricas activas para trabajar");
    expect((calls[1]!.payload.commands as Array<{ command: string }>).map((c) => c.command)).toEqual([
      "help",
      "invite",
      "leaderboard",
    ]);
  });
});

describe("Telegram bot: funding and recordings through the edges that plug in", () => {
  function fakePayments() {
    const requests: Array<[string, unknown]> = [];
    const shown = (kind: string) => async (input: unknown) => {
      requests.push([kind, input]);
      return {
        requestId: `req-${kind}`,
        url: `solana:Treasury?kind=${kind}`,
        qrPng: new Uint8Array([137, 80, 78, 71]),
        expiresAt: new Date("2026-11-26T12:00:00Z"),
      };
    };
    return {
      requests,
      payments: {
        requestFunding: shown("fund"),
        requestStake: shown("stake"),
        requestWalletVerification: shown("verify"),
        requestGasTopUp: shown("gas"),
        boostsEnabled: true,
        requestBoost: shown("boost"),
      },
    };
  }

  it("/boost offers burns for XP boosts as buttons and sends the chosen one as a transaction request; without the server's public URL it says which setting enables them", async () => {
    const off = telegramHarness();
    expect(texts(await off.send(ALICE, "/boost"))[0]).toContain("set PUBLIC_URL");
    const { requests, payments } = fakePayments();
    const h = telegramHarness({ payments });
    const menu = await h.send(ALICE, "/boost");
    expect(texts(menu)[0]).toContain("You have no XP boost right now.");
    expect(buttons(menu)).toEqual([
      ["🔥 Burn 100 CLONES → ×1.25 XP for 24 h", "boost:spark"],
      ["🔥 Burn 500 CLONES → ×1.5 XP for 72 h", "boost:flame"],
      ["🔥 Burn 2000 CLONES → ×2 XP for 168 h", "boost:blaze"],
    ]);
    const sent = await h.press(ALICE, "boost:flame");
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    expect(requests).toEqual([["boost", { accountId: alice.id, boostId: "flame" }]]);
    expect(sent.map((c) => c.method)).toContain("sendPhoto");
  });

  it("/admin shows whether payouts run and lets an admin top up the treasury's SOL for fees with a QR", async () => {
    const { requests, payments } = fakePayments();
    const h = telegramHarness({ payments, adminIds: [String(BOB)] });
    await h.send(BOB, "/start");
    const admin = await h.send(BOB, "/admin");
    expect(texts(admin)[0]).toContain("Payouts: not running");
    expect(buttons(admin).at(-1)).toEqual(["⛽ Top up payout gas", "admin:gas"]);
    expect(texts(await h.press(ALICE, "admin:gas"))[0]).toContain("for admins");
    expect(texts(await h.press(BOB, "admin:gas"))[0]).toContain("How much SOL");
    const sent = await h.send(BOB, "0.5");
    const bob = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(BOB) })).account;
    expect(requests).toEqual([["gas", { accountId: bob.id, units: 500_000_000n }]]);
    expect(sent.map((c) => c.method)).toContain("sendPhoto");
  });

  it("Fund asks an amount in the factory's token and sends the payment request as a QR with an Open in wallet button", async () => {
    const { requests, payments } = fakePayments();
    const h = telegramHarness({ payments });
    await h.send(ALICE, "/start");
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    const f = await h.s.factory(alice);
    expect(texts(await h.press(ALICE, `fund:${f.id}`))[0]).toContain("How much USDC");
    expect(texts(await h.send(ALICE, "2.5000001"))[0]).toContain("doesn't have that many decimals");
    const sent = await h.send(ALICE, "2.5");
    expect(requests).toEqual([["fund", { accountId: alice.id, factoryId: f.id, units: 2_500_000n }]]);
    expect(sent.map((c) => c.method)).toContain("sendPhoto");
  });

  it("/wallet offers to link a wallet by a verification payment; /tier offers to stake an amount", async () => {
    const { requests, payments } = fakePayments();
    const h = telegramHarness({ payments });
    await h.send(ALICE, "/start");
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    expect(buttons(await h.send(ALICE, "/wallet"))).toEqual([["🔗 Link a wallet", "wallet:verify"]]);
    expect((await h.press(ALICE, "wallet:verify")).map((c) => c.method)).toContain("sendPhoto");
    expect(buttons(await h.send(ALICE, "/tier"))).toEqual([["🪙 Stake CLONES", "stake:ask"]]);
    expect(texts(await h.press(ALICE, "stake:ask"))[0]).toContain("How many CLONES");
    await h.send(ALICE, "1000");
    expect(requests).toEqual([
      ["verify", { accountId: alice.id }],
      ["stake", { accountId: alice.id, units: 1000n * 10n ** 9n }],
    ]);
  });

  it("a recording sent as a document goes to the task the farmer picked, after checks", async () => {
    const received: unknown[] = [];
    const appeals: string[] = [];
    const h = telegramHarness({
      recordings: {
        fromChat: async (input) => {
          received.push(input);
          return received.length === 1
            ? { ok: true, recordingId: "rec-1" }
            : { ok: false, code: "ARCHIVE_TRAVERSAL", message: "An entry points outside the archive." };
        },
        appeal: async (_accountId, recordingId) => {
          appeals.push(recordingId);
          return appeals.length === 1 ? { ok: true } : { ok: false, code: "APPEAL_ALREADY_USED" };
        },
      },
    });
    const f = await h.s.factory(await h.s.person());
    await h.s.fund(f, f.rewardPerDemo * 3n);
    const zip = { file_name: "rec.zip", mime_type: "application/zip", file_size: 1_000_000 };
    expect(texts(await h.sendDocument(ALICE, zip))[0]).toContain("first pick the factory task");
    await h.press(ALICE, `task:${f.id}:0`);
    expect(
      texts(await h.sendDocument(ALICE, { ...zip, file_name: "notes.pdf", mime_type: "application/pdf" }))[0],
    ).toContain(".zip file");
    expect(texts(await h.sendDocument(ALICE, { ...zip, file_size: 25 * 1024 * 1024 }))[0]).toContain(
      "larger than 20 MB",
    );
    const accepted = texts(await h.sendDocument(ALICE, zip));
    expect(accepted[0]).toContain("Checking rec.zip");
    expect(accepted[1]).toContain("Received rec.zip for Sum a column"); // the progress message, edited
    expect(texts(await h.sendDocument(ALICE, zip))[1]).toContain(
      "could not accept this recording: An entry points outside the archive.",
    );
    expect(texts(await h.press(ALICE, "appeal:rec-1"))[0]).toContain("Appeal received");
    expect(texts(await h.press(ALICE, "appeal:rec-1"))[0]).toContain("already appealed");
    expect(appeals).toEqual(["rec-1", "rec-1"]);
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    expect(received[0]).toEqual(
      expect.objectContaining({
        accountId: alice.id,
        factoryId: f.id,
        taskId: f.tasks[0]!.id,
        fileName: "rec.zip",
        size: 1_000_000,
      }),
    );
  });

  it("without an uploads edge, a recording in chat is declined with what to do instead", async () => {
    const h = telegramHarness();
    const f = await h.s.factory(await h.s.person());
    await h.s.fund(f, f.rewardPerDemo * 3n);
    await h.press(ALICE, `task:${f.id}:0`);
    expect(
      texts(await h.sendDocument(ALICE, { file_name: "rec.zip", mime_type: "application/zip", file_size: 10 }))[0],
    ).toContain("forge upload");
  });
});

describe("Telegram bot: linking a wallet by signing a message", () => {
  it("GIVEN no wallet proof configured THEN /wallet offers no sign button", async () => {
    const h = telegramHarness();
    await h.send(ALICE, "/start");
    expect(buttons(await h.send(ALICE, "/wallet"))).toEqual([]);
  });
});

describe("Telegram bot: grades in /history", () => {
  it("GIVEN a graded recording THEN /history opens its breakdown with an Appeal button, until the appeal is used; nobody else can open it", async () => {
    const h = telegramHarness();
    await h.send(ALICE, "/start");
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    const f = await h.s.factory(await h.s.person("carol"));
    await h.s.fund(f, 10_000_000n);
    const recording = must(
      await h.s.core.submitRecording({
        recordingId: "rec-history-1",
        accountId: alice.id,
        factoryId: f.id,
        taskId: f.tasks[0]!.id,
        source: "telegram",
        storageKey: "recordings/rec-history-1/",
        contentHash: "c0ffee",
      }),
    );
    const grade = {
      score: 70,
      rejected: false,
      components: [{ name: "activity" as const, weight: 100, value: 0.7, points: 70 }],
      reasons: [{ code: "idle_high" as const, text: "idle", params: { percent: 30 } }],
      actionCount: 20,
      durationMs: 60_000,
      llm: null,
    };
    must(
      await h.s.core.gradeRecording({ recordingId: recording.id, grade, fingerprint: { minhash: [], keyframes: [] } }),
    );
    const history = await h.send(ALICE, "/history");
    expect(buttons(history).map(([, d]) => d)).toEqual(["grade:rec-history-1"]);
    const opened = await h.press(ALICE, "grade:rec-history-1");
    expect(texts(opened)[0]).toContain("Your recording scored 70/100");
    expect(texts(opened)[0]).toContain("30% of the video is idle");
    expect(texts(opened)[0]).toMatch(/Earned 0\.63 USDC/);
    expect(buttons(opened)).toEqual([["🔁 Appeal this grade", "appeal:rec-history-1"]]);
    must(await h.s.core.appealGrade({ recordingId: recording.id, accountId: alice.id }));
    expect(buttons(await h.press(ALICE, "grade:rec-history-1"))).toEqual([]);
    expect(texts(await h.press(BOB, "grade:rec-history-1"))[0]).toContain("could not find that recording");
  });

  it("GIVEN a rejected recording and two of one task on one day THEN /history says rejected (not withdrawn), names each button by time and task, and the rejected grade offers no appeal", async () => {
    const h = telegramHarness();
    await h.send(ALICE, "/start");
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    const f = await h.s.factory(await h.s.person("carol"));
    await h.s.fund(f, 10_000_000n);
    const submit = async (id: string, hash: string) => {
      h.s.deps.clock.advance(7 * 60_000);
      return must(
        await h.s.core.submitRecording({
          recordingId: id,
          accountId: alice.id,
          factoryId: f.id,
          taskId: f.tasks[0]!.id,
          source: "telegram",
          storageKey: `recordings/${id}/`,
          contentHash: hash,
        }),
      );
    };
    const good = await submit("rec-a", "aa");
    const bad = await submit("rec-b", "bb");
    const grade = (score: number, rejected: boolean) => ({
      score,
      rejected,
      components: [{ name: "activity" as const, weight: 100, value: score / 100, points: score }],
      reasons: rejected
        ? [{ code: "video_undecodable" as const, text: "undecodable", params: {} }]
        : [{ code: "idle_high" as const, text: "idle", params: { percent: 30 } }],
      actionCount: 20,
      durationMs: 60_000,
      llm: null,
    });
    const fp = { minhash: [], keyframes: [] };
    must(await h.s.core.gradeRecording({ recordingId: good.id, grade: grade(70, false), fingerprint: fp }));
    must(await h.s.core.gradeRecording({ recordingId: bad.id, grade: grade(0, true), fingerprint: fp }));

    const history = await h.send(ALICE, "/history");
    const lines = texts(history)[0]!.split("\n");
    expect(lines.find((l) => l.includes("rejected"))).toMatch(/❌ rejected$/);
    expect(texts(history)[0]).not.toContain("withdrawn");
    expect(texts(history)[0]).toContain("score 70, earned 0.63 USDC"); // net of the 10% fee, as the DM says
    const labels = buttons(history).map(([label]) => label);
    expect(labels).toHaveLength(2);
    expect(new Set(labels).size).toBe(2);
    for (const label of labels)
      expect(label).toMatch(new RegExp(`^🔎 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC ${f.tasks[0]!.title}$`));
    const opened = texts(await h.press(ALICE, "grade:rec-b"))[0]!;
    expect(opened).toContain("Your recording was not accepted");
    expect(opened).not.toContain("Breakdown");
    expect(buttons(await h.press(ALICE, "grade:rec-b"))).toEqual([]);
  });
});
