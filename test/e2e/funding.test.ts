// End to end, money in: the bot process and a worker process against the Bot API emulator and
// the local chain. A creator asks to fund a factory with 25 USDC, a test wallet pays the
// Solana Pay URL, the watcher credits the pool and the creator gets a DM.
import { generateKeyPairSigner } from "@solana/kit";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ata, newWallet, pay } from "../support/chain-payments.js";
import { LocalChain } from "../support/local-chain.js";
import { Person, startBotProcess, startEmulator, type BotProcess } from "../support/telegram-emulator.js";

const chain = new LocalChain();
let emulator: Awaited<ReturnType<typeof startEmulator>>;
let app: BotProcess;
let usdc: string;
let treasury: string;
const dataDir = mkdtempSync(join(tmpdir(), "forge-fund-e2e-"));

beforeAll(async () => {
  await chain.start();
  emulator = await startEmulator();
  treasury = (await generateKeyPairSigner()).address;
  usdc = (await generateKeyPairSigner()).address;
  chain.createMint(usdc, 6, 10n ** 15n, (await generateKeyPairSigner()).address);
  chain.setTokenAccount(await ata(treasury, usdc), usdc, treasury, 0n);
  app = await startBotProcess(
    {
      DATA_DIR: dataDir,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      SOLANA_RPC_URL: chain.url,
      TREASURY_ADDRESS: treasury,
      USDC_MINT: usdc,
      PAYMENT_POLL_MS: "300",
    },
    "bot,worker",
  );
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await emulator?.stop();
  await chain.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it("a creator funds a factory with 25 USDC through a Solana Pay link, the pool shows it and the creator is told", async () => {
  const transcript: string[] = [];
  const carol = new Person(emulator.server, 4001, "Carol", transcript);
  await carol.send("/newfactory");
  await carol.send("Spreadsheet skills");
  await carol.send("Teach agents to work in spreadsheets");
  const [tokenQuestion] = await carol.send("Sum a column: sum column B");
  const [reward] = await carol.press("USDC", tokenQuestion!);
  expect(reward!.text).toContain("in USDC");
  await carol.send("1");
  await carol.send("50");
  const [confirm] = await carol.send("none");
  await carol.press("Create it", confirm!);
  const [list] = await carol.send("/factories");
  const [card] = await carol.press("Spreadsheet skills", list!);
  const [ask] = await carol.press("Fund", card!);
  expect(ask!.text).toContain("How much USDC");
  const [request] = await carol.send("25");
  const url = request!.buttons.find(([label]) => label.includes("Open in wallet"))![1];
  const parsed = new URL(url.replace("solana:", "solana://"));
  expect(url.startsWith(`solana:${treasury}?`)).toBe(true);
  expect(parsed.searchParams.get("amount")).toBe("25");
  expect(parsed.searchParams.get("spl-token")).toBe(usdc);
  const reference = parsed.searchParams.get("reference")!;

  const wallet = await newWallet(chain);
  chain.setTokenAccount(await ata(wallet.address, usdc), usdc, wallet.address, 100_000_000n);
  await pay(chain, wallet, {
    recipient: treasury,
    amount: 25_000_000n,
    splToken: { mint: usdc, decimals: 6 },
    references: [reference],
    memo: parsed.searchParams.get("memo") ?? undefined,
  });

  const [dm] = await carol.replies(1, 20_000);
  expect(dm!.text).toContain("Payment received: 25 USDC for Spreadsheet skills");
  expect(dm!.text).toContain("Pool now: 25 USDC");
  const [refreshed] = await carol.send("/factories");
  const [cardAfter] = await carol.press("Spreadsheet skills", refreshed!);
  expect(cardAfter!.text).toContain("available 25 USDC");
}, 120_000);
