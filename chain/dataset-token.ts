// The transactions of a dataset token, answered to Solana Pay transaction requests: launch,
// buy, sell and burn-to-download. There is no program of ours on chain: the server prices the
// bonding curve and writes every amount into the transaction, and the curve's vault key (the
// SOL vault, mint authority and metadata authority) co-signs it, so the wallet can sign it as
// built or not at all. The watcher recognises a transaction by its memo and the sha256 of its
// message bytes. Each starts with the memo, signed by the vault; the request's reference and
// the treasury ride as read-only keys on the instruction after it (the Memo program refuses
// keys that do not sign), so the treasury's signature scan finds every one.
import { createHash } from "node:crypto";
import {
  AccountRole,
  address,
  appendTransactionMessageInstructions,
  createNoopSigner,
  createSolanaRpc,
  createTransactionMessage,
  getBase58Decoder,
  getBase64EncodedWireTransaction,
  getBase64Encoder,
  getCompiledTransactionMessageDecoder,
  getTransactionDecoder,
  getTransactionSize,
  isSome,
  partiallySignTransactionMessageWithSigners,
  pipe,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  type Instruction,
  type KeyPairSigner,
  type ReadonlyUint8Array,
  type TransactionSigner,
} from "@solana/kit";
import { getAddMemoInstruction, MEMO_PROGRAM_ADDRESS } from "@solana-program/memo";
import { getCreateAccountInstruction, getTransferSolInstruction } from "@solana-program/system";
import { getTransferCheckedInstruction } from "@solana-program/token";
import {
  extension,
  findAssociatedTokenPda,
  getBurnCheckedInstruction,
  getCreateAssociatedTokenIdempotentInstruction,
  getInitializeMetadataPointerInstruction,
  getInitializeMint2Instruction,
  getInitializeTokenMetadataInstruction,
  getMintDecoder,
  getMintSize,
  getMintToCheckedInstruction,
  TOKEN_2022_PROGRAM_ADDRESS,
} from "@solana-program/token-2022";
import type { TransactionLike } from "./decode-transfers.js";
import { associatedTokenAccount } from "./token-accounts.js";

/** Longest name, symbol, uri and memo a launch accepts (UTF-8 bytes); MAX_LAUNCH_ALLOCATIONS is measured at these. */
export const MAX_NAME_BYTES = 32;
export const MAX_SYMBOL_BYTES = 10;
export const MAX_URI_BYTES = 80;
export const MAX_MEMO_BYTES = 64;
/** The most bytes a legacy or v0 transaction may have (one packet). */
const PACKET_BYTES = 1232;
/**
 * The most allocations one launch transaction holds, measured on the local chain with the
 * longest name, symbol, uri and memo, a CLONES fee and owners other than the account: each
 * costs 90 bytes (the owner, its token account, two instructions) and one more does not fit
 * in 1232 bytes. The rest go in allocation transactions after the launch.
 */
export const MAX_LAUNCH_ALLOCATIONS = 1;
/** The most allocations one allocation transaction holds (longest memo, owners other than the account). */
export const MAX_ALLOCATIONS_PER_TRANSACTION = 7;

export interface BuiltDatasetTx {
  /** The wire transaction, base64, signed by the server's keys and waiting for the wallet's. */
  readonly transaction: string;
  /** Hex sha256 of the compiled message bytes: the transaction's identity before it has a signature. */
  readonly messageHash: string;
  readonly lastValidBlockHeight: bigint;
}

interface Envelope {
  /** The wallet that asked (the Solana Pay POST's `account`): it pays the fee and signs last. */
  readonly account: string;
  readonly vault: KeyPairSigner;
  readonly treasury: string;
  /** A fresh address per request, Solana Pay style. */
  readonly reference: string;
  readonly memo: string;
}

export interface LaunchInput extends Envelope {
  readonly mint: KeyPairSigner;
  readonly name: string;
  readonly symbol: string;
  readonly uri: string;
  readonly decimals: number;
  /** Minted at launch to each owner's Token-2022 associated account (created if missing, paid by the account). */
  readonly allocations: ReadonlyArray<{ readonly owner: string; readonly units: bigint }>;
  readonly launchFee: {
    readonly solLamports: bigint;
    /** Paid from the account's CLONES account to the treasury's (both must exist). */
    readonly clones?: { readonly mint: string; readonly decimals: number; readonly units: bigint };
  };
  /** Sent to the vault so it exists before the first sale pays out. */
  readonly vaultRentLamports: bigint;
}

export interface AllocationInput extends Envelope {
  readonly mint: string;
  readonly decimals: number;
  readonly allocations: ReadonlyArray<{ readonly owner: string; readonly units: bigint }>;
}

export interface BuyInput extends Envelope {
  readonly mint: string;
  readonly decimals: number;
  readonly netLamports: bigint;
  readonly feeLamports: bigint;
  readonly creatorWallet: string;
  readonly tokensOut: bigint;
}

export interface SellInput extends Envelope {
  readonly mint: string;
  readonly decimals: number;
  readonly tokensIn: bigint;
  readonly lamportsOut: bigint;
  readonly feeLamports: bigint;
  readonly creatorWallet: string;
}

export interface UnlockBurnInput extends Envelope {
  readonly mint: string;
  readonly decimals: number;
  readonly units: bigint;
}

/** The Token-2022 associated token account of `owner` for a dataset token's `mint`. */
export async function datasetTokenAccount(owner: string, mint: string): Promise<string> {
  const [ata] = await findAssociatedTokenPda({
    owner: address(owner),
    mint: address(mint),
    tokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
  });
  return ata;
}

const sha256Hex = (bytes: ReadonlyUint8Array) =>
  createHash("sha256")
    .update(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    .digest("hex");

const utf8Length = (text: string) => Buffer.byteLength(text, "utf8");

function checkLength(what: string, text: string, max: number): void {
  if (utf8Length(text) > max) throw new Error(`the ${what} is ${utf8Length(text)} bytes, more than ${max}`);
}

/** The reference and the treasury as read-only keys after an instruction's own accounts. */
function withKeys(ix: Instruction, envelope: Envelope): Instruction {
  return {
    ...ix,
    accounts: [
      ...(ix.accounts ?? []),
      { address: address(envelope.reference), role: AccountRole.READONLY },
      { address: address(envelope.treasury), role: AccountRole.READONLY },
    ],
  };
}

/** Memo first (the vault signs it), the keys on the next instruction, then the rest. */
async function build(rpcUrl: string, envelope: Envelope, instructions: Instruction[]): Promise<BuiltDatasetTx> {
  checkLength("memo", envelope.memo, MAX_MEMO_BYTES);
  const [anchor, ...rest] = instructions;
  if (!anchor) throw new Error("a dataset-token transaction needs an instruction after its memo");
  const { value: lifetime } = await createSolanaRpc(rpcUrl).getLatestBlockhash({ commitment: "confirmed" }).send();
  const message = pipe(
    createTransactionMessage({ version: 0 }),
    (m) => setTransactionMessageFeePayerSigner(createNoopSigner(address(envelope.account)), m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(lifetime, m),
    (m) =>
      appendTransactionMessageInstructions(
        [
          getAddMemoInstruction({ memo: envelope.memo, signers: [envelope.vault] }),
          withKeys(anchor, envelope),
          ...rest,
        ],
        m,
      ),
  );
  const signed = await partiallySignTransactionMessageWithSigners(message);
  const size = getTransactionSize(signed);
  if (size > PACKET_BYTES)
    throw new Error(`the transaction is ${size} bytes, more than the ${PACKET_BYTES} a packet holds`);
  return {
    transaction: getBase64EncodedWireTransaction(signed),
    messageHash: sha256Hex(signed.messageBytes),
    lastValidBlockHeight: lifetime.lastValidBlockHeight,
  };
}

/**
 * The launch: the account pays the vault's rent and the launch fee, creates the Token-2022
 * mint with its metadata in the mint itself (authority: the vault; no freeze authority), and
 * mints the allocations. Throws above MAX_LAUNCH_ALLOCATIONS or the name/symbol/uri limits.
 */
export async function buildLaunchTransaction(rpcUrl: string, input: LaunchInput): Promise<BuiltDatasetTx> {
  if (input.allocations.length > MAX_LAUNCH_ALLOCATIONS)
    throw new Error(
      `a launch mints to at most ${MAX_LAUNCH_ALLOCATIONS} owners in one transaction, asked for ${input.allocations.length}`,
    );
  checkLength("name", input.name, MAX_NAME_BYTES);
  checkLength("symbol", input.symbol, MAX_SYMBOL_BYTES);
  checkLength("uri", input.uri, MAX_URI_BYTES);
  const wallet = createNoopSigner(address(input.account));
  const { mint, vault } = input;
  const pointer = extension("MetadataPointer", { authority: vault.address, metadataAddress: mint.address });
  const metadata = extension("TokenMetadata", {
    updateAuthority: vault.address,
    mint: mint.address,
    name: input.name,
    symbol: input.symbol,
    uri: input.uri,
    additionalMetadata: new Map(),
  });
  // The mint is created with room for the pointer only (InitializeMint2 insists the size is
  // exact); InitializeTokenMetadata grows it, so the lamports must already cover the metadata.
  const rent = await createSolanaRpc(rpcUrl)
    .getMinimumBalanceForRentExemption(BigInt(getMintSize([pointer, metadata])))
    .send();
  const instructions: Instruction[] = [
    getTransferSolInstruction({ source: wallet, destination: vault.address, amount: input.vaultRentLamports }),
    ...(await launchFee(input, wallet)),
    getCreateAccountInstruction({
      payer: wallet,
      newAccount: mint,
      lamports: rent,
      space: getMintSize([pointer]),
      programAddress: TOKEN_2022_PROGRAM_ADDRESS,
    }),
    getInitializeMetadataPointerInstruction({
      mint: mint.address,
      authority: vault.address,
      metadataAddress: mint.address,
    }),
    getInitializeMint2Instruction({ mint: mint.address, decimals: input.decimals, mintAuthority: vault.address }),
    getInitializeTokenMetadataInstruction({
      metadata: mint.address,
      updateAuthority: vault.address,
      mint: mint.address,
      mintAuthority: vault,
      name: input.name,
      symbol: input.symbol,
      uri: input.uri,
    }),
  ];
  for (const { owner, units } of input.allocations)
    instructions.push(...(await mintTo(wallet, vault, mint.address, owner, units, input.decimals)));
  return build(rpcUrl, input, instructions);
}

async function launchFee(input: LaunchInput, wallet: TransactionSigner): Promise<Instruction[]> {
  const treasury = address(input.treasury);
  const fee: Instruction[] = [];
  if (input.launchFee.solLamports > 0n)
    fee.push(getTransferSolInstruction({ source: wallet, destination: treasury, amount: input.launchFee.solLamports }));
  const clones = input.launchFee.clones;
  if (clones && clones.units > 0n)
    fee.push(
      getTransferCheckedInstruction({
        source: address(await associatedTokenAccount(input.account, clones.mint)),
        mint: address(clones.mint),
        destination: address(await associatedTokenAccount(input.treasury, clones.mint)),
        authority: wallet,
        amount: clones.units,
        decimals: clones.decimals,
      }),
    );
  return fee;
}

/** Creates `owner`'s token account if missing (the wallet pays), then mints `units` to it. */
async function mintTo(
  wallet: TransactionSigner,
  vault: KeyPairSigner,
  mint: string,
  owner: string,
  units: bigint,
  decimals: number,
): Promise<Instruction[]> {
  const ata = address(await datasetTokenAccount(owner, mint));
  return [
    getCreateAssociatedTokenIdempotentInstruction({
      payer: wallet,
      ata,
      owner: address(owner),
      mint: address(mint),
      tokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
    }),
    getMintToCheckedInstruction({ mint: address(mint), token: ata, mintAuthority: vault, amount: units, decimals }),
  ];
}

/**
 * More launch allocations (a meta-dataset pays every dataset's creator): minted by the vault
 * to each owner's token account, created if missing and paid by the account.
 */
export async function buildAllocationTransaction(rpcUrl: string, input: AllocationInput): Promise<BuiltDatasetTx> {
  if (input.allocations.length === 0 || input.allocations.length > MAX_ALLOCATIONS_PER_TRANSACTION)
    throw new Error(
      `an allocation transaction mints to 1 to ${MAX_ALLOCATIONS_PER_TRANSACTION} owners, asked for ${input.allocations.length}`,
    );
  const wallet = createNoopSigner(address(input.account));
  const instructions: Instruction[] = [];
  for (const { owner, units } of input.allocations)
    instructions.push(...(await mintTo(wallet, input.vault, input.mint, owner, units, input.decimals)));
  return build(rpcUrl, input, instructions);
}

/** A buy: the net price to the vault, the creator's fee to the creator, the tokens minted to the account. */
export async function buildBuyTransaction(rpcUrl: string, input: BuyInput): Promise<BuiltDatasetTx> {
  const wallet = createNoopSigner(address(input.account));
  return build(rpcUrl, input, [
    getTransferSolInstruction({ source: wallet, destination: input.vault.address, amount: input.netLamports }),
    ...(input.feeLamports > 0n
      ? [
          getTransferSolInstruction({
            source: wallet,
            destination: address(input.creatorWallet),
            amount: input.feeLamports,
          }),
        ]
      : []),
    ...(await mintTo(wallet, input.vault, input.mint, input.account, input.tokensOut, input.decimals)),
  ]);
}

/** A sell: the account burns its tokens, the vault pays it out and pays the creator's fee. */
export async function buildSellTransaction(rpcUrl: string, input: SellInput): Promise<BuiltDatasetTx> {
  const wallet = createNoopSigner(address(input.account));
  const { vault } = input;
  return build(rpcUrl, input, [
    await burn(wallet, input.mint, input.tokensIn, input.decimals),
    getTransferSolInstruction({ source: vault, destination: wallet.address, amount: input.lamportsOut }),
    ...(input.feeLamports > 0n
      ? [
          getTransferSolInstruction({
            source: vault,
            destination: address(input.creatorWallet),
            amount: input.feeLamports,
          }),
        ]
      : []),
  ]);
}

/** Burn-to-download: the account burns `units` of the token; the vault co-signs the memo only. */
export async function buildUnlockBurnTransaction(rpcUrl: string, input: UnlockBurnInput): Promise<BuiltDatasetTx> {
  const wallet = createNoopSigner(address(input.account));
  return build(rpcUrl, input, [await burn(wallet, input.mint, input.units, input.decimals)]);
}

async function burn(wallet: TransactionSigner, mint: string, units: bigint, decimals: number): Promise<Instruction> {
  return getBurnCheckedInstruction({
    account: address(await datasetTokenAccount(wallet.address, mint)),
    mint: address(mint),
    authority: wallet,
    amount: units,
    decimals,
  });
}

/** What the watcher needs of a dataset-token transaction (getTransaction, base64), failed or not. */
export function readDatasetTransaction(tx: TransactionLike): {
  memo: string | null;
  messageHash: string;
  succeeded: boolean;
  signature: string;
} {
  const decoded = getTransactionDecoder().decode(getBase64Encoder().encode(String(tx.transaction[0])));
  const message = getCompiledTransactionMessageDecoder().decode(decoded.messageBytes);
  const keys = message.staticAccounts.map(String);
  const instructions = "instructions" in message ? message.instructions : [];
  const memoIx = instructions.find((ix) => keys[ix.programAddressIndex] === MEMO_PROGRAM_ADDRESS);
  const first = Object.values(decoded.signatures)[0];
  return {
    memo: memoIx?.data ? Buffer.from(memoIx.data).toString("utf8") : null,
    messageHash: sha256Hex(decoded.messageBytes),
    succeeded: Boolean(tx.meta) && !tx.meta?.err,
    signature: first ? getBase58Decoder().decode(first) : "",
  };
}

export interface DatasetMint {
  readonly supply: bigint;
  readonly decimals: number;
  readonly mintAuthority: string | null;
  readonly name: string;
  readonly symbol: string;
  readonly uri: string;
}

/** A dataset token's mint as the chain holds it (confirmed), or null when it is no Token-2022 mint with metadata. */
export async function readDatasetMint(rpcUrl: string, mint: string): Promise<DatasetMint | null> {
  const { value } = await createSolanaRpc(rpcUrl)
    .getAccountInfo(address(mint), { encoding: "base64", commitment: "confirmed" })
    .send();
  if (!value || value.owner !== TOKEN_2022_PROGRAM_ADDRESS) return null;
  const decoded = getMintDecoder().decode(getBase64Encoder().encode(value.data[0]));
  const extensions = isSome(decoded.extensions) ? decoded.extensions.value : [];
  const metadata = extensions.find((e) => e.__kind === "TokenMetadata");
  if (!metadata || metadata.__kind !== "TokenMetadata") return null;
  return {
    supply: decoded.supply,
    decimals: decoded.decimals,
    mintAuthority: isSome(decoded.mintAuthority) ? decoded.mintAuthority.value : null,
    name: metadata.name,
    symbol: metadata.symbol,
    uri: metadata.uri,
  };
}
