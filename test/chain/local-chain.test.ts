import {
  AccountRole,
  address,
  appendTransactionMessageInstructions,
  compressTransactionMessageUsingAddressLookupTables,
  createSolanaRpc,
  createSolanaRpcSubscriptions,
  createTransactionMessage,
  generateKeyPairSigner,
  getBase64EncodedWireTransaction,
  getBase64Encoder,
  getCompiledTransactionMessageDecoder,
  getSignatureFromTransaction,
  getTransactionDecoder,
  isSolanaError,
  pipe,
  sendAndConfirmTransactionFactory,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
  SOLANA_ERROR__JSON_RPC__SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE,
  SOLANA_ERROR__TRANSACTION_ERROR__BLOCKHASH_NOT_FOUND,
  type Blockhash,
  type Instruction,
  type KeyPairSigner,
} from "@solana/kit";
import { getTransferSolInstruction } from "@solana-program/system";
import { getTransferCheckedInstruction } from "@solana-program/token";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeTransfers } from "../../chain/decode-transfers.js";
import { ata, newWallet, pay } from "../support/chain-payments.js";
import { ADDRESS_LOOKUP_TABLE_PROGRAM, BLOCKHASH_WINDOW, LocalChain } from "../support/local-chain.js";

describe("the local chain (LiteSVM behind JSON-RPC) as @solana/kit sees it", () => {
  const chain = new LocalChain();
  let rpc: ReturnType<typeof createSolanaRpc>;
  let usdc: string;
  beforeAll(async () => {
    await chain.start();
    rpc = createSolanaRpc(chain.url);
    usdc = (await generateKeyPairSigner()).address;
    chain.createMint(usdc, 6, 1_000_000_000_000n, (await generateKeyPairSigner()).address);
  });
  afterAll(() => chain.stop());

  it("a SOL payment with a reference and a memo shows up by the treasury's and the reference's signatures, with balances", async () => {
    const payer = await newWallet(chain);
    const treasury = (await generateKeyPairSigner()).address;
    const reference = (await generateKeyPairSigner()).address;
    const signature = await pay(chain, payer, {
      recipient: treasury,
      amount: 25_000_000n,
      references: [reference],
      memo: "fund F1",
    });
    const byTreasury = await rpc.getSignaturesForAddress(address(treasury)).send();
    expect(byTreasury.map((s) => s.signature)).toEqual([signature]);
    expect((await rpc.getSignaturesForAddress(address(reference)).send()).map((s) => s.signature)).toEqual([signature]);
    const tx = await rpc
      .getTransaction(signature as never, { encoding: "base64", maxSupportedTransactionVersion: 0 })
      .send();
    expect(tx?.meta?.err).toBeNull();
    expect(Number((await rpc.getBalance(address(treasury)).send()).value)).toBe(25_000_000);
    const keys = tx!.meta!.postBalances.map((b, i) => Number(b) - Number(tx!.meta!.preBalances[i]));
    expect(keys).toContain(25_000_000);
  });

  it("an SPL transfer in a v0 transaction moves tokens between associated token accounts", async () => {
    const payer = await newWallet(chain);
    const treasury = (await generateKeyPairSigner()).address;
    chain.setTokenAccount(await ata(payer.address, usdc), usdc, payer.address, 100_000_000n);
    chain.setTokenAccount(await ata(treasury, usdc), usdc, treasury, 0n);
    const signature = await pay(chain, payer, {
      recipient: treasury,
      amount: 25_000_000n,
      splToken: { mint: usdc, decimals: 6 },
      version: 0,
    });
    const tx = await rpc
      .getTransaction(signature as never, { encoding: "base64", maxSupportedTransactionVersion: 0 })
      .send();
    expect(Number(tx?.version)).toBe(0);
    const post = tx!.meta!.postTokenBalances!.find((b) => b.owner === treasury);
    expect(post?.uiTokenAmount.amount).toBe("25000000");
    expect((await rpc.getTokenAccountBalance(await ata(treasury, usdc)).send()).value.amount).toBe("25000000");
    expect((await rpc.getTokenSupply(address(usdc)).send()).value.amount).toBe("1000000000000");
  });

  it("a failed transaction is recorded with its error and moves nothing", async () => {
    const payer = await newWallet(chain, 1_000_000n);
    const treasury = (await generateKeyPairSigner()).address;
    const signature = await pay(chain, payer, { recipient: treasury, amount: 5_000_000_000n });
    const tx = await rpc
      .getTransaction(signature as never, { encoding: "base64", maxSupportedTransactionVersion: 0 })
      .send();
    expect(tx?.meta?.err).not.toBeNull();
    expect(Number((await rpc.getBalance(address(treasury)).send()).value)).toBe(0);
  });
});

describe("CLONES supply for stake tiers", () => {
  it("is read from the mint, cached, and kept through an RPC outage, saying which mint and when it was read", async () => {
    const { mintSupply } = await import("../../chain/supply.js");
    const chain = await new LocalChain().start();
    const mint = (await generateKeyPairSigner()).address;
    chain.createMint(mint, 9, 1_000_000_000n * 10n ** 9n, mint);
    let clock = 1_000;
    const supply = mintSupply(chain.url, mint, 1000, () => clock);
    const read = { units: 10n ** 18n, origin: { kind: "chain", mint, readAt: new Date(1_000) } };
    expect(await supply.clonesSupply()).toEqual(read);
    const calls = chain.calls;
    expect(await supply.clonesSupply()).toEqual(read);
    expect(chain.calls).toBe(calls);
    clock = 5000;
    chain.failing = true;
    expect(await supply.clonesSupply()).toEqual(read); // the last figure read, and when
    await chain.stop();
  });
});

describe("the local chain behaves like a cluster: blocks, a blockhash window, one execution per signature", () => {
  const chain = new LocalChain();
  let rpc: ReturnType<typeof createSolanaRpc>;
  beforeAll(async () => {
    await chain.start();
    rpc = createSolanaRpc(chain.url);
  });
  afterAll(() => chain.stop());

  type Lifetime = { blockhash: Blockhash; lastValidBlockHeight: bigint };
  const latest = async (): Promise<Lifetime> => (await rpc.getLatestBlockhash().send()).value;

  /** A signed v0 SOL transfer (after `before` instructions), not sent. */
  async function transfer(
    payer: KeyPairSigner,
    to: string,
    amount: bigint,
    lifetime?: Lifetime,
    before: Instruction[] = [],
  ) {
    const message = pipe(
      createTransactionMessage({ version: 0 }),
      (m) => setTransactionMessageFeePayerSigner(payer, m),
      (m) => setTransactionMessageLifetimeUsingBlockhash(lifetime ?? chainLifetime(), m),
      (m) =>
        appendTransactionMessageInstructions(
          [...before, getTransferSolInstruction({ source: payer, destination: address(to), amount })],
          m,
        ),
    );
    const signed = await signTransactionMessageWithSigners(message);
    return { wire: getBase64EncodedWireTransaction(signed), signature: String(getSignatureFromTransaction(signed)) };
  }
  const chainLifetime = (): Lifetime => {
    const { blockhash, lastValidBlockHeight } = chain.latestBlockhash();
    return { blockhash: blockhash as Blockhash, lastValidBlockHeight: BigInt(lastValidBlockHeight) };
  };

  /** sendTransaction as raw JSON-RPC, to see the error code and the node's message. */
  async function send(wire: string, config: { skipPreflight?: boolean } = {}) {
    const response = await fetch(chain.url, {
      method: "POST",
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "sendTransaction",
        params: [wire, { encoding: "base64", ...config }],
      }),
    });
    return (await response.json()) as { result?: string; error?: { code: number; message: string } };
  }
  const status = async (signature: string) => (await rpc.getSignatureStatuses([signature as never]).send()).value[0];
  const balance = async (of: string) => Number((await rpc.getBalance(address(of)).send()).value);
  const someone = async () => (await generateKeyPairSigner()).address;

  it("each transaction lands in a block of its own: slot and block height move by one, and the blockhash changes", async () => {
    const payer = await newWallet(chain);
    const slot = Number(await rpc.getSlot().send());
    const height = Number(await rpc.getBlockHeight().send());
    const { blockhash } = await latest();
    const signature = await pay(chain, payer, { recipient: await someone(), amount: 1_000_000n });
    expect(Number(await rpc.getSlot().send())).toBe(slot + 1);
    expect(Number(await rpc.getBlockHeight().send())).toBe(height + 1);
    expect(Number((await status(signature))?.slot)).toBe(slot + 1);
    expect((await latest()).blockhash).not.toBe(blockhash);
    chain.advanceBlocks(3);
    expect(Number(await rpc.getSlot({ commitment: "processed" }).send())).toBe(slot + 4);
    expect(Number(await rpc.getBlockHeight({ commitment: "finalized" }).send())).toBe(height + 4);
    const epoch = await rpc.getEpochInfo().send();
    expect([Number(epoch.absoluteSlot), Number(epoch.blockHeight)]).toEqual([slot + 4, height + 4]);
    expect(Number(epoch.slotIndex)).toBeLessThan(Number(epoch.slotsInEpoch));
  });

  it("a transaction within its blockhash's 150 blocks lands though others landed meanwhile; past them it is refused with preflight and lost without", async () => {
    const payer = await newWallet(chain);
    const [early, late] = [await someone(), await someone()];
    const lifetime = await latest();
    expect(Number(lifetime.lastValidBlockHeight)).toBe(chain.blockHeight() + BLOCKHASH_WINDOW);
    const within = await transfer(payer, early, 1_000_000n, lifetime);
    const expired = await transfer(payer, late, 1_000_000n, lifetime);
    await pay(chain, payer, { recipient: await someone(), amount: 1_000_000n });
    await pay(chain, payer, { recipient: await someone(), amount: 1_000_000n });
    chain.advanceBlocks(100);
    expect((await send(within.wire)).result).toBe(within.signature);
    expect(await balance(early)).toBe(1_000_000);

    chain.advanceBlocks(BLOCKHASH_WINDOW);
    const refused = await send(expired.wire);
    expect(refused.error?.code).toBe(-32002);
    expect(refused.error?.message).toContain("Blockhash not found");
    const viaKit = await rpc
      .sendTransaction(expired.wire as never, { encoding: "base64" })
      .send()
      .catch((e: unknown) => e);
    expect(isSolanaError(viaKit, SOLANA_ERROR__JSON_RPC__SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE)).toBe(true);
    expect(isSolanaError((viaKit as Error).cause, SOLANA_ERROR__TRANSACTION_ERROR__BLOCKHASH_NOT_FOUND)).toBe(true);
    expect((await send(expired.wire, { skipPreflight: true })).result).toBe(expired.signature);
    expect(await status(expired.signature)).toBeNull();
    expect(await balance(late)).toBe(0);
    // A blockhash this chain never produced is refused the same way.
    const forged = await transfer(payer, late, 1n, { ...lifetime, blockhash: (await someone()) as never });
    expect((await send(forged.wire)).error?.message).toContain("Blockhash not found");
  });

  it("lastValidBlockHeight is the last block height the transaction can land at", async () => {
    const payer = await newWallet(chain);
    const lifetime = await latest();
    const last = await transfer(payer, await someone(), 1_000_000n, lifetime);
    const tooLate = await transfer(payer, await someone(), 1_000_000n, lifetime);
    chain.advanceBlocks(Number(lifetime.lastValidBlockHeight) - chain.blockHeight() - 1);
    expect((await send(last.wire)).result).toBe(last.signature);
    expect(chain.blockHeight()).toBe(Number(lifetime.lastValidBlockHeight));
    expect((await send(tooLate.wire)).error?.message).toContain("Blockhash not found");
  });

  it("the same signed transaction sent twice executes once", async () => {
    const payer = await newWallet(chain);
    const recipient = await someone();
    const tx = await transfer(payer, recipient, 1_000_000n);
    expect((await send(tx.wire, { skipPreflight: true })).result).toBe(tx.signature);
    expect((await send(tx.wire, { skipPreflight: true })).result).toBe(tx.signature);
    const again = await send(tx.wire);
    expect(again.error?.code).toBe(-32002);
    expect(again.error?.message).toContain("already been processed");
    expect(await balance(recipient)).toBe(1_000_000);
    expect(await balance(payer.address)).toBe(10_000_000_000 - 1_000_000 - 5000);
  });

  it("dropIncoming loses exactly the next send (no status ever); the following one lands, and a rebroadcast of the lost one too", async () => {
    const payer = await newWallet(chain);
    const recipient = await someone();
    const lost = await transfer(payer, recipient, 1_000_000n);
    chain.dropIncoming = 1;
    expect((await send(lost.wire)).result).toBe(lost.signature);
    expect(chain.dropIncoming).toBe(0);
    const next = await pay(chain, payer, { recipient, amount: 2_000_000n });
    expect(await status(lost.signature)).toBeNull();
    expect((await status(next))?.confirmationStatus).toBe("finalized");
    expect(await balance(recipient)).toBe(2_000_000);
    expect((await send(lost.wire)).result).toBe(lost.signature); // still within its blockhash's window
    expect(await balance(recipient)).toBe(3_000_000);

    const unlucky = await transfer(payer, recipient, 4_000_000n);
    chain.drop = (signature) => signature === unlucky.signature;
    expect((await send(unlucky.wire)).result).toBe(unlucky.signature);
    await pay(chain, payer, { recipient, amount: 5_000_000n });
    chain.drop = undefined;
    expect(await status(unlucky.signature)).toBeNull();
    expect(await balance(recipient)).toBe(8_000_000);
  });

  it("with holdConfirmations the finalized height stays put while processed advances, until finalize() catches it up", async () => {
    chain.holdConfirmations = true;
    try {
      const finalized = Number(await rpc.getBlockHeight({ commitment: "finalized" }).send());
      const finalizedSlot = Number(await rpc.getSlot({ commitment: "finalized" }).send());
      const signature = await pay(chain, await newWallet(chain), { recipient: await someone(), amount: 1_000_000n });
      chain.advanceBlocks(2);
      expect(Number(await rpc.getBlockHeight({ commitment: "processed" }).send())).toBe(finalized + 3);
      expect(Number(await rpc.getBlockHeight({ commitment: "finalized" }).send())).toBe(finalized);
      expect(Number(await rpc.getBlockHeight({ commitment: "confirmed" }).send())).toBe(finalized);
      expect(Number(await rpc.getSlot({ commitment: "finalized" }).send())).toBe(finalizedSlot);
      expect((await status(signature))?.confirmationStatus).toBe("processed");
      chain.confirm();
      expect(Number(await rpc.getBlockHeight({ commitment: "confirmed" }).send())).toBe(finalized + 3);
      expect(Number(await rpc.getBlockHeight({ commitment: "finalized" }).send())).toBe(finalized);
      expect((await status(signature))?.confirmationStatus).toBe("confirmed");
      chain.finalize();
      expect(Number(await rpc.getBlockHeight({ commitment: "finalized" }).send())).toBe(finalized + 3);
      expect(Number(await rpc.getSlot({ commitment: "finalized" }).send())).toBe(finalizedSlot + 3);
      expect((await status(signature))?.confirmationStatus).toBe("finalized");
    } finally {
      chain.holdConfirmations = false;
    }
  });

  it("a v0 payment through an address lookup table reports loadedAddresses, and balances at the loaded indexes", async () => {
    const mint = await someone();
    chain.createMint(mint, 6, 10n ** 12n, await someone());
    const [recipient, treasury, reference] = [await someone(), await someone(), await someone()];
    const treasuryAta = await ata(treasury, mint);
    chain.setTokenAccount(treasuryAta, mint, treasury, 0n);
    const payer = await newWallet(chain);
    chain.setTokenAccount(await ata(payer.address, mint), mint, payer.address, 50_000_000n);
    const addresses = [recipient, treasuryAta, reference, mint];
    const table = await chain.createLookupTable(await newWallet(chain), addresses);
    const tableAccount = await rpc.getAccountInfo(address(table), { encoding: "base64" }).send();
    expect(String(tableAccount.value?.owner)).toBe(ADDRESS_LOOKUP_TABLE_PROGRAM);

    const sol = getTransferSolInstruction({ source: payer, destination: address(recipient), amount: 3_000_000n });
    const usdc = getTransferCheckedInstruction({
      source: await ata(payer.address, mint),
      mint: address(mint),
      destination: address(treasuryAta),
      authority: payer,
      amount: 25_000_000n,
      decimals: 6,
    });
    const message = compressTransactionMessageUsingAddressLookupTables(
      pipe(
        createTransactionMessage({ version: 0 }),
        (m) => setTransactionMessageFeePayerSigner(payer, m),
        (m) => setTransactionMessageLifetimeUsingBlockhash(chainLifetime(), m),
        (m) =>
          appendTransactionMessageInstructions(
            [
              { ...sol, accounts: [...sol.accounts, { address: address(reference), role: AccountRole.READONLY }] },
              usdc,
            ],
            m,
          ),
      ),
      { [address(table)]: addresses.map(address) },
    );
    const signed = await signTransactionMessageWithSigners(message);
    const compiled = getCompiledTransactionMessageDecoder().decode(signed.messageBytes);
    expect("addressTableLookups" in compiled && compiled.addressTableLookups?.length).toBe(1);
    const sent = await send(getBase64EncodedWireTransaction(signed));
    expect(sent.error).toBeUndefined();
    const signature = sent.result!;

    const tx = await rpc
      .getTransaction(signature as never, { encoding: "base64", maxSupportedTransactionVersion: 0 })
      .send();
    expect(tx?.meta?.err).toBeNull();
    const loaded = tx!.meta!.loadedAddresses!;
    expect(loaded.writable.map(String).sort()).toEqual([recipient, treasuryAta].sort());
    expect(loaded.readonly.map(String).sort()).toEqual([reference, mint].sort());
    const statics = getCompiledTransactionMessageDecoder()
      .decode(getTransactionDecoder().decode(getBase64Encoder().encode(String(tx!.transaction[0]))).messageBytes)
      .staticAccounts.map(String);
    const keys = [...statics, ...loaded.writable.map(String), ...loaded.readonly.map(String)];
    expect(tx!.meta!.postBalances).toHaveLength(keys.length);
    const at = keys.indexOf(recipient);
    expect(at).toBeGreaterThanOrEqual(statics.length);
    expect(Number(tx!.meta!.postBalances[at]) - Number(tx!.meta!.preBalances[at])).toBe(3_000_000);
    const post = tx!.meta!.postTokenBalances!.find((b) => Number(b.accountIndex) === keys.indexOf(treasuryAta));
    expect([post?.owner, post?.uiTokenAmount.amount]).toEqual([treasury, "25000000"]);
    // The production decoder reads both transfers, the reference included.
    const transfers = decodeTransfers(tx as never);
    expect(transfers.map((t) => [t.recipient, t.units, t.references])).toEqual([
      [recipient, 3_000_000n, [reference]],
      [treasury, 25_000_000n, []],
    ]);
    for (const key of [recipient, reference, treasuryAta])
      expect((await rpc.getSignaturesForAddress(address(key)).send()).map((s) => s.signature)).toEqual([signature]);
  });

  it("reports the fee charged (priority fee included) and the compute units, and getFeeForMessage agrees", async () => {
    const payer = await newWallet(chain);
    const computeBudget = address("ComputeBudget111111111111111111111111111111");
    const limit = new Uint8Array(5);
    limit[0] = 2; // SetComputeUnitLimit
    new DataView(limit.buffer).setUint32(1, 10_000, true);
    const price = new Uint8Array(9);
    price[0] = 3; // SetComputeUnitPrice, in micro-lamports per unit
    new DataView(price.buffer).setBigUint64(1, 250_000n, true);
    const tx = await transfer(payer, await someone(), 1_000_000n, undefined, [
      { programAddress: computeBudget, data: limit },
      { programAddress: computeBudget, data: price },
    ]);
    const fee = 5000 + Math.ceil((10_000 * 250_000) / 1_000_000);
    const messageBase64 = Buffer.from(getTransactionDecoder().decode(getBase64Encoder().encode(tx.wire)).messageBytes);
    const quoted = await rpc.getFeeForMessage(messageBase64.toString("base64") as never).send();
    expect(Number(quoted.value)).toBe(fee);
    expect((await send(tx.wire)).result).toBe(tx.signature);
    const got = await rpc
      .getTransaction(tx.signature as never, { encoding: "base64", maxSupportedTransactionVersion: 0 })
      .send();
    expect(Number(got?.meta?.fee)).toBe(fee);
    expect(Number(got?.meta?.computeUnitsConsumed)).toBeGreaterThan(0);
    expect(await balance(payer.address)).toBe(10_000_000_000 - 1_000_000 - fee);
  });

  it("a transaction that fails in simulation is refused with preflight (nothing charged) and recorded with its error without", async () => {
    const payer = await newWallet(chain, 1_000_000n);
    const recipient = await someone();
    const tx = await transfer(payer, recipient, 5_000_000_000n);
    const refused = await send(tx.wire);
    expect(refused.error?.code).toBe(-32002);
    expect(refused.error?.message).toContain("custom program error: 0x1");
    const simulated = await rpc.simulateTransaction(tx.wire as never, { encoding: "base64" }).send();
    expect(simulated.value.err).toEqual({ InstructionError: [0n, { Custom: 1n }] });
    expect(simulated.value.logs?.join("\n")).toContain("insufficient lamports");
    expect(await status(tx.signature)).toBeNull();
    expect(await balance(payer.address)).toBe(1_000_000);
    expect((await send(tx.wire, { skipPreflight: true })).result).toBe(tx.signature);
    expect((await status(tx.signature))?.err).toEqual({ InstructionError: [0n, { Custom: 1n }] });
    expect(await balance(payer.address)).toBe(1_000_000 - 5000);
    // A fee payer with nothing to pay with is not charged, so its transaction never lands.
    const broke = await transfer(await generateKeyPairSigner(), recipient, 1n);
    expect((await send(broke.wire, { skipPreflight: true })).result).toBe(broke.signature);
    expect(await status(broke.signature)).toBeNull();
  });

  it("answers getMultipleAccounts and getRecentPrioritizationFees", async () => {
    const funded = await newWallet(chain, 123_456_789n);
    const { value } = await rpc
      .getMultipleAccounts([funded.address, address(await someone())], { encoding: "base64" })
      .send();
    expect(value.map((a) => (a ? Number(a.lamports) : null))).toEqual([123_456_789, null]);
    expect(await rpc.getRecentPrioritizationFees().send()).toEqual([]);
    chain.priorityFees = [{ slot: chain.slot(), prioritizationFee: 1_000 }];
    const fees = await rpc.getRecentPrioritizationFees().send();
    expect(fees.map((f) => Number(f.prioritizationFee))).toEqual([1_000]);
  });

  it("kit's sendAndConfirmTransaction works against it (epoch info, slot and signature subscriptions)", async () => {
    const payer = await newWallet(chain);
    const recipient = await someone();
    const sendAndConfirm = sendAndConfirmTransactionFactory({
      rpc: createSolanaRpc(chain.url),
      rpcSubscriptions: createSolanaRpcSubscriptions(chain.wsUrl),
    });
    const message = pipe(
      createTransactionMessage({ version: 0 }),
      (m) => setTransactionMessageFeePayerSigner(payer, m),
      (m) => setTransactionMessageLifetimeUsingBlockhash(chainLifetime(), m),
      (m) =>
        appendTransactionMessageInstructions(
          [getTransferSolInstruction({ source: payer, destination: address(recipient), amount: 7_000_000n })],
          m,
        ),
    );
    const signed = await signTransactionMessageWithSigners(message);
    await sendAndConfirm(signed as never, { commitment: "confirmed" });
    expect(await balance(recipient)).toBe(7_000_000);
  });
});
