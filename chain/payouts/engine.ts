// The payout worker's round (core/economics/README.md, "Money out"): resolve the batches in
// flight (confirmed, failed, expired or to be sent again), check the treasury can pay the
// fees, then plan, sign, store and send new batches. Every decision is a conditional step in
// the database, so several workers may run rounds at once and any of them may die anywhere:
// a signed transaction is stored before it is sent, and a batch is signed again only once its
// previous transaction can no longer land.
import { address, createSolanaRpc, type Rpc, type Signature, type KeyPairSigner, type SolanaRpcApi } from "@solana/kit";
import type { Core } from "../../core/index.js";
import type { TokenRegistry, TokenSymbol } from "../../core/money/tokens.js";
import type { PayableGroup } from "../../core/payouts/list-payable.js";
import type { PayoutSource, Payout } from "../../core/payouts/payout.js";
import type { PayoutBatch } from "../../core/payouts/batch.js";
import type { OpenBatch } from "../../core/payouts/queries.js";
import { associatedTokenAccount } from "../token-accounts.js";
import { landedCosts } from "./landed.js";
import type { LookupTables } from "./lookup-tables.js";
import { pack } from "./pack.js";
import { priorityFee, type PriorityFeeBounds } from "./priority-fee.js";
import {
  payoutFee,
  signPayoutTransaction,
  fitsInOneTransaction,
  type PayoutTransactionInput,
  type PayoutTransfer,
} from "./transaction.js";

type EngineCore = Pick<
  Core,
  | "listPayable"
  | "planBatch"
  | "recordSignedAttempt"
  | "confirmBatch"
  | "failBatch"
  | "expireAttempt"
  | "releasePayouts"
  | "listOpenBatches"
  | "ledgerHeldTotal"
  | "reportPayoutEngine"
  | "getPayoutEngine"
>;

/** What the engine tells the rest of the system (DMs, admin alerts); each may be called again after a crash. */
export interface PayoutEvents {
  /** A batch was confirmed: its payouts are paid out. */
  paid(batch: PayoutBatch, payouts: readonly Payout[], signature: string): Promise<void>;
  /** A batch's transaction failed on chain; `held` payouts failed too often and need an admin. */
  failed(batch: PayoutBatch, error: string, held: readonly Payout[]): Promise<void>;
  /** Payouts paused for lack of SOL (true), or resumed (false), since `since`. */
  gas(paused: boolean, neededLamports: bigint, availableLamports: bigint, since: Date): Promise<void>;
  /** People owed money who have not linked a wallet. */
  walletsMissing(accountIds: readonly string[]): Promise<void>;
}

export interface PayoutEngineOptions {
  /** Batches planned or signed at once, at most (limits what a single outage holds up). */
  readonly maxOpenBatches?: number;
  /** At most this many transfers per transaction (1 makes the one-transfer-per-transaction baseline). */
  readonly maxTransfersPerTx?: number;
  readonly priorityFee?: PriorityFeeBounds;
  /** Send a signed transaction again after this long without a status. */
  readonly resendEveryMs?: number;
}

/** Test seams for crash tests: called right after the step they name. */
export interface PayoutHooks {
  afterSigned?(batchId: string, signature: string): Promise<void> | void;
  afterSent?(batchId: string, signature: string): Promise<void> | void;
  beforeConfirm?(batchId: string, signature: string): Promise<void> | void;
}

export interface PayoutEngineDeps {
  readonly rpcUrl: string;
  readonly core: EngineCore;
  readonly tokens: TokenRegistry;
  readonly treasury: KeyPairSigner;
  /** The staking vault's key, to send unstaked CLONES back; without it those stay owed. */
  readonly vault: KeyPairSigner | null;
  /** Lookup tables of recipients paid before (more transfers fit a transaction); none: plain v0. */
  readonly lookupTables?: LookupTables | null;
  readonly events: PayoutEvents;
  readonly options?: PayoutEngineOptions;
  readonly hooks?: PayoutHooks;
  readonly log?: (level: "info" | "warn", message: string, detail?: Record<string, unknown>) => void;
}

export interface RoundResult {
  readonly confirmed: number;
  readonly failed: number;
  readonly expired: number;
  readonly resent: number;
  readonly signed: number;
  readonly planned: number;
  readonly paused: boolean;
}

const TOKEN_ACCOUNT_SIZE = 165n;

export function createPayoutEngine(deps: PayoutEngineDeps) {
  const rpc: Rpc<SolanaRpcApi> = createSolanaRpc(deps.rpcUrl);
  const options = {
    maxOpenBatches: deps.options?.maxOpenBatches ?? 16,
    maxTransfersPerTx: deps.options?.maxTransfersPerTx ?? Number.POSITIVE_INFINITY,
    priorityFee: deps.options?.priorityFee ?? { floor: 0n, cap: 200_000n },
    resendEveryMs: deps.options?.resendEveryMs ?? 2_000,
  };
  const log = deps.log ?? (() => undefined);
  /** The lookup tables' usable addresses, read at the start of each round. */
  let activeTables: Record<string, string[]> = {};
  /** When this process last sent each signature (another process's sends are unknown: resend). */
  const lastSent = new Map<string, number>();

  const signers = (source: PayoutSource) => {
    const authority = source === "vault" ? deps.vault : deps.treasury;
    return authority ? { feePayer: deps.treasury, authority } : null;
  };

  async function send(signature: string, wire: string): Promise<void> {
    lastSent.set(signature, Date.now());
    if (lastSent.size > 10_000) lastSent.delete(lastSent.keys().next().value!);
    try {
      await rpc.sendTransaction(wire as never, { encoding: "base64", skipPreflight: true, maxRetries: 0n }).send();
    } catch (error) {
      // Nothing is lost: the attempt is stored and is sent again (or expires) on a later round.
      log("warn", "sending a payout transaction failed; it is sent again later", { signature, error: String(error) });
    }
  }

  /** Confirmed, failed, expired, or still travelling (then sent again now and then). */
  async function resolve(
    open: readonly OpenBatch[],
  ): Promise<Pick<RoundResult, "confirmed" | "failed" | "expired" | "resent">> {
    const counts = { confirmed: 0, failed: 0, expired: 0, resent: 0 };
    const signed = open.filter((b) => b.batch.status === "signed" && b.attempt?.status === "signed");
    if (signed.length === 0) return counts;
    const signatures = signed.map((b) => b.attempt!.signature as Signature);
    const { value: statuses } = await rpc.getSignatureStatuses(signatures, { searchTransactionHistory: true }).send();
    let finalizedHeight: bigint | null = null;
    for (const [i, item] of signed.entries()) {
      const attempt = item.attempt!;
      const status = statuses[i];
      const landed = status && (status.confirmationStatus === "confirmed" || status.confirmationStatus === "finalized");
      if (landed && status.err === null) {
        if (await settle(item, "confirmed")) counts.confirmed++;
      } else if (landed) {
        if (
          await settle(
            item,
            "failed",
            JSON.stringify(status.err, (_, v) => (typeof v === "bigint" ? Number(v) : v)),
          )
        )
          counts.failed++;
      } else if (!status) {
        finalizedHeight ??= await rpc.getBlockHeight({ commitment: "finalized" }).send();
        if (finalizedHeight > attempt.lastValidBlockHeight) {
          // Past its last valid block height at the finalized tip: look once more, then it can never land.
          const { value } = await rpc
            .getSignatureStatuses([attempt.signature as Signature], { searchTransactionHistory: true })
            .send();
          if (value[0]) continue;
          const expired = await deps.core.expireAttempt({ batchId: item.batch.id, signature: attempt.signature });
          if (expired.ok) counts.expired++;
        } else if (Date.now() - (lastSent.get(attempt.signature) ?? 0) >= options.resendEveryMs) {
          await send(attempt.signature, attempt.wire);
          counts.resent++;
        }
      }
    }
    return counts;
  }

  /** Records a landed attempt; true when this call changed the batch. */
  async function settle(item: OpenBatch, outcome: "confirmed" | "failed", error = ""): Promise<boolean> {
    const attempt = item.attempt!;
    const tx = await rpc
      .getTransaction(attempt.signature as Signature, {
        commitment: "confirmed",
        encoding: "base64",
        maxSupportedTransactionVersion: 0,
      })
      .send();
    if (!tx) return false; // the node has the status but not the transaction yet: next round
    const token = deps.tokens.get(item.batch.token);
    const costs = await landedCosts(tx, item.payouts, token.mint);
    await deps.hooks?.beforeConfirm?.(item.batch.id, attempt.signature);
    if (outcome === "confirmed") {
      const done = await deps.core.confirmBatch({
        batchId: item.batch.id,
        signature: attempt.signature,
        slot: BigInt(tx.slot),
        feeLamports: costs.fee,
        rents: costs.rents,
      });
      if (!done.ok) return false;
      await rememberRecipients(item.batch, done.value.payouts, token.mint);
      await deps.events.paid(
        done.value.batch,
        done.value.payouts.filter((p) => p.status === "paid"),
        attempt.signature,
      );
      return done.value.changed;
    }
    const done = await deps.core.failBatch({
      batchId: item.batch.id,
      signature: attempt.signature,
      slot: BigInt(tx.slot),
      feeLamports: costs.fee,
      error,
    });
    if (!done.ok) return false;
    log("warn", "a payout transaction failed on chain; its payouts are owed again", { batch: item.batch.id, error });
    await deps.events.failed(
      done.value.batch,
      error,
      done.value.payouts.filter((p) => p.heldReason !== null),
    );
    return done.value.changed;
  }

  /** Recipients paid once are paid again: their receiving accounts go into a lookup table. */
  async function rememberRecipients(batch: PayoutBatch, payouts: readonly Payout[], mint: string | null) {
    if (!deps.lookupTables) return;
    const wallets = [...new Set(payouts.map((p) => p.wallet!))];
    const keys = signers(batch.source);
    const addresses = mint
      ? [
          mint,
          ...(keys ? [await associatedTokenAccount(keys.authority.address, mint)] : []),
          ...(await Promise.all(wallets.map((w) => associatedTokenAccount(w, mint)))),
        ]
      : wallets;
    await deps.lookupTables.remember(addresses);
  }

  /** The token account of each wallet for a mint, and which of them exist. */
  async function tokenAccounts(mint: string, wallets: readonly string[]) {
    const accounts = new Map<string, string>();
    for (const wallet of new Set(wallets)) accounts.set(wallet, await associatedTokenAccount(wallet, mint));
    const existing = await existingAccounts([...accounts.values()]);
    return { accountOf: (w: string) => accounts.get(w)!, exists: (w: string) => existing.has(accounts.get(w)!) };
  }

  async function existingAccounts(addresses: readonly string[]): Promise<Map<string, bigint>> {
    const found = new Map<string, bigint>();
    for (let i = 0; i < addresses.length; i += 100) {
      const chunk = addresses.slice(i, i + 100);
      const { value } = await rpc
        .getMultipleAccounts(
          chunk.map((a) => address(a)),
          { encoding: "base64" },
        )
        .send();
      value.forEach((account, j) => {
        if (account) found.set(chunk[j]!, BigInt(account.lamports));
      });
    }
    return found;
  }

  interface Prepared {
    readonly base: Omit<PayoutTransactionInput, "transfers" | "lifetime">;
    readonly transferOf: (wallet: string, units: bigint) => PayoutTransfer;
    readonly rentPerAccount: bigint;
  }

  async function prepare(token: TokenSymbol, source: PayoutSource, wallets: readonly string[], price: bigint) {
    const keys = signers(source);
    if (!keys) return null;
    const info = deps.tokens.get(token);
    const rentPerAccount = BigInt(await rpc.getMinimumBalanceForRentExemption(TOKEN_ACCOUNT_SIZE).send());
    if (!info.mint) {
      const base = { ...keys, mint: null, microLamportsPerCu: price, lookupTables: activeTables };
      return {
        base,
        transferOf: (wallet: string, units: bigint) => ({ wallet, units, openAccount: false }),
        rentPerAccount,
      };
    }
    const source_ = await associatedTokenAccount(keys.authority.address, info.mint);
    const accounts = await tokenAccounts(info.mint, wallets);
    const base = {
      ...keys,
      mint: { address: info.mint, decimals: info.decimals, source: source_ },
      microLamportsPerCu: price,
      lookupTables: activeTables,
    };
    const transferOf = (wallet: string, units: bigint): PayoutTransfer => ({
      wallet,
      tokenAccount: accounts.accountOf(wallet),
      units,
      openAccount: !accounts.exists(wallet),
    });
    return { base, transferOf, rentPerAccount } satisfies Prepared;
  }

  /** Lamports a transaction will cost the treasury: fees and the rent of accounts it opens. */
  const costOf = (p: Prepared, transfers: readonly PayoutTransfer[]) =>
    payoutFee({ ...p.base, transfers }) + BigInt(transfers.filter((t) => t.openAccount).length) * p.rentPerAccount;

  /**
   * Builds, stores (before sending) and sends a planned batch's transaction, if `budget`
   * lamports cover its fee and rent. `short` is what it needs when they do not.
   */
  async function signAndSend(
    batch: PayoutBatch,
    payouts: readonly Payout[],
    price: bigint,
    budget: bigint,
  ): Promise<{ sent: boolean; cost: bigint; short: bigint | null }> {
    const byWallet = new Map<string, bigint>();
    for (const p of payouts) byWallet.set(p.wallet!, (byWallet.get(p.wallet!) ?? 0n) + p.units);
    const prepared = await prepare(batch.token, batch.source, [...byWallet.keys()], price);
    if (!prepared) return { sent: false, cost: 0n, short: null };
    const transfers = [...byWallet].map(([wallet, units]) => prepared.transferOf(wallet, units));
    const cost = costOf(prepared, transfers);
    if (budget < cost) return { sent: false, cost, short: cost };
    const { value: lifetime } = await rpc.getLatestBlockhash({ commitment: "confirmed" }).send();
    const input = { ...prepared.base, transfers, lifetime };
    if (!fitsInOneTransaction(input)) {
      // Rebuilt with more accounts to open than when planned: hand the last wallet back.
      const last = transfers[transfers.length - 1]!.wallet;
      await deps.core.releasePayouts({
        batchId: batch.id,
        payoutIds: payouts.filter((p) => p.wallet === last).map((p) => p.id),
        reason: "did not fit in one transaction",
      });
      return { sent: false, cost: 0n, short: null };
    }
    const signed = await signPayoutTransaction(input);
    const stored = await deps.core.recordSignedAttempt({
      batchId: batch.id,
      signature: signed.signature,
      blockhash: lifetime.blockhash,
      lastValidBlockHeight: BigInt(lifetime.lastValidBlockHeight),
      wire: signed.wire,
      payouts,
    });
    // Another worker signed it first, or took a payout out of it meanwhile: this one is never sent.
    if (!stored.ok) return { sent: false, cost: 0n, short: null };
    await deps.hooks?.afterSigned?.(batch.id, signed.signature);
    await send(signed.signature, signed.wire);
    await deps.hooks?.afterSent?.(batch.id, signed.signature);
    return { sent: true, cost, short: null };
  }

  /** SOL the treasury can spend on fees and rent: its balance beyond what the ledger holds for others. */
  async function spendableLamports(): Promise<bigint> {
    const [{ value: lamports }, held, rentFloor] = await Promise.all([
      rpc.getBalance(address(deps.treasury.address), { commitment: "confirmed" }).send(),
      deps.core.ledgerHeldTotal("SOL"),
      rpc.getMinimumBalanceForRentExemption(0n).send(),
    ]);
    return BigInt(lamports) - held - BigInt(rentFloor);
  }

  async function report(paused: boolean, needed: bigint | null, available: bigint | null): Promise<void> {
    const now = new Date();
    const before = await deps.core.getPayoutEngine();
    const state = paused ? "paused_gas" : "running";
    const changed = before?.state !== state;
    const since = changed || !before ? now : before.since;
    await deps.core.reportPayoutEngine({
      state,
      since,
      heartbeatAt: now,
      neededLamports: paused ? needed : null,
      availableLamports: paused ? available : null,
      sources: deps.vault ? ["treasury", "vault"] : ["treasury"],
    });
    if (changed && (paused || before?.state === "paused_gas"))
      await deps.events.gas(paused, needed ?? 0n, available ?? 0n, since);
  }

  /** Groups of payable money, per token and paying wallet, that this worker can send. */
  function byTokenAndSource(groups: readonly PayableGroup[]) {
    const out = new Map<string, PayableGroup[]>();
    for (const g of groups) {
      if (!signers(g.source)) continue;
      const key = `${g.token}:${g.source}`;
      out.set(key, [...(out.get(key) ?? []), g]);
    }
    return [...out.values()];
  }

  /** Skips SOL transfers that would leave a new wallet below rent exemption (the transfer would fail). */
  async function rentSafe(groups: PayableGroup[]): Promise<PayableGroup[]> {
    if (groups[0]?.token !== "SOL") return groups;
    const floor = BigInt(await rpc.getMinimumBalanceForRentExemption(0n).send());
    const balances = await existingAccounts(groups.map((g) => g.wallet));
    return groups.filter((g) => (balances.get(g.wallet) ?? 0n) + g.units >= floor);
  }

  return {
    /** One round; safe to run in several processes at once. */
    async round(): Promise<RoundResult> {
      let open = await deps.core.listOpenBatches(options.maxOpenBatches * 4);
      const resolved = await resolve(open);
      open = await deps.core.listOpenBatches(options.maxOpenBatches * 4);
      const price = await priorityFee(rpc, [deps.treasury.address], options.priorityFee);
      activeTables = (await deps.lookupTables?.active()) ?? {};
      let spendable = await spendableLamports();
      let signed = 0;
      let planned = 0;
      let needed: bigint | null = null;
      // Batches planned earlier (a crash between planning and signing, or an expired attempt).
      for (const { batch, payouts } of open.filter((b) => b.batch.status === "planned")) {
        const done = await signAndSend(batch, payouts, price, spendable);
        if (done.short !== null) {
          needed = done.short;
          break;
        }
        spendable -= done.cost;
        if (done.sent) signed++;
      }
      let room = options.maxOpenBatches - open.filter((b) => b.batch.status === "signed").length - signed;
      const scan = room > 0 && needed === null ? await deps.core.listPayable({ limit: 2_000 }) : null;
      if (scan?.withoutWallet.length) await deps.events.walletsMissing(scan.withoutWallet);
      for (const groups of byTokenAndSource(scan?.payable ?? [])) {
        if (room <= 0 || needed !== null) break;
        const { token, source } = groups[0]!;
        const sendable = await rentSafe(groups);
        const prepared = await prepare(
          token,
          source,
          sendable.map((g) => g.wallet),
          price,
        );
        if (!prepared) continue;
        const batches = pack(
          sendable,
          (g) => prepared.transferOf(g.wallet, g.units),
          prepared.base,
          options.maxTransfersPerTx,
        );
        for (const packed of batches) {
          if (room <= 0) break;
          const cost = costOf(prepared, packed.transfers);
          if (spendable < cost) {
            needed = cost;
            break;
          }
          const plan = await deps.core.planBatch({
            token,
            source,
            recipients: packed.groups.map((g) => ({
              recipientId: g.recipientId,
              wallet: g.wallet,
              payoutIds: g.payouts.map((p) => p.id),
            })),
          });
          if (!plan.ok || !plan.value) continue;
          planned++;
          room--;
          const done = await signAndSend(plan.value.batch, plan.value.payouts, price, spendable);
          spendable -= done.cost;
          if (done.sent) signed++;
        }
      }
      const paused = needed !== null;
      // With SOL to spare, one lookup-table extension for recipients paid this time.
      if (!paused && deps.lookupTables) spendable -= await deps.lookupTables.extend(spendable);
      await report(paused, needed, paused ? spendable : null);
      return { ...resolved, signed, planned, paused };
    },
  };
}
