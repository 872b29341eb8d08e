// The payment watcher: one getSignaturesForAddress per watched address and poll, whatever the
// number of open requests, from a stored cursor; then each new transaction is decoded,
// validated and handed to the core, which credits it once per signature. A crash or a second
// watcher only repeats work the database then ignores; an RPC failure throws before the
// cursor moves, so nothing is lost.
import { createSolanaRpc, type Signature } from "@solana/kit";
import type { Core } from "../core/index.js";
import type { TokenRegistry, TokenSymbol } from "../core/money/tokens.js";
import { units } from "../core/money/units.js";
import type { PaymentResult } from "../core/payments/record-payment.js";
import type { BurnResult } from "../core/boosts/record-burn.js";
import { decodeBurns, decodeTransfers, type RawTransfer, type TransactionLike } from "./decode-transfers.js";
import { signaturesSince } from "./signatures.js";

export interface CursorStore {
  get(address: string): Promise<string | null>;
  set(address: string, signature: string): Promise<void>;
}

export interface WatcherDeps {
  readonly rpcUrl: string;
  readonly core: Core;
  readonly tokens: TokenRegistry;
  readonly cursors: CursorStore;
  /** The wallets that receive payments (treasury, staking vault). */
  readonly wallets: readonly string[];
  /** Their token accounts for each configured mint (SPL payments land there). */
  readonly tokenAccounts: readonly string[];
  /**
   * Every transaction the scan fetched (confirmed), after its payments and burns: dataset-token
   * transactions name the treasury, so this is where they are recorded (app/dataset-tokens.ts).
   */
  readonly onTransaction?: (tx: TransactionLike) => Promise<void>;
}

export interface PollResult {
  readonly rpcCalls: number;
  readonly transactions: number;
  readonly recorded: readonly PaymentResult[];
  /** Burns naming a boost request, recorded now. */
  readonly burns: readonly BurnResult[];
}

/**
 * Payments are credited once a supermajority of stake has voted on them ("confirmed", about a
 * second), so funding shows up within seconds instead of the ~13 s "finalized" takes.
 */
const COMMITMENT = "confirmed" as const;

export function createWatcher(deps: WatcherDeps) {
  const rpc = createSolanaRpc(deps.rpcUrl);
  const mintToken = new Map(
    deps.tokens
      .list()
      .filter((t) => t.mint)
      .map((t) => [t.mint!, t.symbol] as const),
  );
  const watched = new Set(deps.wallets);

  const newSignatures = async (addr: string, counter: { calls: number }): Promise<string[]> =>
    signaturesSince(rpc, addr, await deps.cursors.get(addr), () => counter.calls++);

  function toToken(t: RawTransfer): TokenSymbol | null {
    return t.mint === null ? "SOL" : (mintToken.get(t.mint) ?? null);
  }

  return {
    /**
     * One getSignatureStatuses call for up to 256 credited payments: those the chain has
     * finalized are marked so (their request messages can say it).
     */
    async finalize() {
      const pending = await deps.core.listUnfinalizedPayments(256);
      if (pending.length === 0) return [];
      const { value } = await rpc.getSignatureStatuses(pending.map((p) => p.signature as Signature)).send();
      const finalized = pending.filter((_, i) => value[i]?.confirmationStatus === "finalized").map((p) => p.signature);
      return finalized.length ? deps.core.finalizePayments(finalized) : [];
    },

    async pollOnce(): Promise<PollResult> {
      const counter = { calls: 0 };
      const recorded: PaymentResult[] = [];
      const burns: BurnResult[] = [];
      const seen = new Set<string>();
      let transactions = 0;
      for (const addr of [...deps.wallets, ...deps.tokenAccounts]) {
        const signatures = await newSignatures(addr, counter);
        for (const signature of signatures) {
          if (seen.has(signature)) continue;
          seen.add(signature);
          counter.calls++;
          transactions++;
          const tx = await rpc
            .getTransaction(signature as Signature, {
              commitment: COMMITMENT,
              encoding: "base64",
              maxSupportedTransactionVersion: 0,
            })
            .send();
          if (!tx) throw new Error(`transaction ${signature} not found yet`);
          for (const transfer of decodeTransfers(tx as never)) {
            const token = toToken(transfer);
            if (!token || !watched.has(transfer.recipient)) continue;
            const result = await deps.core.recordPayment({
              signature,
              references: transfer.references,
              payer: transfer.authority,
              recipient: transfer.recipient,
              token,
              units: units(transfer.units),
              slot: BigInt(tx.slot),
            });
            if (result.ok && result.value.isNew) recorded.push(result.value);
          }
          // A boost's burn names the treasury (read-only) so that this scan finds it.
          for (const burn of decodeBurns(tx as never)) {
            const token = mintToken.get(burn.mint);
            if (!token || burn.references.length === 0) continue;
            const result = await deps.core.recordBurn({
              signature,
              references: burn.references,
              burner: burn.authority,
              token,
              units: units(burn.units),
              slot: BigInt(tx.slot),
            });
            if (result.ok && result.value?.isNew) burns.push(result.value);
          }
          await deps.onTransaction?.(tx as unknown as TransactionLike);
        }
        if (signatures.length) await deps.cursors.set(addr, signatures[signatures.length - 1]!);
      }
      return { rpcCalls: counter.calls, transactions, recorded, burns };
    },
  };
}
