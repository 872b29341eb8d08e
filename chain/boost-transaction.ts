// The transaction a Solana Pay transaction request answers for an XP boost: the wallet burns
// the boost's CLONES from its own token account. The memo names the request; the request's
// reference and the treasury ride on the burn as read-only keys, so the payment watcher (which
// scans the treasury's signatures) finds it and matches it. The wallet signs as fee payer.
import {
  AccountRole,
  address,
  appendTransactionMessageInstructions,
  compileTransaction,
  createNoopSigner,
  createSolanaRpc,
  createTransactionMessage,
  getBase64EncodedWireTransaction,
  pipe,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  type Instruction,
} from "@solana/kit";
import { getAddMemoInstruction } from "@solana-program/memo";
import { getBurnCheckedInstruction } from "@solana-program/token";
import { associatedTokenAccount } from "./token-accounts.js";

export interface BurnRequest {
  /** The wallet that asked (the Solana Pay POST's `account`): it pays the fee and signs. */
  readonly account: string;
  readonly mint: string;
  readonly decimals: number;
  readonly units: bigint;
  readonly reference: string;
  readonly treasury: string;
  readonly memo: string;
}

/** Builds the unsigned burn transaction, base64 as Solana Pay expects. */
export async function burnTransaction(rpcUrl: string, input: BurnRequest): Promise<string> {
  const rpc = createSolanaRpc(rpcUrl);
  const wallet = createNoopSigner(address(input.account));
  const burn = getBurnCheckedInstruction({
    account: address(await associatedTokenAccount(input.account, input.mint)),
    mint: address(input.mint),
    authority: wallet,
    amount: input.units,
    decimals: input.decimals,
  });
  const withKeys: Instruction = {
    ...burn,
    accounts: [
      ...(burn.accounts ?? []),
      { address: address(input.reference), role: AccountRole.READONLY },
      { address: address(input.treasury), role: AccountRole.READONLY },
    ],
  };
  const { value: lifetime } = await rpc.getLatestBlockhash({ commitment: "confirmed" }).send();
  const message = pipe(
    createTransactionMessage({ version: 0 }),
    (m) => setTransactionMessageFeePayerSigner(wallet, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(lifetime, m),
    (m) => appendTransactionMessageInstructions([getAddMemoInstruction({ memo: input.memo }), withKeys], m),
  );
  return getBase64EncodedWireTransaction(compileTransaction(message));
}
