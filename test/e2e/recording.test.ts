// The farmer's whole journey under Xvfb: the bot gives a pairing code, `forge login` pairs, `forge
// record` captures while xdotool drives a real application (xedit), `forge process` and `forge
// upload` send it through the upload API, the worker grades and settles it, the payouts role
// sends the farmer's share to their wallet on the local chain, and the farmer gets the verdict
// in a DM with the transaction's link. The steps the server extracted must match what xdotool did.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../app/local-redis.js";
import type { Factory } from "../../core/factories/factory.js";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { createTestDatabase, postgresUrl } from "../support/databases.js";
import { must, scenario } from "../support/scenario.js";
import { keypairWithBytes } from "../support/keypair.js";
import { LocalChain } from "../support/local-chain.js";
import { address, generateKeyPairSigner } from "@solana/kit";
import { Person, startBotProcess, startEmulator, type BotProcess } from "../support/telegram-emulator.js";
import { forge, has, startXvfb } from "../support/xvfb.js";

const ready = ["Xvfb", "xdotool", "xedit", "ffmpeg"].every(has);
const SOL = (n: number) => BigInt(Math.round(n * 1e9));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!ready)("a farmer records with xdotool under Xvfb, uploads, and is graded and settled", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "forge-rec-e2e-"));
  const home = mkdtempSync(join(tmpdir(), "forge-home-"));
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let app: BotProcess;
  let db: Database;
  let xvfb: Awaited<ReturnType<typeof startXvfb>>;
  let editor: ChildProcess;
  let display = "";
  let server = "";
  let factory: Factory;
  let s: ReturnType<typeof scenario>;
  const chain = new LocalChain();
  let treasury: Awaited<ReturnType<typeof keypairWithBytes>>;

  beforeAll(async () => {
    xvfb = await startXvfb();
    display = xvfb.display;
    // A real application to work in: xedit, placed at the top left, 800x500.
    editor = spawn("xedit", ["-geometry", "800x500+0+0"], {
      env: { ...process.env, DISPLAY: display },
      stdio: "ignore",
    });
    execFileSync("xdotool", ["search", "--sync", "--class", "Xedit"], { env: { ...process.env, DISPLAY: display } });

    await chain.start();
    treasury = await keypairWithBytes();
    // The treasury holds the factory's 1 SOL pool and some SOL for fees.
    chain.airdrop(treasury.signer.address, SOL(1.1));
    const url = await createTestDatabase(postgresUrl());
    db = await openDatabase({ kind: "postgres", url });
    s = scenario(prismaUnitOfWork(db.prisma));
    factory = await s.factory(await s.person("carol"), {
      name: "Editor skills",
      token: "SOL",
      rewardPerDemo: SOL(0.05),
      threshold: 50,
      tasks: [{ title: "Write a note", prompt: "Open the editor and write hello forge", app: "xedit" }],
    });
    await s.fund(factory, SOL(1));

    emulator = await startEmulator();
    const port = await freePort();
    server = `http://127.0.0.1:${port}`;
    app = await startBotProcess(
      {
        DATA_DIR: dataDir,
        DATABASE_URL: url,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        HOST: "127.0.0.1",
        PORT: String(port),
        SOLANA_RPC_URL: chain.url,
        SOLANA_CLUSTER: "custom",
        TREASURY_ADDRESS: treasury.signer.address,
        TREASURY_KEYPAIR: treasury.json,
        PAYOUT_ROUND_MS: "500",
      },
      "bot,server,worker,payouts",
    );
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await emulator?.stop();
    await db?.close();
    await chain.stop();
    editor?.kill();
    xvfb?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it("GIVEN a pairing code from the bot WHEN the farmer records, processes and uploads THEN the server's steps match xdotool and the farmer is told the grade", async () => {
    const fred = new Person(emulator.server, 5001, "Fred", []);
    const [welcome] = await fred.send("/start");
    const [browse] = await fred.press("Browse factories", welcome!);
    const [card] = await fred.press("Editor skills", browse!);
    const [instructions] = await fred.press("Write a note", card!);
    const code = /forge login ([A-Z2-9]{8})/.exec(instructions!.text)![1]!;
    // Fred has linked a wallet (by a signed message or a verification payment, tested elsewhere).
    const fredAccount = (await db.prisma.identity.findFirst({ where: { externalId: "5001" } }))!.accountId;
    const wallet = (await generateKeyPairSigner()).address;
    must(await s.core.linkWallet({ accountId: fredAccount, address: wallet }));

    const env = { PATH: process.env.PATH, HOME: home, FORGE_HOME: home, DISPLAY: display };
    const login = await forge(["login", code, "--server", server], env);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain("Write a note");

    const x = { env: { ...process.env, DISPLAY: display } };
    const record = await forge(["record", "--duration", "9s"], env, () => {
      void (async () => {
        await sleep(800);
        execFileSync("xdotool", ["mousemove", "400", "300", "click", "1"], x);
        await sleep(400);
        execFileSync("xdotool", ["type", "--delay", "120", "hello forge"], x);
        await sleep(600);
        execFileSync("xdotool", ["mousemove", "600", "420", "click", "1"], x);
        for (let i = 0; i < 10; i++) {
          await sleep(450);
          execFileSync("xdotool", ["mousemove", String(300 + i * 30), String(200 + i * 20)], x);
        }
      })();
    });
    expect(record.code, record.stderr).toBe(0);
    const [id] = readdirSync(join(home, "recordings"));

    const processed = await forge(["process", id!], env);
    expect(processed.code, processed.stderr).toBe(0);
    const upload = await forge(["upload", id!], env);
    expect(upload.code, upload.stderr).toBe(0);

    const verdict = await fred.waitFor("Your recording scored", 90_000);
    expect(verdict.text).toContain("Editor skills — Write a note");
    expect(verdict.text).toContain("Breakdown");
    expect(verdict.buttons.map(([label]) => label)).toContain("🔁 Appeal this grade");
    // The DM waited for the payout: it carries the confirmed transaction, on the configured cluster.
    const paidOut = /Earned ([\d.]+) SOL — paid out to (\S+): (\S+)/.exec(verdict.text);
    expect(paidOut, verdict.text).not.toBeNull();
    expect(paidOut![2]).toBe(`${wallet.slice(0, 4)}…${wallet.slice(-4)}`);
    expect(paidOut![3]).toMatch(
      new RegExp(
        `^https://explorer\\.solana\\.com/tx/\\w+\\?cluster=custom&customUrl=${encodeURIComponent(chain.url)}$`,
      ),
    );
    const earned = SOL(Number(paidOut![1]));
    expect(BigInt(chain.svm.getBalance(address(wallet)) ?? 0n)).toBe(earned);

    // The submission is settled through the core.
    const farmer = (
      await db.prisma.$queryRawUnsafe<Array<{ farmer_id: string }>>(
        `SELECT farmer_id FROM submission WHERE factory_id = $1`,
        factory.id,
      )
    )[0]!;
    const [recording] = await s.core.listRecordings(farmer.farmer_id, { offset: 0, limit: 5 });
    expect(recording!.status).toBe("graded");
    const submissions = await s.core.listSubmissions(farmer.farmer_id, { offset: 0, limit: 5 });
    expect(submissions[0]).toMatchObject({ status: "settled", score: recording!.grade!.score });

    // The server's own steps: the click at (400, 300) on video pixels (1280x720 captured 1:1) and the typed text.
    const sft = JSON.parse(
      readFileSync(join(dataDir, "blobs", "recordings", recording!.id.toLowerCase(), "sft.json"), "utf8"),
    ) as { steps: Array<{ kind: string; x?: number; y?: number; text?: string; keyframe: string | null }> };
    const clicks = sft.steps.filter((step) => step.kind === "click");
    expect(clicks[0]).toMatchObject({ x: 400, y: 300 });
    expect(clicks[1]).toMatchObject({ x: 600, y: 420 });
    expect(sft.steps.find((step) => step.kind === "type")?.text).toBe("hello forge");
    expect(clicks[0]!.keyframe).toMatch(/frames\/frame-\d+\.jpg$/);
    // The recorder's local processing agrees with the server's.
    const local = JSON.parse(readFileSync(join(home, "recordings", id!, "sft.json"), "utf8")) as {
      steps: Array<{ kind: string; x?: number; y?: number; text?: string }>;
    };
    const localKeyframe = (local.steps[0] as { keyframe?: string }).keyframe!;
    expect(localKeyframe).toMatch(/^keyframes\/frame-\d+\.jpg$/);
    expect(statSync(join(home, "recordings", id!, localKeyframe)).size).toBeGreaterThan(1_000);
    expect(local.steps.filter((step) => step.kind === "click").map((c) => [c.x, c.y])).toEqual([
      [400, 300],
      [600, 420],
    ]);
  }, 180_000);
});
