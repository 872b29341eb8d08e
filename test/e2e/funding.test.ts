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
let clones: string;
let treasury: string;
let vault: string;
const dataDir = mkdtempSync(join(tmpdir(), "forge-fund-e2e-"));

beforeAll(async () => {
  await chain.start();
  emulator = await startEmulator();
  treasury = (await generateKeyPairSigner()).address;
  vault = (await generateKeyPairSigner()).address;
  chain.airdrop(treasury, 1_000_000_000n); // a live treasury holds SOL, so small payments to it are rent-safe
  usdc = (await generateKeyPairSigner()).address;
  clones = (await generateKeyPairSigner()).address;
  chain.createMint(usdc, 6, 10n ** 15n, (await generateKeyPairSigner()).address);
  chain.createMint(clones, 9, 1_000_000_000n * 10n ** 9n, (await generateKeyPairSigner()).address);
  chain.setTokenAccount(await ata(treasury, usdc), usdc, treasury, 0n);
  chain.setTokenAccount(await ata(vault, clones), clones, vault, 0n);
  chain.setTokenAccount(await ata(treasury, clones), clones, treasury, 0n);
  app = await startBotProcess(
    {
      DATA_DIR: dataDir,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      SOLANA_RPC_URL: chain.url,
      SOLANA_WS_URL: chain.wsUrl,
      TREASURY_ADDRESS: treasury,
      STAKING_VAULT_ADDRESS: vault,
      USDC_MINT: usdc,
      CLONES_MINT: clones,
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
  chain.holdConfirmations = true; // the cluster votes when the test says so
  await pay(chain, wallet, {
    recipient: treasury,
    amount: 25_000_000n,
    splToken: { mint: usdc, decimals: 6 },
    references: [reference],
    memo: parsed.searchParams.get("memo") ?? undefined,
  });

  // waiting → seen: processed but not confirmed, the message says so and nothing is credited yet.
  const seen = await carol.waitFor("Payment seen on chain");
  expect(seen.messageId).toBe(request!.messageId);
  expect(seen.text).toMatch(/explorer\.solana\.com\/tx\/\w+/);
  expect(await carol.replies(1, 1_500).catch(() => [])).toEqual([]); // no "Payment received" before confirmation
  chain.confirm();

  const answers = await carol.replies(2, 20_000);
  const dm = answers.find((m) => m.text.includes("Payment received"));
  expect(dm!.text).toContain("Payment received: 25 USDC for Spreadsheet skills");
  expect(dm!.text).toContain("Pool now: 25 USDC");
  expect(dm!.text).toMatch(/Transaction: https:\/\/explorer\.solana\.com\/tx\/\w+/);
  // The request message itself now says it was paid.
  const updated = answers.find((m) => m.messageId === request!.messageId);
  expect(updated?.text).toMatch(/✅ Paid(:| and finalized on chain:) 25 USDC received/);
  // …and once the chain finalizes it, the message says so (waiting → paid → finalized).
  chain.finalize();
  chain.holdConfirmations = false;
  const final = updated?.text.includes("finalized") ? updated : await carol.waitFor("finalized");
  expect(final!.messageId).toBe(request!.messageId);
  const [refreshed] = await carol.send("/factories");
  const [cardAfter] = await carol.press("Spreadsheet skills", refreshed!);
  expect(cardAfter!.text).toContain("available 25 USDC");
}, 120_000);

/** The Solana Pay URL behind a request message's "Open in wallet" button. */
function requestOf(message: { messageId: number; buttons: Array<[string, string]> }) {
  const url = message.buttons.find(([label]) => label.includes("Open in wallet"))![1];
  const parsed = new URL(url.replace("solana:", "solana://"));
  return {
    messageId: message.messageId,
    url,
    recipient: url.slice("solana:".length).split("?")[0]!,
    amount: parsed.searchParams.get("amount")!,
    splToken: parsed.searchParams.get("spl-token"),
    reference: parsed.searchParams.get("reference")!,
  };
}

it("SOL and CLONES funding, a wallet linked by a verification payment and a stake that raises the tier, all through the bot", async () => {
  const transcript: string[] = [];
  const dan = new Person(emulator.server, 5001, "Dan", transcript);
  // A SOL factory.
  await dan.send("/newfactory");
  await dan.send("SOL skills");
  await dan.send("Agents paid in SOL");
  const [tokenQuestion] = await dan.send("Open a terminal: run ls");
  await dan.press("SOL", tokenQuestion!);
  await dan.send("0.01");
  await dan.send("50");
  await dan.press("Create it", (await dan.send("none"))[0]!);
  const [card] = await dan.press("SOL skills", (await dan.send("/factories"))[0]!);
  await dan.press("Fund", card!);
  const sol = requestOf((await dan.send("0.5"))[0]!);
  expect(sol).toMatchObject({ recipient: treasury, amount: "0.5", splToken: null });
  const wallet = await newWallet(chain);
  await pay(chain, wallet, { recipient: treasury, amount: 500_000_000n, references: [sol.reference] });
  // The DM and the request's own message, in either order (one message a second per chat).
  const [solDm, solFinal] = await dan.waitForAll(["Payment received", "finalized on chain: 0.5 SOL received"]);
  expect(solDm!.text).toContain("Payment received: 0.5 SOL for SOL skills. Pool now: 0.5 SOL.");
  expect(solFinal!.messageId).toBe(sol.messageId);

  // A CLONES factory funded the same way.
  await dan.send("/newfactory");
  await dan.send("CLONES skills");
  await dan.send("Agents paid in CLONES");
  const [clonesToken] = await dan.send("Open a browser: visit a page");
  await dan.press("CLONES", clonesToken!);
  await dan.send("10");
  await dan.send("50");
  await dan.press("Create it", (await dan.send("none"))[0]!);
  const [clonesCard] = await dan.press("CLONES skills", (await dan.send("/factories"))[0]!);
  await dan.press("Fund", clonesCard!);
  const clonesRequest = requestOf((await dan.send("5000"))[0]!);
  expect(clonesRequest).toMatchObject({ recipient: treasury, amount: "5000", splToken: clones });
  chain.setTokenAccount(await ata(wallet.address, clones), clones, wallet.address, 10n ** 16n);
  await pay(chain, wallet, {
    recipient: treasury,
    amount: 5000n * 10n ** 9n,
    splToken: { mint: clones, decimals: 9 },
    references: [clonesRequest.reference],
  });
  const [clonesDm] = await dan.waitForAll(["for CLONES skills", "finalized on chain: 5000 CLONES received"]);
  expect(clonesDm!.text).toContain("Payment received: 5000 CLONES for CLONES skills. Pool now: 5000 CLONES.");

  // Linking the wallet that pays a tiny verification request.
  const [walletScreen] = await dan.send("/wallet");
  const verify = requestOf((await dan.press("Link a wallet", walletScreen!))[0]!);
  expect(verify.amount).toBe("0.000001");
  await pay(chain, wallet, { recipient: treasury, amount: 1_000n, references: [verify.reference] });
  const [linked] = await dan.waitForAll(["is now linked", "finalized on chain: 0.000001 SOL received"]);
  expect(linked!.text).toContain("wallet verification");
  expect((await dan.send("/wallet"))[0]!.text).toContain(wallet.address);

  // Staking 2,000,000 CLONES (0.2% of the supply) makes tier 2.
  const [tier] = await dan.send("/tier");
  expect(tier!.text).toContain("Staking tier 0");
  await dan.press("Stake CLONES", tier!);
  const stake = requestOf((await dan.send("2000000"))[0]!);
  expect(stake).toMatchObject({ recipient: vault, splToken: clones });
  chain.setTokenAccount(await ata(wallet.address, clones), clones, wallet.address, 10n ** 16n);
  await pay(chain, wallet, {
    recipient: vault,
    amount: 2_000_000n * 10n ** 9n,
    splToken: { mint: clones, decimals: 9 },
    references: [stake.reference],
  });
  expect((await dan.waitFor("for your stake")).text).toContain("Payment received: 2000000 CLONES for your stake");
  expect((await dan.send("/tier"))[0]!.text).toContain("Staking tier 2");
}, 150_000);
