// One scenario, two bots (issue 14): the same people do the same things through the Telegram bot
// and through the Discord bot, each run on a fresh database, and the core state each run leaves
// (accounts and referrers, the factory the wizard made, submissions, recordings, payouts, ledger
// balances, XP), normalised, must be the same; so must the amounts and XP each bot shows. A bot that skips or adds a step
// (a referral not attributed, a different task picked) makes the comparison fail.
import { describe, expect, it } from "vitest";
import type { Grade } from "../../core/grading/recording.js";
import { openStore, storeKinds, type StoreKind } from "../support/databases.js";
import { coreState, keyNumbers, type CoreState } from "../support/drivers/core-state.js";
import { discordDriver } from "../support/drivers/discord.js";
import { PEOPLE, type Driver } from "../support/drivers/driver.js";
import { telegramDriver } from "../support/drivers/telegram.js";
import { USDC, must } from "../support/scenario.js";

const RECORDER = { recorderServer: "https://forge.example" };
/** Tier 2 of the test supply (1e18 units): the ambassador earns 2% of each referred reward. */
const TIER_2_STAKE = 2_000_000_000_000_000n;

const grade = (score: number): Grade => ({
  score,
  rejected: false,
  components: [{ name: "activity", weight: 100, value: score / 100, points: score }],
  reasons: [],
  actionCount: 12,
  durationMs: 30_000,
  llm: null,
});

interface Run {
  readonly state: CoreState;
  /** What each person read, reduced to its amounts and XP. */
  readonly numbers: Record<string, string[]>;
}

interface Variant {
  /** The farmer starts without the ambassador's code (to show the comparison catches it). */
  readonly skipReferral?: boolean;
}

async function play(driver: Driver, variant: Variant = {}): Promise<Run> {
  const { s } = driver;
  // An ambassador starts and gets their referral code (from /invite), and stakes for a tier.
  await driver.start("ambassador");
  const code = /ref-([A-Z0-9]+)/.exec(await driver.command("ambassador", "invite"))?.[1];
  expect(code, driver.lastText("ambassador")).toBeDefined();
  const ambassador = await driver.account("ambassador");
  expect(ambassador.referralCode).toBe(code);
  await s.stake(ambassador, TIER_2_STAKE);

  // A farmer joins with it.
  const welcome = await driver.start("farmer", variant.skipReferral ? undefined : code);
  if (!variant.skipReferral) expect(welcome).toMatch(/joined through/i);

  // A creator makes a factory through the bot's wizard; it is funded (the chain's part, through the core).
  await driver.start("creator");
  const created = await driver.createFactory("creator", {
    name: "Spreadsheet skills",
    useCase: "Teach agents to work in spreadsheets",
    tasks: "Sum a column: Open the sheet and sum column B\nSort rows: Sort by date",
    token: "USDC",
    reward: "2",
    threshold: "50",
    limits: "none",
  });
  expect(created).toMatch(/created/i);
  const factory = (await s.core.listOwnedFactories((await driver.account("creator")).id))[0]!;
  expect(factory).toMatchObject({ name: "Spreadsheet skills", token: "USDC", rewardPerDemo: USDC(2), threshold: 50 });
  await s.fund(factory, USDC(10));

  // The farmer browses, opens it, picks a task and gets recorder instructions with a pairing code.
  await driver.command("farmer", "browse");
  await driver.press("farmer", /Spreadsheet skills/);
  expect(driver.buttons("farmer")).toEqual(expect.arrayContaining([expect.stringMatching(/Sort rows/)]));
  const instructions = await driver.press("farmer", /Sort rows/);
  expect(instructions).toContain("Sort by date");
  const pairingCode = /forge login (\S+)/.exec(instructions)?.[1];
  expect(pairingCode, instructions).toBeDefined();
  const farmer = await driver.account("farmer");
  const grant = await driver.redeemPairing(pairingCode!);
  expect(grant).toMatchObject({ accountId: farmer.id, factoryId: factory.id, taskId: factory.tasks[1]!.id });

  // The recorder's upload, graded 80 and settled through the core.
  const recording = must(
    await s.core.submitRecording({
      recordingId: s.deps.ids.id(),
      accountId: grant!.accountId,
      factoryId: grant!.factoryId,
      taskId: grant!.taskId,
      source: "recorder",
      storageKey: "recordings/two-drivers",
      contentHash: `hash-${s.deps.ids.id()}`,
    }),
  );
  const graded = must(
    await s.core.gradeRecording({
      recordingId: recording.id,
      grade: grade(80),
      fingerprint: { minhash: Array.from({ length: 64 }, (_, i) => i), keyframes: [] },
    }),
  );
  expect(graded.settlement?.submission.status).toBe("settled");

  // What each of them reads about it.
  const numbers = {
    earnings: keyNumbers(await driver.command("farmer", "earnings")),
    history: keyNumbers(await driver.command("farmer", "history")),
    profile: keyNumbers(await driver.command("farmer", "profile")),
    commissions: keyNumbers(await driver.command("ambassador", "commissions")),
  };
  const roles = Object.fromEntries(
    await Promise.all(PEOPLE.map(async (who) => [(await driver.account(who)).id, who] as const)),
  );
  return { state: await coreState(driver.db, roles), numbers };
}

type Make = (kind: StoreKind) => Promise<Driver>;
const DRIVERS: Record<"telegram" | "discord", Make> = {
  telegram: async (kind) => telegramDriver((await openStore(kind)).db!, RECORDER),
  discord: async (kind) => discordDriver((await openStore(kind)).db!, RECORDER),
};

/** The comparison: the same normalised core state, and the same numbers shown. */
function expectSameRun(run: Run, reference: Run): void {
  expect(run.state).toEqual(reference.state);
  expect(run.numbers).toEqual(reference.numbers);
}

async function run(make: Make, kind: StoreKind, variant?: Variant): Promise<Run> {
  const driver = await make(kind);
  try {
    return await play(driver, variant);
  } finally {
    await driver.close();
  }
}

describe.each(storeKinds().filter((k): k is Exclude<StoreKind, "memory"> => k !== "memory"))(
  "one scenario through both bots, on %s",
  (kind) => {
    const runs: Partial<Record<"telegram" | "discord", Run>> = {};

    it.each(["telegram", "discord"] as const)(
      "GIVEN a fresh database WHEN the scenario runs through the %s bot THEN the referral, the settlement and the texts come out as expected",
      async (platform) => {
        const result = await run(DRIVERS[platform], kind);
        runs[platform] = result;
        const { state, numbers } = result;
        expect(state.accounts.find((a) => a.who === "farmer")).toMatchObject({ referrer: "ambassador", xp: "80" });
        expect(state.factories).toEqual([
          {
            name: "Spreadsheet skills",
            owner: "creator",
            use_case: "Teach agents to work in spreadsheets",
            status: "active",
            token: "USDC",
            reward: "2000000",
            threshold: 50,
            limit_per_task: null,
            limit_per_day: null,
            limit_total: null,
            tasks: ["Sum a column: Open the sheet and sum column B", "Sort rows: Sort by date"],
          },
        ]);
        expect(state.submissions).toMatchObject([{ farmer_id: "farmer", status: "settled", score: 80 }]);
        // 80% of 2 USDC is 1.6 gross: 1.44 to the farmer, 2% of it (0.032) to the tier-2 ambassador, the rest of the fee to the platform.
        expect(state.balances).toMatchObject({
          "farmer:farmer USDC": "1440000",
          "ambassador:ambassador USDC": "32000",
          "platform:fee USDC": "128000",
          "pool:factory:Spreadsheet skills USDC": "8400000",
        });
        expect(numbers.earnings).toContain("1.44 USDC");
        expect(numbers.history).toEqual(expect.arrayContaining(["score 80", "1.44 USDC"]));
        expect(numbers.profile).toContain("80 XP");
        expect(numbers.commissions).toContain("0.032 USDC");
      },
      60_000,
    );

    it("GIVEN both runs THEN the normalised core state and the numbers each bot showed are the same", () => {
      expect(runs.telegram && runs.discord, "both runs must have finished").toBeTruthy();
      expectSameRun(runs.discord!, runs.telegram!);
    });
  },
);

describe("the comparison itself", () => {
  it("GIVEN a Discord run where the farmer starts without the referral code THEN its state differs from the Telegram run's", async () => {
    // Postgres when there is a server (faster), else PGlite.
    const kind = storeKinds()
      .filter((k): k is Exclude<StoreKind, "memory"> => k !== "memory")
      .at(-1);
    const full = await run(DRIVERS.telegram, kind!);
    const skipped = await run(DRIVERS.discord, kind!, { skipReferral: true });
    expect(() => expectSameRun(skipped, full)).toThrow();
    // Each part tells it on its own: the referrer, the commission in the ledger, and in the text.
    expect(skipped.state.accounts).not.toEqual(full.state.accounts);
    expect(skipped.state.balancesByKind).not.toEqual(full.state.balancesByKind);
    expect(skipped.numbers.commissions).not.toEqual(full.numbers.commissions);
  }, 60_000);
});
