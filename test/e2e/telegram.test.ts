// End to end: the real bot process (grammY runner, PGlite, core) against a Bot API emulator.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { units } from "../../core/money/units.js";
import { openDatabase } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { scenario } from "../support/scenario.js";
import { Person, startBotProcess, startEmulator, type BotProcess } from "../support/telegram-emulator.js";

describe("Telegram end to end (bot process + Bot API emulator)", () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let bot: BotProcess;
  const dataDir = mkdtempSync(join(tmpdir(), "forge-tg-e2e-"));
  const transcript: string[] = [];
  const env = () => ({ DATA_DIR: dataDir, TELEGRAM_API_ROOT: emulator.apiRoot });

  beforeAll(async () => {
    emulator = await startEmulator();
    bot = await startBotProcess(env(), "bot,worker");
  }, 90_000);

  afterAll(async () => {
    await bot?.stop();
    await emulator?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(".tmp", { recursive: true });
    writeFileSync(".tmp/telegram-transcript.txt", `${transcript.join("\n")}\n`);
  });

  it("a creator creates a factory through the wizard, surviving a bot restart in the middle, and opens its card", async () => {
    const carol = new Person(emulator.server, 1001, "Carol", transcript);
    const [welcome] = await carol.send("/start");
    expect(welcome!.text).toContain("Welcome to **CLONES Forge**");
    await carol.press("Create a factory", welcome!);
    expect((await carol.send("Spreadsheet skills"))[0]!.text).toContain("(2/8)");
    await carol.send("Teach agents to work in spreadsheets");
    const [tokenQuestion] = await carol.send(
      "Sum a column: Open the sheet and sum column B\nSort rows: Sort the table by date",
    );
    expect(tokenQuestion!.text).toContain("(4/8)");

    // The process stops in the middle of the wizard; a new one continues it.
    expect(await bot.stop()).toBe(0);
    transcript.push("--- the bot process is restarted ---");
    bot = await startBotProcess(env(), "bot,worker");

    const [rewardQuestion] = await carol.press("SOL", tokenQuestion!);
    expect(rewardQuestion!.text).toContain("in SOL");
    expect((await carol.send("0.0000000001"))[0]!.text).toContain("doesn't have that many decimals");
    await carol.send("0.05");
    expect((await carol.send("30"))[0]!.text).toContain("from 50 to 100");
    await carol.send("60");
    const [confirm] = await carol.send("3, 10, 50");
    expect(confirm!.text).toContain("**Spreadsheet skills**");
    expect(confirm!.text).toContain("Reward: 0.05 SOL · threshold 60 · limits: 3 per task, 10 per day, 50 in all");
    const [created] = await carol.press("Create it", confirm!);
    expect(created!.text).toContain("Factory created");

    const [list] = await carol.send("/factories");
    const [card] = await carol.press("Spreadsheet skills", list!);
    expect(card!.text).toContain("Reward: 0.05 SOL per demonstration (paid from a score of 60)");
    expect(card!.text).toContain("Tasks: Sum a column, Sort rows");
    expect(card!.buttons.map(([l]) => l)).toEqual(expect.arrayContaining(["⏸ Pause", "⛔ Close", "💳 Fund"]));

    // Unfunded, it waits for funding in /browse; the pool is credited as a confirmed payment
    // would credit it (this run has no chain), with the bot stopped since PGlite is one process's.
    const walt = new Person(emulator.server, 3999, "Walt", transcript);
    const [waiting] = await walt.send("/browse");
    expect(waiting!.text).toContain("Waiting for funding");
    expect(waiting!.buttons).toEqual([]);
    expect(await bot.stop()).toBe(0);
    const db = await openDatabase({ kind: "pglite", dataDir });
    try {
      const core = scenario(prismaUnitOfWork(db.prisma)).core;
      const [factory] = (await db.prisma.factory.findMany()).filter((f) => f.name === "Spreadsheet skills");
      const credited = await core.creditDeposit({
        key: "deposit:e2e-telegram",
        factoryId: factory!.id,
        token: "SOL",
        units: units(1_000_000_000n),
      });
      expect(credited.ok).toBe(true);
    } finally {
      await db.close();
    }
    transcript.push("--- the pool is credited 1 SOL; the bot process starts again ---");
    bot = await startBotProcess(env(), "bot,worker");
  }, 120_000);

  it("a farmer joins through an ambassador's link, browses and starts a submission; the ambassador sees the referral", async () => {
    const amy = new Person(emulator.server, 2001, "Amy", transcript);
    const fred = new Person(emulator.server, 3001, "Fred", transcript);
    const [invite] = await amy.send("/invite");
    const code = /start=ref-([A-Z2-9]+)/.exec(invite!.text)![1]!;
    expect(invite!.buttons[0]![1]).toContain("https://t.me/share/url");

    const [welcome] = await fred.send(`/start ref-${code}`);
    expect(welcome!.text).toContain("You joined through @amy");
    const [told] = await amy.replies();
    expect(told!.text).toContain("@fred joined through your link");

    const [browse] = await fred.press("Browse factories", welcome!);
    const [factory] = await fred.press("Spreadsheet skills", browse!);
    expect(factory!.text).toContain("up to 0.045 SOL per demonstration (after the 10% platform fee)");
    const [instructions] = await fred.press("Sort rows", factory!);
    expect(instructions!.text).toMatch(/forge login [A-Z2-9]{8}/);
    expect(instructions!.text).toContain("Sort the table by date");

    const [referrals] = await amy.send("/referrals");
    expect(referrals!.text).toContain("People you referred** (1)");
    expect(referrals!.text).toContain("@fred");
  }, 120_000);
});
