// The reconciler: reads what actually left the treasury and the staking vault on chain and
// compares it with the payouts the database says were confirmed. Anything else is a problem for
// an admin: money that left without a payout (a leaked key, a second system using it), a
// transaction that landed although its attempt was given up (a double payment), a payout
// recorded as confirmed that the chain does not have, or a wallet holding less than the ledger
// holds for others.
import { address, createSolanaRpc, type Signature } from "@solana/kit";
import type { Core } from "../../core/index.js";
import { formatAmount } from "../../core/money/amount.js";
import type { TokenRegistry, TokenSymbol } from "../../core/money/tokens.js";
import { decodeTransfers } from "../decode-transfers.js";
import { signaturesSince } from "../signatures.js";
import { associatedTokenAccount } from "../token-accounts.js";
import type { CursorStore } from "../watcher.js";

type ReconcileCore = Pick<Core, "findPayoutAttempt" | "listBatchPayouts" | "listConfirmedAttempts" | "ledgerHeldTotal">;

export interface ReconcileDeps {
  readonly rpcUrl: string;
  readonly core: ReconcileCore;
  readonly tokens: TokenRegistry;
  readonly treasury: string;
  readonly vault: string | null;
  /** Where each scan stopped, per wallet (its own keys: `reconcile:<wallet>`). */
  readonly cursors: CursorStore;
}

export interface Reconciliation {
  readonly checkedTransactions: number;
  readonly problems: readonly string[];
}

/** Confirmed attempts of the last day are looked up on chain again. */
const RECHECK_MS = 24 * 3600_000;

export async function reconcile(deps: ReconcileDeps): Promise<Reconciliation> {
  const rpc = createSolanaRpc(deps.rpcUrl);
  const problems: string[] = [];
  const wallets = [deps.treasury, ...(deps.vault ? [deps.vault] : [])];
  const mintToken = new Map(deps.tokens.list().flatMap((t) => (t.mint ? [[t.mint, t.symbol] as const] : [])));
  const show = (token: TokenSymbol, units: bigint) =>
    `${formatAmount(units, deps.tokens.get(token).decimals)} ${token}`;
  let checked = 0;

  for (const wallet of wallets) {
    const key = `reconcile:${wallet}`;
    const found = await signaturesSince(rpc, wallet, await deps.cursors.get(key));
    for (const signature of found) {
      checked++;
      const tx = await rpc
        .getTransaction(signature as Signature, {
          commitment: "confirmed",
          encoding: "base64",
          maxSupportedTransactionVersion: 0,
        })
        .send();
      if (!tx) throw new Error(`transaction ${signature} not found yet`);
      const out = decodeTransfers(tx as never).filter((t) => t.authority === wallet);
      if (out.length === 0) continue; // money in, or fees only
      const attempt = await deps.core.findPayoutAttempt(signature);
      const sent = out.map(
        (t) => `${show(t.mint ? (mintToken.get(t.mint) ?? "SOL") : "SOL", t.units)} to ${t.recipient}`,
      );
      if (!attempt) {
        problems.push(`${signature}: ${sent.join(", ")} left ${wallet} without a payout of ours`);
        continue;
      }
      if (attempt.status !== "confirmed") {
        problems.push(`${signature}: landed on chain but its payout attempt is recorded as ${attempt.status}`);
        continue;
      }
      const expected = new Map<string, bigint>();
      for (const p of await deps.core.listBatchPayouts(attempt.batchId))
        if (p.signature === signature) expected.set(p.wallet!, (expected.get(p.wallet!) ?? 0n) + p.units);
      const actual = new Map<string, bigint>();
      for (const t of out) actual.set(t.recipient, (actual.get(t.recipient) ?? 0n) + t.units);
      const differs = expected.size !== actual.size || [...expected].some(([w, units]) => actual.get(w) !== units);
      if (differs) problems.push(`${signature}: sent ${sent.join(", ")}, which is not what its payouts add up to`);
    }
    if (found.length) await deps.cursors.set(key, found[found.length - 1]!);
  }

  // Confirmed in the database, but not (or no longer) on chain.
  const confirmed = await deps.core.listConfirmedAttempts(RECHECK_MS);
  for (let i = 0; i < confirmed.length; i += 256) {
    const chunk = confirmed.slice(i, i + 256);
    const { value } = await rpc
      .getSignatureStatuses(
        chunk.map((a) => a.signature as Signature),
        { searchTransactionHistory: true },
      )
      .send();
    chunk.forEach((a, j) => {
      const status = value[j];
      if (!status || status.err !== null)
        problems.push(
          `${a.signature}: recorded as a confirmed payout, but the chain ${status ? "failed it" : "does not have it"}`,
        );
    });
  }

  // Each wallet holds at least what the ledger holds for others.
  for (const token of deps.tokens.list()) {
    const held = await deps.core.ledgerHeldTotal(token.symbol);
    let onChain = 0n;
    for (const wallet of wallets) onChain += await balanceOf(rpc, wallet, token.mint);
    if (token.symbol === "SOL")
      onChain -= BigInt(await rpc.getMinimumBalanceForRentExemption(0n).send()) * BigInt(wallets.length);
    if (onChain < held)
      problems.push(
        `${token.symbol}: the treasury${deps.vault ? " and the vault" : ""} hold ${show(token.symbol, onChain > 0n ? onChain : 0n)}, the ledger holds ${show(token.symbol, held)} for others: ${show(token.symbol, held - onChain)} missing`,
      );
  }
  return { checkedTransactions: checked, problems };
}

async function balanceOf(
  rpc: ReturnType<typeof createSolanaRpc>,
  wallet: string,
  mint: string | null,
): Promise<bigint> {
  if (!mint) return BigInt((await rpc.getBalance(address(wallet), { commitment: "confirmed" }).send()).value);
  try {
    const { value } = await rpc.getTokenAccountBalance(address(await associatedTokenAccount(wallet, mint))).send();
    return BigInt(value.amount);
  } catch {
    return 0n; // no token account: holds none
  }
}
