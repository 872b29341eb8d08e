// Builds and sends real signed payments (legacy or v0) the way a wallet paying a Solana Pay
// transfer request does: memo right before the transfer, reference keys on the transfer.
import {
  AccountRole,
  appendTransactionMessageInstructions,
  createSolanaRpc,
  createTransactionMessage,
  generateKeyPairSigner,
  getBase64EncodedWireTransaction,
  pipe,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
  address,
  type Address,
  type Instruction,
  type KeyPairSigner,
} from "@solana/kit";
import { getAddMemoInstruction } from "@solana-program/memo";
import { getTransferSolInstruction } from "@solana-program/system";
import { findAssociatedTokenPda, getTransferCheckedInstruction, TOKEN_PROGRAM_ADDRESS } from "@solana-program/token";
import type { LocalChain } from "./local-chain.js";

export interface Payment {
  readonly recipient: string;
  readonly amount: bigint;
  readonly references?: readonly string[];
  readonly memo?: string;
  /** SPL mint and its decimals; omit for SOL. */
  readonly splToken?: { mint: string; decimals: number };
  readonly version?: "legacy" | 0;
}

export const ata = async (owner: string, mint: string): Promise<Address> =>
  (
    await findAssociatedTokenPda({ owner: address(owner), mint: address(mint), tokenProgram: TOKEN_PROGRAM_ADDRESS })
  )[0];

const withReferences = (ix: Instruction, references: readonly string[] = []): Instruction => ({
  ...ix,
  accounts: [...(ix.accounts ?? []), ...references.map((r) => ({ address: address(r), role: AccountRole.READONLY }))],
});

export async function newWallet(chain: LocalChain, lamports = 10_000_000_000n): Promise<KeyPairSigner> {
  const signer = await generateKeyPairSigner();
  chain.airdrop(signer.address, lamports);
  return signer;
}

/** Signs and sends a payment from `payer`; returns the signature. */
export async function pay(chain: LocalChain, payer: KeyPairSigner, payment: Payment): Promise<string> {
  const rpc = createSolanaRpc(chain.url);
  const transfer = payment.splToken
    ? getTransferCheckedInstruction({
        source: await ata(payer.address, payment.splToken.mint),
        mint: address(payment.splToken.mint),
        destination: await ata(payment.recipient, payment.splToken.mint),
        authority: payer,
        amount: payment.amount,
        decimals: payment.splToken.decimals,
      })
    : getTransferSolInstruction({ source: payer, destination: address(payment.recipient), amount: payment.amount });
  const instructions: Instruction[] = [
    ...(payment.memo ? [getAddMemoInstruction({ memo: payment.memo })] : []),
    withReferences(transfer, payment.references),
  ];
  const { value: blockhash } = await rpc.getLatestBlockhash().send();
  const message = pipe(
    createTransactionMessage({ version: payment.version ?? "legacy" }),
    (m) => setTransactionMessageFeePayerSigner(payer, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(blockhash, m),
    (m) => appendTransactionMessageInstructions(instructions, m),
  );
  const signed = await signTransactionMessageWithSigners(message);
  return rpc
    .sendTransaction(getBase64EncodedWireTransaction(signed), { encoding: "base64", skipPreflight: true })
    .send();
}
