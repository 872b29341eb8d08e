// Dataset-token transactions on the local chain, signed as a wallet signs a Solana Pay
// transaction request: the server's builder has already signed with the curve's keys, the
// wallet adds its own signature as fee payer and sends. Launch, buy, sell and burn land with
// exact balance moves; a tampered, repeated or expired transaction, or a sell of tokens the
// wallet does not hold, moves nothing but (for the failed sell) the fee.
import { randomBytes } from "node:crypto";
import {
  AccountRole,
  address,
  appendTransactionMessageInstructions,
  createSolanaRpc,
  createTransactionMessage,
  generateKeyPairSigner,
  getBase64EncodedWireTransaction,
  getBase64Encoder,
  getTransactionDecoder,
  isSolanaError,
  pipe,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransaction,
  signTransactionMessageWithSigners,
  SOLANA_ERROR__INSTRUCTION_ERROR__CUSTOM,
  SOLANA_ERROR__INSTRUCTION_ERROR__MISSING_REQUIRED_SIGNATURE,
  SOLANA_ERROR__JSON_RPC__SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE,
  SOLANA_ERROR__TRANSACTION_ERROR__ALREADY_PROCESSED,
  SOLANA_ERROR__TRANSACTION_ERROR__BLOCKHASH_NOT_FOUND,
  SOLANA_ERROR__TRANSACTION_ERROR__INSUFFICIENT_FUNDS_FOR_RENT,
  SOLANA_ERROR__TRANSACTION_ERROR__SIGNATURE_FAILURE,
  type KeyPairSigner,
  type Transaction,
} from "@solana/kit";
import { getAddMemoInstruction } from "@solana-program/memo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { curveVault, datasetMintKey } from "../../chain/curve-keys.js";
import {
  buildAllocationTransaction,
  buildBuyTransaction,
  buildLaunchTransaction,
  buildSellTransaction,
  buildUnlockBurnTransaction,
  datasetTokenAccount,
  MAX_ALLOCATIONS_PER_TRANSACTION,
  MAX_LAUNCH_ALLOCATIONS,
  MAX_MEMO_BYTES,
  MAX_NAME_BYTES,
  MAX_SYMBOL_BYTES,
  MAX_URI_BYTES,
  readDatasetMint,
  readDatasetTransaction,
  type BuiltDatasetTx,
  type LaunchInput,
} from "../../chain/dataset-token.js";
import { ata } from "../support/chain-payments.js";
import { TEST_MINTS } from "../support/core-deps.js";
import { BLOCKHASH_WINDOW, LocalChain, TOKEN_2022_PROGRAM } from "../support/local-chain.js";

const SOL = 1_000_000_000n;
const TOKEN = 1_000_000n; // 6 decimals
const CLONES = (n: bigint) => n * 10n ** 9n;

describe("dataset tokens: server-built, vault-co-signed Token-2022 transactions", () => {
  const chain = new LocalChain();
  let rpc: ReturnType<typeof createSolanaRpc>;
  let treasury: string;
  const secret = randomBytes(32);
  let tokenCount = 0;

  beforeAll(async () => {
    await chain.start();
    rpc = createSolanaRpc(chain.url);
    treasury = (await generateKeyPairSigner()).address;
    chain.airdrop(treasury, SOL);
    chain.createMint(TEST_MINTS.CLONES, 9, CLONES(1_000_000_000n), (await generateKeyPairSigner()).address);
    chain.setTokenAccount(await ata(treasury, TEST_MINTS.CLONES), TEST_MINTS.CLONES, treasury, 0n);
  });
  afterAll(() => chain.stop());

  const balance = (who: string) => chain.svm.getBalance(address(who)) ?? 0n;
  const rent = async (bytes: number) => (await rpc.getMinimumBalanceForRentExemption(BigInt(bytes)).send()) as bigint;
  const reference = async () => (await generateKeyPairSigner()).address;
  const clonesHeld = async (owner: string) =>
    BigInt((await rpc.getTokenAccountBalance(await ata(owner, TEST_MINTS.CLONES)).send()).value.amount);
  const tokensHeld = async (owner: string, mint: string) =>
    BigInt((await rpc.getTokenAccountBalance(address(await datasetTokenAccount(owner, mint))).send()).value.amount);

  async function wallet(lamports = 10n * SOL, clones = CLONES(1_000n)): Promise<KeyPairSigner> {
    const signer = await generateKeyPairSigner();
    chain.airdrop(signer.address, lamports);
    chain.setTokenAccount(await ata(signer.address, TEST_MINTS.CLONES), TEST_MINTS.CLONES, signer.address, clones);
    return signer;
  }

  const decode = (built: BuiltDatasetTx): Transaction =>
    getTransactionDecoder().decode(getBase64Encoder().encode(built.transaction));

  /** What a wallet does with the served transaction: adds its signature and sends it. */
  async function signAndSend(tx: Transaction, signer: KeyPairSigner, skipPreflight = false): Promise<string> {
    const signed = await signTransaction([signer.keyPair], tx);
    return rpc.sendTransaction(getBase64EncodedWireTransaction(signed), { encoding: "base64", skipPreflight }).send();
  }

  /** Why the RPC refused a send at preflight: the transaction error kit reports as the cause. */
  async function refusal(sending: Promise<unknown>): Promise<unknown> {
    const error = await sending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isSolanaError(error, SOLANA_ERROR__JSON_RPC__SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE)).toBe(true);
    return (error as Error).cause;
  }

  const fetchTx = async (signature: string) =>
    (await rpc
      .getTransaction(signature as never, {
        encoding: "base64",
        maxSupportedTransactionVersion: 0,
        commitment: "confirmed",
      })
      .send())!;

  interface Curve {
    vault: KeyPairSigner;
    mint: string;
    creator: KeyPairSigner;
  }

  function launchInput(
    creator: KeyPairSigner,
    keys: { vault: KeyPairSigner; mint: KeyPairSigner },
    allocations: LaunchInput["allocations"],
    ref: string,
  ): LaunchInput {
    return {
      account: creator.address,
      ...keys,
      name: "Drone footage, 40 h",
      symbol: "DRONE",
      uri: "https://forge.example.com/d/drone",
      decimals: 6,
      allocations,
      launchFee: { solLamports: SOL / 20n, clones: { mint: TEST_MINTS.CLONES, decimals: 9, units: CLONES(100n) } },
      vaultRentLamports: 890_880n,
      treasury,
      reference: ref,
      memo: `forge:dtlaunch:token${tokenCount}`,
    };
  }

  async function launched(): Promise<Curve> {
    const id = `token-${++tokenCount}`;
    const keys = { vault: await curveVault(secret, id), mint: await datasetMintKey(secret, id) };
    const creator = await wallet();
    const input = launchInput(creator, keys, [{ owner: creator.address, units: 1_000n * TOKEN }], await reference());
    await signAndSend(decode(await buildLaunchTransaction(chain.url, input)), creator);
    return { vault: keys.vault, mint: keys.mint.address, creator };
  }

  it("GIVEN one secret THEN each token id derives its own vault and mint keys, the same every time, and the two differ", async () => {
    const again = await curveVault(secret, "token-a");
    expect(again.address).toBe((await curveVault(secret, "token-a")).address);
    expect(again.address).not.toBe((await curveVault(secret, "token-b")).address);
    expect(again.address).not.toBe((await datasetMintKey(secret, "token-a")).address);
    expect(again.address).not.toBe((await curveVault(randomBytes(32), "token-a")).address);
    await expect(curveVault(new Uint8Array(16), "token-a")).rejects.toThrow(/32 bytes/);
  });

  it("GIVEN a launch with a SOL + CLONES fee and the creator's allocation, then an allocation to a partner WHEN the creator's wallet signs both THEN the mint carries its metadata, the vault its authority and rent, and every lamport is accounted for", async () => {
    const keys = { vault: await curveVault(secret, "launch"), mint: await datasetMintKey(secret, "launch") };
    const creator = await wallet();
    const partner = (await generateKeyPairSigner()).address;
    const ref = await reference();
    const input = launchInput(creator, keys, [{ owner: creator.address, units: 700n * TOKEN }], ref);
    const before = {
      creator: balance(creator.address),
      treasury: balance(treasury),
      clones: await clonesHeld(treasury),
    };
    const built = await buildLaunchTransaction(chain.url, input);
    const signature = await signAndSend(decode(built), creator);
    const allocation = await buildAllocationTransaction(chain.url, {
      account: creator.address,
      vault: keys.vault,
      mint: keys.mint.address,
      decimals: 6,
      allocations: [{ owner: partner, units: 300n * TOKEN }],
      treasury,
      reference: await reference(),
      memo: "forge:dtalloc:launch-1",
    });
    const allocated = await fetchTx(await signAndSend(decode(allocation), creator));
    expect(readDatasetTransaction(allocated)).toMatchObject({ succeeded: true, messageHash: allocation.messageHash });

    expect(await readDatasetMint(chain.url, keys.mint.address)).toEqual({
      supply: 1_000n * TOKEN,
      decimals: 6,
      mintAuthority: keys.vault.address,
      name: "Drone footage, 40 h",
      symbol: "DRONE",
      uri: "https://forge.example.com/d/drone",
    });
    expect(await tokensHeld(creator.address, keys.mint.address)).toBe(700n * TOKEN);
    expect(await tokensHeld(partner, keys.mint.address)).toBe(300n * TOKEN);
    expect(balance(treasury) - before.treasury).toBe(SOL / 20n);
    expect((await clonesHeld(treasury)) - before.clones).toBe(CLONES(100n));
    expect(await clonesHeld(creator.address)).toBe(CLONES(900n));
    expect(balance(keys.vault.address)).toBe(890_880n);

    const tx = await fetchTx(signature);
    expect(readDatasetTransaction(tx)).toEqual({
      memo: input.memo,
      messageHash: built.messageHash,
      succeeded: true,
      signature,
    });
    expect(tx.meta!.fee).toBe(15_000n); // three signatures: wallet, vault, mint
    const mintRent = balance(keys.mint.address);
    const ataRent = await rent(170); // a Token-2022 account with its ImmutableOwner extension
    expect(allocated.meta!.fee).toBe(10_000n);
    expect(before.creator - balance(creator.address)).toBe(
      890_880n + SOL / 20n + mintRent + ataRent + 15_000n + (ataRent + 10_000n),
    );
    // The treasury and the reference are in the keys, so the treasury's signature scan finds it.
    const byTreasury = await rpc.getSignaturesForAddress(address(treasury)).send();
    expect(byTreasury.map((s) => s.signature)).toContain(signature);
    const byReference = await rpc.getSignaturesForAddress(address(ref)).send();
    expect(byReference.map((s) => s.signature)).toEqual([signature]);
    // The local chain reports Token-2022 balances (accounts longer than 165 bytes) like the cluster.
    expect(allocated.meta!.postTokenBalances).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          mint: keys.mint.address,
          owner: partner,
          programId: TOKEN_2022_PROGRAM,
          uiTokenAmount: expect.objectContaining({ amount: String(300n * TOKEN) }),
        }),
      ]),
    );
    expect(BigInt((await rpc.getTokenSupply(keys.mint.address).send()).value.amount)).toBe(1_000n * TOKEN);
  });

  it("GIVEN a launched token WHEN a buyer buys, sells half and burns some to download THEN SOL and tokens move exactly as the server priced them", async () => {
    const { vault, mint, creator } = await launched();
    const buyer = await wallet();
    const common = { account: buyer.address, vault, mint, decimals: 6, treasury, creatorWallet: creator.address };

    let before = { buyer: balance(buyer.address), vault: balance(vault.address), creator: balance(creator.address) };
    const buy = await buildBuyTransaction(chain.url, {
      ...common,
      netLamports: SOL / 10n,
      feeLamports: SOL / 1_000n,
      tokensOut: 50n * TOKEN,
      reference: await reference(),
      memo: "forge:dtbuy:b1",
    });
    const bought = await fetchTx(await signAndSend(decode(buy), buyer));
    expect(bought.meta!.fee).toBe(10_000n);
    expect(readDatasetTransaction(bought)).toMatchObject({ memo: "forge:dtbuy:b1", messageHash: buy.messageHash });
    const ataRent = await rent(170);
    expect(before.buyer - balance(buyer.address)).toBe(SOL / 10n + SOL / 1_000n + 10_000n + ataRent);
    expect(balance(vault.address) - before.vault).toBe(SOL / 10n);
    expect(balance(creator.address) - before.creator).toBe(SOL / 1_000n);
    expect(await tokensHeld(buyer.address, mint)).toBe(50n * TOKEN);
    expect((await readDatasetMint(chain.url, mint))!.supply).toBe(1_050n * TOKEN);

    before = { buyer: balance(buyer.address), vault: balance(vault.address), creator: balance(creator.address) };
    const sell = await buildSellTransaction(chain.url, {
      ...common,
      tokensIn: 25n * TOKEN,
      lamportsOut: SOL / 25n,
      feeLamports: SOL / 2_000n,
      reference: await reference(),
      memo: "forge:dtsell:s1",
    });
    const sold = await fetchTx(await signAndSend(decode(sell), buyer));
    expect(readDatasetTransaction(sold)).toMatchObject({ memo: "forge:dtsell:s1", succeeded: true });
    expect(balance(buyer.address) - before.buyer).toBe(SOL / 25n - 10_000n);
    expect(before.vault - balance(vault.address)).toBe(SOL / 25n + SOL / 2_000n);
    expect(balance(creator.address) - before.creator).toBe(SOL / 2_000n);
    expect(await tokensHeld(buyer.address, mint)).toBe(25n * TOKEN);
    expect((await readDatasetMint(chain.url, mint))!.supply).toBe(1_025n * TOKEN);

    before = { buyer: balance(buyer.address), vault: balance(vault.address), creator: balance(creator.address) };
    const unlock = await buildUnlockBurnTransaction(chain.url, {
      account: buyer.address,
      vault,
      mint,
      decimals: 6,
      units: 5n * TOKEN,
      treasury,
      reference: await reference(),
      memo: "forge:dtunlock:u1",
    });
    const burned = await fetchTx(await signAndSend(decode(unlock), buyer));
    expect(readDatasetTransaction(burned)).toMatchObject({
      memo: "forge:dtunlock:u1",
      messageHash: unlock.messageHash,
    });
    expect((await readDatasetMint(chain.url, mint))!.supply).toBe(1_020n * TOKEN);
    expect(await tokensHeld(buyer.address, mint)).toBe(20n * TOKEN);
    expect(before.buyer - balance(buyer.address)).toBe(10_000n);
    expect(balance(vault.address)).toBe(before.vault);
  });

  it("GIVEN a served buy WHEN one byte of its amount is changed after the server signed THEN the chain refuses it and nothing moves", async () => {
    const { vault, mint, creator } = await launched();
    const buyer = await wallet();
    const built = await buildBuyTransaction(chain.url, {
      account: buyer.address,
      vault,
      mint,
      decimals: 6,
      netLamports: 123_456_789n,
      feeLamports: 0n,
      creatorWallet: creator.address,
      tokensOut: 10n * TOKEN,
      treasury,
      reference: await reference(),
      memo: "forge:dtbuy:tamper",
    });
    const tx = decode(built);
    const amount = new Uint8Array(8);
    new DataView(amount.buffer).setBigUint64(0, 123_456_789n, true);
    const bytes = Uint8Array.from(tx.messageBytes);
    const at = Buffer.from(bytes).indexOf(Buffer.from(amount));
    expect(at).toBeGreaterThan(0);
    bytes[at] = 0x01; // 123456789 -> 123456513: cheaper tokens
    const tampered = { ...tx, messageBytes: bytes as unknown as Transaction["messageBytes"] };
    const before = { buyer: balance(buyer.address), vault: balance(vault.address) };
    const why = await refusal(signAndSend(tampered, buyer));
    expect(isSolanaError(why, SOLANA_ERROR__TRANSACTION_ERROR__SIGNATURE_FAILURE)).toBe(true);
    const skipped = await signAndSend(tampered, buyer, true); // an RPC that skips preflight: still not committed
    expect((await rpc.getSignatureStatuses([skipped as never]).send()).value[0]).toBeNull();
    expect(balance(buyer.address)).toBe(before.buyer);
    expect(balance(vault.address)).toBe(before.vault);
  });

  it("GIVEN a served buy WHEN the wallet sends it twice THEN it lands once; WHEN it is sent after its blockhash expired THEN it is refused", async () => {
    const { vault, mint, creator } = await launched();
    const buyer = await wallet();
    const buy = async (memo: string) =>
      decode(
        await buildBuyTransaction(chain.url, {
          account: buyer.address,
          vault,
          mint,
          decimals: 6,
          netLamports: SOL / 100n,
          feeLamports: 0n,
          creatorWallet: creator.address,
          tokensOut: 7n * TOKEN,
          treasury,
          reference: await reference(),
          memo,
        }),
      );
    const once = await buy("forge:dtbuy:twice");
    const vaultBefore = balance(vault.address);
    const first = await signAndSend(once, buyer, true);
    const second = await signAndSend(once, buyer, true);
    expect(second).toBe(first);
    const twice = await refusal(signAndSend(once, buyer));
    expect(isSolanaError(twice, SOLANA_ERROR__TRANSACTION_ERROR__ALREADY_PROCESSED)).toBe(true);
    expect(await tokensHeld(buyer.address, mint)).toBe(7n * TOKEN);
    expect(balance(vault.address) - vaultBefore).toBe(SOL / 100n);

    const late = await buy("forge:dtbuy:late");
    chain.advanceBlocks(BLOCKHASH_WINDOW + 1);
    const buyerBefore = balance(buyer.address);
    const expired = await refusal(signAndSend(late, buyer));
    expect(isSolanaError(expired, SOLANA_ERROR__TRANSACTION_ERROR__BLOCKHASH_NOT_FOUND)).toBe(true);
    const skipped = await signAndSend(late, buyer, true);
    expect((await rpc.getSignatureStatuses([skipped as never]).send()).value[0]).toBeNull();
    expect(balance(buyer.address)).toBe(buyerBefore);
    expect(await tokensHeld(buyer.address, mint)).toBe(7n * TOKEN);
  });

  it("GIVEN a wallet holding 20 tokens WHEN it signs a sell of 30 THEN preflight refuses it for free, and sent without preflight it fails on chain, paying only its 10,000-lamport fee", async () => {
    const { vault, mint, creator } = await launched();
    const seller = await wallet();
    await signAndSend(
      decode(
        await buildBuyTransaction(chain.url, {
          account: seller.address,
          vault,
          mint,
          decimals: 6,
          netLamports: SOL / 10n,
          feeLamports: 0n,
          creatorWallet: creator.address,
          tokensOut: 20n * TOKEN,
          treasury,
          reference: await reference(),
          memo: "forge:dtbuy:seller",
        }),
      ),
      seller,
    );
    const sell = await buildSellTransaction(chain.url, {
      account: seller.address,
      vault,
      mint,
      decimals: 6,
      tokensIn: 30n * TOKEN,
      lamportsOut: SOL / 20n,
      feeLamports: SOL / 1_000n,
      creatorWallet: creator.address,
      treasury,
      reference: await reference(),
      memo: "forge:dtsell:toomuch",
    });
    const before = {
      seller: balance(seller.address),
      vault: balance(vault.address),
      creator: balance(creator.address),
    };
    const short = await refusal(signAndSend(decode(sell), seller));
    expect(isSolanaError(short, SOLANA_ERROR__INSTRUCTION_ERROR__CUSTOM)).toBe(true); // Token-2022: insufficient funds
    expect(balance(seller.address)).toBe(before.seller);

    const signature = await signAndSend(decode(sell), seller, true);
    const failed = await fetchTx(signature);
    expect(failed.meta!.err).not.toBeNull();
    expect(readDatasetTransaction(failed)).toMatchObject({ succeeded: false, messageHash: sell.messageHash });
    expect(before.seller - balance(seller.address)).toBe(10_000n);
    expect(balance(vault.address)).toBe(before.vault);
    expect(balance(creator.address)).toBe(before.creator);
    expect(await tokensHeld(seller.address, mint)).toBe(20n * TOKEN);
  });

  it(`GIVEN the longest name, symbol, uri and memo and a CLONES fee THEN a launch holds ${MAX_LAUNCH_ALLOCATIONS} allocation and an allocation transaction ${MAX_ALLOCATIONS_PER_TRANSACTION}, one more fits in neither, and the builders refuse it`, async () => {
    const id = "max-allocations";
    const keys = { vault: await curveVault(secret, id), mint: await datasetMintKey(secret, id) };
    const mint = keys.mint.address;
    const creator = await wallet();
    const owners = await Promise.all(
      Array.from(
        { length: MAX_LAUNCH_ALLOCATIONS + MAX_ALLOCATIONS_PER_TRANSACTION + 1 },
        async () => (await generateKeyPairSigner()).address,
      ),
    );
    const longest = { memo: "m".repeat(MAX_MEMO_BYTES), treasury };
    const launch = async (n: number): Promise<LaunchInput> => ({
      ...launchInput(
        creator,
        keys,
        owners.slice(0, n).map((owner) => ({ owner, units: TOKEN })),
        await reference(),
      ),
      name: "N".repeat(MAX_NAME_BYTES),
      symbol: "S".repeat(MAX_SYMBOL_BYTES),
      uri: "u".repeat(MAX_URI_BYTES),
      ...longest,
    });
    const more = async (n: number) => ({
      account: creator.address,
      vault: keys.vault,
      mint,
      decimals: 6,
      allocations: owners
        .slice(MAX_LAUNCH_ALLOCATIONS, MAX_LAUNCH_ALLOCATIONS + n)
        .map((owner) => ({ owner, units: TOKEN })),
      reference: await reference(),
      ...longest,
    });
    const size = (built: BuiltDatasetTx) => getBase64Encoder().encode(built.transaction).length;
    const atMax = await buildAllocationTransaction(chain.url, await more(MAX_ALLOCATIONS_PER_TRANSACTION));
    const perAllocation =
      size(atMax) - size(await buildAllocationTransaction(chain.url, await more(MAX_ALLOCATIONS_PER_TRANSACTION - 1)));
    expect(perAllocation).toBe(90); // owner + token account keys, create-account and mint instructions
    expect(size(atMax)).toBeLessThanOrEqual(1232);
    expect(size(atMax) + perAllocation).toBeGreaterThan(1232);
    const launchAtMax = await buildLaunchTransaction(chain.url, await launch(MAX_LAUNCH_ALLOCATIONS));
    expect(size(launchAtMax)).toBeLessThanOrEqual(1232);
    expect(size(launchAtMax) + perAllocation).toBeGreaterThan(1232);

    await expect(buildLaunchTransaction(chain.url, await launch(MAX_LAUNCH_ALLOCATIONS + 1))).rejects.toThrow(
      `a launch mints to at most ${MAX_LAUNCH_ALLOCATIONS} owners in one transaction, asked for ${MAX_LAUNCH_ALLOCATIONS + 1}`,
    );
    await expect(
      buildAllocationTransaction(chain.url, await more(MAX_ALLOCATIONS_PER_TRANSACTION + 1)),
    ).rejects.toThrow(
      `mints to 1 to ${MAX_ALLOCATIONS_PER_TRANSACTION} owners, asked for ${MAX_ALLOCATIONS_PER_TRANSACTION + 1}`,
    );
    const tooLong = { ...(await launch(1)), name: "N".repeat(MAX_NAME_BYTES + 1) };
    await expect(buildLaunchTransaction(chain.url, tooLong)).rejects.toThrow(`name is ${MAX_NAME_BYTES + 1} bytes`);

    await signAndSend(decode(launchAtMax), creator);
    const allocated = await fetchTx(await signAndSend(decode(atMax), creator));
    expect(readDatasetTransaction(allocated)).toMatchObject({ succeeded: true, messageHash: atMax.messageHash });
    const total = MAX_LAUNCH_ALLOCATIONS + MAX_ALLOCATIONS_PER_TRANSACTION;
    expect(await readDatasetMint(chain.url, mint)).toMatchObject({
      supply: BigInt(total) * TOKEN,
      name: "N".repeat(MAX_NAME_BYTES),
      uri: "u".repeat(MAX_URI_BYTES),
    });
    for (const owner of owners.slice(0, total)) expect(await tokensHeld(owner, mint)).toBe(TOKEN);
  });

  it("GIVEN the Memo program WHEN its instruction carries a key that does not sign THEN it fails, which is why the reference and the treasury ride on the next instruction", async () => {
    const payer = await wallet();
    const memo = getAddMemoInstruction({ memo: "forge:probe", signers: [payer] });
    const withKey = {
      ...memo,
      accounts: [...(memo.accounts ?? []), { address: address(treasury), role: AccountRole.READONLY }],
    };
    const { value: lifetime } = await rpc.getLatestBlockhash().send();
    const message = pipe(
      createTransactionMessage({ version: 0 }),
      (m) => setTransactionMessageFeePayerSigner(payer, m),
      (m) => setTransactionMessageLifetimeUsingBlockhash(lifetime, m),
      (m) => appendTransactionMessageInstructions([withKey], m),
    );
    const signed = await signTransactionMessageWithSigners(message);
    const send = rpc.sendTransaction(getBase64EncodedWireTransaction(signed), { encoding: "base64" }).send();
    expect(isSolanaError(await refusal(send), SOLANA_ERROR__INSTRUCTION_ERROR__MISSING_REQUIRED_SIGNATURE)).toBe(true);
  });

  it("GIVEN a creator wallet with no lamports on chain WHEN a buy pays it a fee below the rent-exempt minimum THEN the whole buy is refused (InsufficientFundsForRent)", async () => {
    const { vault, mint } = await launched();
    const buyer = await wallet();
    const emptyCreator = (await generateKeyPairSigner()).address;
    const built = await buildBuyTransaction(chain.url, {
      account: buyer.address,
      vault,
      mint,
      decimals: 6,
      netLamports: SOL / 100n,
      feeLamports: 5_000n,
      creatorWallet: emptyCreator,
      tokensOut: TOKEN,
      treasury,
      reference: await reference(),
      memo: "forge:dtbuy:norent",
    });
    const before = balance(buyer.address);
    const why = await refusal(signAndSend(decode(built), buyer));
    expect(isSolanaError(why, SOLANA_ERROR__TRANSACTION_ERROR__INSUFFICIENT_FUNDS_FOR_RENT)).toBe(true);
    const failed = await fetchTx(await signAndSend(decode(built), buyer, true));
    expect(failed.meta!.err).toMatchObject({ InsufficientFundsForRent: expect.anything() });
    expect(before - balance(buyer.address)).toBe(10_000n);
    expect(balance(emptyCreator)).toBe(0n);
  });
});
