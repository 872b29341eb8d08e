// One payout transaction: many transfers of one token from one paying wallet, in a v0 message
// with a compute budget (limit from the instruction mix, price from recent fees), SPL
// `transferChecked` with idempotent creation of missing associated token accounts, and, where
// given, address lookup tables that shrink each recipient to one byte.
import {
  address,
  appendTransactionMessageInstructions,
  compressTransactionMessageUsingAddressLookupTables,
  createTransactionMessage,
  getBase64EncodedWireTransaction,
  getSignatureFromTransaction,
  isTransactionMessageWithinSizeLimit,
  pipe,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
  type Address,
  type Blockhash,
  type Instruction,
  type KeyPairSigner,
} from "@solana/kit";
import { getSetComputeUnitLimitInstruction, getSetComputeUnitPriceInstruction } from "@solana-program/compute-budget";
import { getTransferSolInstruction } from "@solana-program/system";
import { getCreateAssociatedTokenIdempotentInstruction, getTransferCheckedInstruction } from "@solana-program/token";

export interface PayoutTransfer {
  readonly wallet: string;
  /** The recipient's associated token account (SPL only). */
  readonly tokenAccount?: string;
  readonly units: bigint;
  /** The token account does not exist yet: create it first (idempotently), the payer paying rent. */
  readonly openAccount: boolean;
}

export interface PayoutTransactionInput {
  /** Pays fees and rent: the treasury. */
  readonly feePayer: KeyPairSigner;
  /** Owns the money sent: the treasury, or the staking vault. */
  readonly authority: KeyPairSigner;
  /** null for SOL; for SPL the mint, its decimals and the authority's token account. */
  readonly mint: { readonly address: string; readonly decimals: number; readonly source: string } | null;
  readonly transfers: readonly PayoutTransfer[];
  readonly lifetime: { readonly blockhash: string; readonly lastValidBlockHeight: bigint };
  readonly microLamportsPerCu: bigint;
  /** Lookup table address → the addresses it holds (only those already active). */
  readonly lookupTables?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Compute units per instruction, with room to spare (mainnet's SPL Token program uses about
 * 4,600 per transferChecked, the ATA program about 25,000 to create an account).
 */
export const COMPUTE_UNITS = { budget: 300, solTransfer: 300, tokenTransfer: 6_500, openAccount: 32_000 } as const;
export const BASE_FEE_PER_SIGNATURE = 5_000n;

export function computeUnitLimit(input: Pick<PayoutTransactionInput, "mint" | "transfers">): number {
  const perTransfer = input.mint ? COMPUTE_UNITS.tokenTransfer : COMPUTE_UNITS.solTransfer;
  const opened = input.transfers.filter((t) => t.openAccount).length;
  return COMPUTE_UNITS.budget + input.transfers.length * perTransfer + opened * COMPUTE_UNITS.openAccount;
}

const signerCount = (input: Pick<PayoutTransactionInput, "feePayer" | "authority">) =>
  input.feePayer.address === input.authority.address ? 1n : 2n;

/** Lamports the transaction costs the fee payer in fees (rent of opened accounts aside). */
export function payoutFee(input: Omit<PayoutTransactionInput, "lifetime">): bigint {
  const priority = (BigInt(computeUnitLimit(input)) * input.microLamportsPerCu + 999_999n) / 1_000_000n;
  return BASE_FEE_PER_SIGNATURE * signerCount(input) + priority;
}

function transferInstructions(input: PayoutTransactionInput): Instruction[] {
  const { mint, authority, feePayer } = input;
  if (!mint)
    return input.transfers.map((t) =>
      getTransferSolInstruction({ source: authority, destination: address(t.wallet), amount: t.units }),
    );
  const opens = input.transfers
    .filter((t) => t.openAccount)
    .map((t) =>
      getCreateAssociatedTokenIdempotentInstruction({
        payer: feePayer,
        ata: address(t.tokenAccount!),
        owner: address(t.wallet),
        mint: address(mint.address),
      }),
    );
  const sends = input.transfers.map((t) =>
    getTransferCheckedInstruction({
      source: address(mint.source),
      mint: address(mint.address),
      destination: address(t.tokenAccount!),
      authority,
      amount: t.units,
      decimals: mint.decimals,
    }),
  );
  return [...opens, ...sends];
}

export function payoutMessage(input: PayoutTransactionInput) {
  const message = pipe(
    createTransactionMessage({ version: 0 }),
    (m) => setTransactionMessageFeePayerSigner(input.feePayer, m),
    (m) =>
      setTransactionMessageLifetimeUsingBlockhash(
        { blockhash: input.lifetime.blockhash as Blockhash, lastValidBlockHeight: input.lifetime.lastValidBlockHeight },
        m,
      ),
    (m) =>
      appendTransactionMessageInstructions(
        [
          getSetComputeUnitLimitInstruction({ units: computeUnitLimit(input) }),
          getSetComputeUnitPriceInstruction({ microLamports: input.microLamportsPerCu }),
          ...transferInstructions(input),
        ],
        m,
      ),
  );
  const tables = input.lookupTables ?? {};
  if (Object.keys(tables).length === 0) return message;
  const lookups = Object.fromEntries(
    Object.entries(tables).map(([table, addresses]) => [table, addresses.map((a) => address(a))]),
  ) as Record<Address, Address[]>;
  return compressTransactionMessageUsingAddressLookupTables(message, lookups);
}

/** Whether the signed transaction stays within Solana's 1232-byte limit. */
export const fitsInOneTransaction = (input: PayoutTransactionInput): boolean =>
  isTransactionMessageWithinSizeLimit(payoutMessage(input));

export interface SignedPayout {
  readonly signature: string;
  /** Base64 wire bytes, stored before sending and sent as they are. */
  readonly wire: string;
}

export async function signPayoutTransaction(input: PayoutTransactionInput): Promise<SignedPayout> {
  const signed = await signTransactionMessageWithSigners(payoutMessage(input));
  return { signature: getSignatureFromTransaction(signed), wire: getBase64EncodedWireTransaction(signed) };
}
