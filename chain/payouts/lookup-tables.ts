// Address lookup tables for payouts: people are paid again and again, so once a recipient has
// been paid, their receiving account (their token account, or their wallet for SOL) goes into a
// table the treasury owns. A v0 transaction then names them with one byte instead of 32, and
// about three times as many transfers fit in one transaction. Extending costs rent (about
// 0.00022 SOL an address), booked with the network fees; an address becomes usable the slot
// after it was added.
import {
  address,
  appendTransactionMessageInstructions,
  createSolanaRpc,
  createTransactionMessage,
  getBase64EncodedWireTransaction,
  getSignatureFromTransaction,
  pipe,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
  type Instruction,
  type KeyPairSigner,
  type Signature,
} from "@solana/kit";
import {
  findAddressLookupTablePda,
  getCreateLookupTableInstruction,
  getExtendLookupTableInstruction,
} from "@solana-program/address-lookup-table";

/** A table and the addresses it holds, by the slot they were added in. */
export interface LookupTableState {
  readonly address: string;
  readonly chunks: ReadonlyArray<{ readonly slot: number; readonly addresses: readonly string[] }>;
}

/** An extension signed and sent, not yet known to have landed or expired. */
export interface PendingExtension {
  readonly signature: string;
  readonly table: string;
  readonly fresh: boolean;
  readonly addresses: readonly string[];
  readonly lastValidBlockHeight: string;
}

export interface LookupTablesState {
  tables: LookupTableState[];
  /** Addresses to add. */
  pending: string[];
  /** Stored before it is sent, like a payout attempt: resolved before anything else is sent. */
  inFlight?: PendingExtension;
}

export interface LookupTableStore {
  load(): Promise<LookupTablesState | undefined>;
  save(state: LookupTablesState): Promise<void>;
}

/** A table holds at most 256 addresses; one extension carries at most this many. */
const TABLE_CAPACITY = 256;
const PER_EXTENSION = 24;
const CONFIRM_TIMEOUT_MS = 15_000;

export function lookupTables(deps: {
  readonly rpcUrl: string;
  readonly treasury: KeyPairSigner;
  readonly store: LookupTableStore;
  /** Books what an extension cost the treasury (fee and rent) as a network cost. */
  readonly cost: (signature: string, lamports: bigint) => Promise<void>;
}) {
  const rpc = createSolanaRpc(deps.rpcUrl);
  const load = async () => (await deps.store.load()) ?? { tables: [], pending: [] };
  const known = (tables: readonly LookupTableState[]) =>
    new Set(tables.flatMap((t) => t.chunks.flatMap((c) => c.addresses)));

  return {
    /** The tables' addresses usable in a transaction now (added before the current slot). */
    async active(): Promise<Record<string, string[]>> {
      const { tables } = await load();
      if (tables.length === 0) return {};
      const slot = Number(await rpc.getSlot({ commitment: "confirmed" }).send());
      return Object.fromEntries(
        tables
          .map((t) => [t.address, t.chunks.filter((c) => c.slot < slot).flatMap((c) => c.addresses)] as const)
          .filter(([, addresses]) => addresses.length > 0),
      );
    },

    /** Remembers addresses worth a table entry (recipients who were paid); added by `extend`. */
    async remember(addresses: readonly string[]): Promise<void> {
      const state = await load();
      const have = known(state.tables);
      const pending = [...new Set([...state.pending, ...addresses])].filter((a) => !have.has(a));
      if (pending.length !== state.pending.length) await deps.store.save({ ...state, pending });
    },

    /**
     * Adds up to one extension's worth of remembered addresses, creating a table when the last
     * one is full, if `budget` lamports cover it. A previous extension still in flight is
     * resolved first (landed: recorded and its cost booked; expired: forgotten). Returns the
     * lamports spent now (0 when nothing landed).
     */
    async extend(budget: bigint): Promise<bigint> {
      let state = await load();
      if (state.inFlight) {
        const resolved = await resolve(state, state.inFlight);
        if (!resolved) return 0n; // still travelling
        state = resolved.state;
        if (resolved.spent > 0n) return resolved.spent;
      }
      if (state.pending.length === 0) return 0n;
      const last = state.tables.at(-1);
      const used = last ? last.chunks.reduce((n, c) => n + c.addresses.length, 0) : TABLE_CAPACITY;
      const fresh = used >= TABLE_CAPACITY;
      const chunk = state.pending.slice(0, Math.min(PER_EXTENSION, fresh ? PER_EXTENSION : TABLE_CAPACITY - used));
      const rent = BigInt(await rpc.getMinimumBalanceForRentExemption(BigInt(56 + 32 * chunk.length)).send());
      if (budget < rent + 10_000n) return 0n;
      const instructions: Instruction[] = [];
      let table = last?.address;
      if (fresh) {
        const recentSlot = await rpc.getSlot({ commitment: "finalized" }).send();
        const pda = await findAddressLookupTablePda({ authority: deps.treasury.address, recentSlot });
        table = pda[0];
        instructions.push(
          getCreateLookupTableInstruction({
            address: pda,
            authority: deps.treasury.address,
            payer: deps.treasury,
            recentSlot,
          }),
        );
      }
      instructions.push(
        getExtendLookupTableInstruction({
          address: address(table!),
          authority: deps.treasury,
          payer: deps.treasury,
          addresses: chunk.map((a) => address(a)),
        }),
      );
      const { value: lifetime } = await rpc.getLatestBlockhash({ commitment: "confirmed" }).send();
      const signed = await signTransactionMessageWithSigners(
        pipe(
          createTransactionMessage({ version: 0 }),
          (m) => setTransactionMessageFeePayerSigner(deps.treasury, m),
          (m) => setTransactionMessageLifetimeUsingBlockhash(lifetime, m),
          (m) => appendTransactionMessageInstructions(instructions, m),
        ),
      );
      const inFlight: PendingExtension = {
        signature: getSignatureFromTransaction(signed),
        table: table!,
        fresh,
        addresses: chunk,
        lastValidBlockHeight: String(lifetime.lastValidBlockHeight),
      };
      await deps.store.save({ ...state, inFlight });
      await rpc
        .sendTransaction(getBase64EncodedWireTransaction(signed), { encoding: "base64", skipPreflight: true })
        .send()
        .catch(() => undefined); // resolved (landed or expired) on a later call
      const deadline = Date.now() + CONFIRM_TIMEOUT_MS;
      while (Date.now() < deadline) {
        const resolved = await resolve({ ...state, inFlight }, inFlight);
        if (resolved) return resolved.spent;
        await new Promise((r) => setTimeout(r, 250));
      }
      return 0n;
    },
  };

  /** The outcome of an extension in flight, or null while it may still land. */
  async function resolve(
    state: LookupTablesState,
    extension: PendingExtension,
  ): Promise<{ state: LookupTablesState; spent: bigint } | null> {
    const { value } = await rpc
      .getSignatureStatuses([extension.signature as Signature], { searchTransactionHistory: true })
      .send();
    const status = value[0];
    const landed = status && (status.confirmationStatus === "confirmed" || status.confirmationStatus === "finalized");
    if (!landed) {
      if (status) return null;
      const height = await rpc.getBlockHeight({ commitment: "finalized" }).send();
      if (height <= BigInt(extension.lastValidBlockHeight)) return null;
      const { inFlight: _gone, ...rest } = state;
      await deps.store.save(rest);
      return { state: rest, spent: 0n };
    }
    const tx = await rpc
      .getTransaction(extension.signature as Signature, {
        commitment: "confirmed",
        encoding: "base64",
        maxSupportedTransactionVersion: 0,
      })
      .send();
    if (!tx?.meta) return null;
    // The fee payer (the treasury) is the first account: what it lost is the fee and the rent.
    const spent = BigInt(tx.meta.preBalances[0]!) - BigInt(tx.meta.postBalances[0]!);
    await deps.cost(extension.signature, spent);
    const slot = Number(tx.slot);
    const { inFlight: _done, ...rest } = state;
    const tables =
      status.err !== null
        ? rest.tables
        : extension.fresh
          ? [...rest.tables, { address: extension.table, chunks: [{ slot, addresses: extension.addresses }] }]
          : rest.tables.map((t) =>
              t.address === extension.table
                ? { ...t, chunks: [...t.chunks, { slot, addresses: extension.addresses }] }
                : t,
            );
    // Landed or failed, those addresses are done: a failure is not retried (it would cost a fee each round).
    const pending = rest.pending.filter((a) => !extension.addresses.includes(a));
    const next = { tables, pending };
    await deps.store.save(next);
    return { state: next, spent };
  }
}

export type LookupTables = ReturnType<typeof lookupTables>;
