// A local Solana chain for tests: LiteSVM runs the real System, SPL Token, ATA, Memo, Compute
// Budget and Address Lookup Table programs in-process, and this JSON-RPC server on loopback
// answers the methods @solana/kit and our watcher use. It behaves like a cluster where it
// matters to clients: every transaction lands in a block of its own (slot and block height
// +1), every block has its own blockhash, a blockhash is usable for 150 blocks, a signature
// executes once, and the confirmed and finalized tips can be held back. It keeps every
// transaction's wire bytes and snapshots balances around it, since LiteSVM's own metadata has
// only logs, compute units and the fee.
import { createServer, type Server } from "node:http";
import {
  AccountRole,
  address,
  appendTransactionMessageInstructions,
  blockhash,
  createTransactionMessage,
  getAddressDecoder,
  getAddressEncoder,
  getBase58Decoder,
  getBase64Decoder,
  getBase64EncodedWireTransaction,
  getBase64Encoder,
  getCompiledTransactionMessageDecoder,
  getProgramDerivedAddress,
  getTransactionDecoder,
  pipe,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
  type Address,
  type Instruction,
  type KeyPairSigner,
} from "@solana/kit";
import { LiteSVM, type FailedTransactionMetadata, type TransactionMetadata } from "litesvm";
import { WebSocketServer, type WebSocket } from "ws";
import { freePort } from "../../app/local-redis.js";

export const TOKEN_PROGRAM = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";
export const TOKEN_2022_PROGRAM = "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb";
export const ASSOCIATED_TOKEN_PROGRAM = "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL";
export const ADDRESS_LOOKUP_TABLE_PROGRAM = "AddressLookupTab1e1111111111111111111111111";
const SYSTEM_PROGRAM = "11111111111111111111111111111111";
const COMPUTE_BUDGET_PROGRAM = "ComputeBudget111111111111111111111111111111";
/** Blocks a blockhash stays usable for after the block it names (MAX_PROCESSING_AGE). */
export const BLOCKHASH_WINDOW = 150;
/** Where the block height starts: far from the slot (447552000), as on mainnet, so mixing them up shows. */
const FIRST_BLOCK_HEIGHT = 425_000_000;
const SLOT_HASHES_MAX = 512;
const LOOKUP_TABLE_HEADER = 56;
const MINT_SIZE = 82;
const TOKEN_ACCOUNT_SIZE = 165;
/** Token-2022 accounts with extensions are longer; the byte after the base says which kind (1 mint, 2 token account). */
const MULTISIG_SIZE = 355;
const ACCOUNT_TYPE_MINT = 1;
const ACCOUNT_TYPE_ACCOUNT = 2;
const LAMPORTS_PER_SIGNATURE = 5000;
/** Programs whose instructions count 3,000 compute units toward the default limit (SIMD-170). */
const BUILTINS = new Set([
  SYSTEM_PROGRAM,
  COMPUTE_BUDGET_PROGRAM,
  ADDRESS_LOOKUP_TABLE_PROGRAM,
  "Vote111111111111111111111111111111111111111",
  "Stake11111111111111111111111111111111111111",
  "Config1111111111111111111111111111111111111",
  "BPFLoader1111111111111111111111111111111111",
  "BPFLoader2111111111111111111111111111111111",
  "BPFLoaderUpgradeab1e11111111111111111111111",
  "LoaderV411111111111111111111111111111111111",
  "Ed25519SigVerify111111111111111111111111111",
  "KeccakSecp256k11111111111111111111111111111",
  "Secp256r1SigVerify1111111111111111111111111",
]);

interface TokenBalance {
  accountIndex: number;
  mint: string;
  owner: string;
  programId: string;
  uiTokenAmount: { amount: string; decimals: number; uiAmount: number | null; uiAmountString: string };
}

const LEVELS = ["processed", "confirmed", "finalized"] as const;
export type Commitment = (typeof LEVELS)[number];
type Level = Commitment;
const rank = (level: unknown): number => Math.max(0, LEVELS.indexOf((level ?? "finalized") as Level));
const levelOf = (config: unknown): Level =>
  LEVELS[rank(config && typeof config === "object" ? (config as { commitment?: unknown }).commitment : undefined)]!;

/** A JSON-RPC error with a code other than "invalid params" (sendTransaction's preflight failures). */
class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

interface Subscription {
  socket: WebSocket;
  id: number;
  kind: "logs" | "signature" | "slot";
  /** logs: the mentioned address; signature: the signature. */
  target: string;
  level: Level;
}

interface BlockRef {
  slot: number;
  height: number;
}

interface StoredTransaction {
  signature: string;
  slot: number;
  height: number;
  blockTime: number;
  wire: string;
  version: "legacy" | 0;
  err: unknown;
  logs: string[];
  fee: number;
  computeUnits: number;
  innerInstructions: unknown[];
  /** Static keys, then loaded writable, then loaded readonly: the order the runtime indexes them. */
  accountKeys: string[];
  loadedAddresses: { writable: string[]; readonly: string[] };
  preBalances: number[];
  postBalances: number[];
  preTokenBalances: TokenBalance[];
  postTokenBalances: TokenBalance[];
}

type CompiledMessage = ReturnType<ReturnType<typeof getCompiledTransactionMessageDecoder>["decode"]>;

const b64 = { encode: getBase64Decoder(), decode: getBase64Encoder() }; // bytes<->base64 text
const base58 = getBase58Decoder();
const addressBytes = getAddressEncoder();
const addressFromBytes = getAddressDecoder();

export class LocalChain {
  /** The bank. LiteSVM's own blockhash check (only the latest hash) is off: this chain checks a 150-block window. */
  readonly svm = new LiteSVM().withBlockhashCheck(false).withTransactionHistory(0n);
  private server: Server | null = null;
  private readonly transactions = new Map<string, StoredTransaction>();
  /** Signatures touching each address (static or loaded from a lookup table), oldest first. */
  private readonly byAddress = new Map<string, string[]>();
  /** Transactions not yet finalized, whose level can still rise. */
  private pending: StoredTransaction[] = [];
  /** Recent blockhashes and the block height of the block each names, oldest first. */
  private readonly blockhashes = new Map<string, number>();
  private slotHashes: Array<{ slot: bigint; hash: string }>;
  private processed: BlockRef;
  private confirmed: BlockRef;
  private finalized: BlockRef;
  private held = false;
  url = "";
  /** The websocket endpoint (logs, signature and slot subscriptions), on the same port. */
  wsUrl = "";
  /** Set to make every RPC call fail with HTTP 503 (an RPC outage). */
  failing = false;
  calls = 0;
  /**
   * The next `dropIncoming` sendTransaction calls are answered with the signature but lost on
   * the way to the leader: never executed, never stored, so they can only expire.
   */
  dropIncoming = 0;
  /** Checked on every sendTransaction: a signature it returns true for is lost as with dropIncoming. */
  drop?: (signature: string) => boolean;
  /** What getRecentPrioritizationFees answers. */
  priorityFees: Array<{ slot: number; prioritizationFee: number }> = [];
  private readonly sockets = new WebSocketServer({ noServer: true });
  private readonly subscriptions = new Map<number, Subscription>();
  private nextSubscription = 1;

  constructor() {
    const slot = Number(this.svm.getClock().slot);
    this.processed = this.confirmed = this.finalized = { slot, height: FIRST_BLOCK_HEIGHT };
    this.blockhashes.set(this.svm.latestBlockhash(), FIRST_BLOCK_HEIGHT);
    this.slotHashes = this.svm.getSlotHashes().map((h) => ({ slot: h.slot, hash: h.hash }));
    this.setClockTime();
  }

  /**
   * When set, the confirmed and finalized tips stay where they are until confirm() (and
   * finalize()), so new transactions stay "processed", as on a real cluster between the leader
   * and the votes; by default both follow every new block at once. Clearing it catches them up.
   */
  get holdConfirmations(): boolean {
    return this.held;
  }

  set holdConfirmations(hold: boolean) {
    this.held = hold;
    if (!hold) this.commit(this.processed, this.processed);
  }

  async start(): Promise<this> {
    const port = await freePort();
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        this.calls++;
        if (this.failing) return void res.writeHead(503).end("unavailable");
        const request = JSON.parse(body) as { id: number; method: string; params?: unknown[] };
        let reply: object;
        try {
          reply = { jsonrpc: "2.0", id: request.id, result: this.handle(request.method, request.params ?? []) };
        } catch (error) {
          const { code = -32602, message, data } = error as Partial<RpcError> & Error;
          reply = { jsonrpc: "2.0", id: request.id, error: { code, message, ...(data ? { data } : {}) } };
        }
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
      });
    });
    // Clients keep connections alive between bursts of calls: a server closing an idle one just
    // as a request reuses it would answer ECONNRESET, which no real RPC provider does this often.
    this.server.keepAliveTimeout = 120_000;
    this.server.headersTimeout = 121_000;
    this.server.on("upgrade", (req, socket, head) =>
      this.sockets.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws)),
    );
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${port}`;
    this.wsUrl = `ws://127.0.0.1:${port}`;
    return this;
  }

  stop(): Promise<void> {
    for (const client of this.sockets.clients) client.terminate();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Drops every websocket connection (subscribers must resubscribe). */
  dropSockets(): void {
    for (const client of this.sockets.clients) client.terminate();
  }

  /** Votes the processed tip (and every transaction up to it) "confirmed", and notifies subscribers. */
  confirm(): void {
    this.commit(this.processed, this.finalized);
  }

  /** Votes the processed tip (and every transaction up to it) "finalized". */
  finalize(): void {
    this.commit(this.processed, this.processed);
  }

  /** Produces `n` empty blocks: the slot and block height move on and each block has a new blockhash. */
  advanceBlocks(n = 1): void {
    for (let i = 0; i < n; i++) {
      this.openBlock();
      this.closeBlock();
    }
  }

  /** The slot of the tip at `commitment` (processed by default). */
  slot(commitment: Commitment = "processed"): number {
    return this.tip(commitment).slot;
  }

  /** The block height of the tip at `commitment` (processed by default). */
  blockHeight(commitment: Commitment = "processed"): number {
    return this.tip(commitment).height;
  }

  /** What getLatestBlockhash answers: the newest block's hash, usable up to lastValidBlockHeight. */
  latestBlockhash(): { blockhash: string; lastValidBlockHeight: number } {
    return {
      blockhash: this.svm.latestBlockhash(),
      lastValidBlockHeight: this.processed.height + BLOCKHASH_WINDOW,
    };
  }

  /**
   * Creates an address lookup table owned by `authority` (who pays, so fund it first) holding
   * `addresses`, through transactions sent to this chain (create, then extend 20 addresses a
   * transaction, as a wallet must to stay under the size limit), then lets a block pass so the
   * addresses are usable. Returns the table's address.
   */
  async createLookupTable(authority: KeyPairSigner, addresses: readonly string[]): Promise<string> {
    const recentSlot = BigInt(this.processed.slot);
    const slotBytes = new Uint8Array(8);
    new DataView(slotBytes.buffer).setBigUint64(0, recentSlot, true);
    const [table, bump] = await getProgramDerivedAddress({
      programAddress: address(ADDRESS_LOOKUP_TABLE_PROGRAM),
      seeds: [addressBytes.encode(authority.address), slotBytes],
    });
    const accounts = [
      { address: table, role: AccountRole.WRITABLE },
      { address: authority.address, role: AccountRole.READONLY_SIGNER, signer: authority },
      { address: authority.address, role: AccountRole.WRITABLE_SIGNER, signer: authority },
      { address: address(SYSTEM_PROGRAM), role: AccountRole.READONLY },
    ];
    const instruction = (data: Uint8Array): Instruction => ({
      programAddress: address(ADDRESS_LOOKUP_TABLE_PROGRAM),
      accounts,
      data,
    });
    const create = new Uint8Array(13);
    new DataView(create.buffer).setBigUint64(4, recentSlot, true); // u32 0 = CreateLookupTable
    create[12] = bump;
    const extend = (chunk: readonly string[]) => {
      const data = new Uint8Array(12 + 32 * chunk.length);
      const view = new DataView(data.buffer);
      view.setUint32(0, 2, true); // ExtendLookupTable
      view.setBigUint64(4, BigInt(chunk.length), true);
      chunk.forEach((a, i) => data.set(addressBytes.encode(address(a)), 12 + 32 * i));
      return instruction(data);
    };
    const chunks: string[][] = [];
    for (let i = 0; i < addresses.length; i += 20) chunks.push(addresses.slice(i, i + 20));
    const transactions: Instruction[][] = [[instruction(create), ...(chunks.length ? [extend(chunks[0]!)] : [])]];
    for (const chunk of chunks.slice(1)) transactions.push([extend(chunk)]);
    for (const instructions of transactions) {
      const { blockhash: hash, lastValidBlockHeight } = this.latestBlockhash();
      const message = pipe(
        createTransactionMessage({ version: "legacy" }),
        (m) => setTransactionMessageFeePayerSigner(authority, m),
        (m) =>
          setTransactionMessageLifetimeUsingBlockhash(
            { blockhash: blockhash(hash), lastValidBlockHeight: BigInt(lastValidBlockHeight) },
            m,
          ),
        (m) => appendTransactionMessageInstructions(instructions, m),
      );
      const wire = getBase64EncodedWireTransaction(await signTransactionMessageWithSigners(message));
      this.send(wire, { encoding: "base64" }); // with preflight: a failure throws
    }
    this.advanceBlocks(1);
    return table;
  }

  // --- blocks and commitment -------------------------------------------------------------

  private tip(level: Level): BlockRef {
    return level === "processed" ? this.processed : level === "confirmed" ? this.confirmed : this.finalized;
  }

  private levelOfTransaction(tx: StoredTransaction): Level {
    return tx.slot <= this.finalized.slot ? "finalized" : tx.slot <= this.confirmed.slot ? "confirmed" : "processed";
  }

  /** Starts the next block: the bank moves to its slot (Clock sysvar included). */
  private openBlock(): number {
    const slot = this.processed.slot + 1;
    this.svm.warpToSlot(BigInt(slot));
    this.setClockTime();
    return slot;
  }

  /** Seals the block opened last: it gets its blockhash and SlotHashes entry, and becomes the processed tip. */
  private closeBlock(landed: StoredTransaction | null = null): void {
    const slot = this.processed.slot + 1;
    const height = this.processed.height + 1;
    this.svm.expireBlockhash();
    const hash = this.svm.latestBlockhash();
    this.blockhashes.set(hash, height);
    for (const [old, at] of this.blockhashes) {
      if (at + BLOCKHASH_WINDOW >= height) break;
      this.blockhashes.delete(old);
    }
    this.slotHashes = [{ slot: BigInt(slot), hash }, ...this.slotHashes].slice(0, SLOT_HASHES_MAX);
    this.svm.setSlotHashes(this.slotHashes);
    const parent = this.processed.slot;
    this.processed = { slot, height };
    if (!this.held) this.commit(this.processed, this.processed);
    if (landed) {
      this.transactions.set(landed.signature, landed);
      for (const key of new Set(landed.accountKeys))
        this.byAddress.set(key, [...(this.byAddress.get(key) ?? []), landed.signature]);
      if (this.levelOfTransaction(landed) !== "finalized") this.pending.push(landed);
      this.notify(landed, null);
    }
    for (const sub of this.subscriptions.values())
      if (sub.kind === "slot") this.push(sub, "slotNotification", { parent, root: this.finalized.slot, slot });
  }

  private setClockTime(): void {
    const clock = this.svm.getClock();
    clock.unixTimestamp = BigInt(Math.floor(Date.now() / 1000));
    this.svm.setClock(clock);
  }

  /** Moves the confirmed and finalized tips and tells subscribers about transactions that reached their level. */
  private commit(confirmed: BlockRef, finalized: BlockRef): void {
    const before = new Map(this.pending.map((tx) => [tx, this.levelOfTransaction(tx)]));
    if (confirmed.slot > this.confirmed.slot) this.confirmed = confirmed;
    if (finalized.slot > this.finalized.slot) this.finalized = finalized;
    for (const [tx, from] of before) if (this.levelOfTransaction(tx) !== from) this.notify(tx, from);
    this.pending = this.pending.filter((tx) => this.levelOfTransaction(tx) !== "finalized");
  }

  private blockhashUsable(hash: string): boolean {
    const height = this.blockhashes.get(hash);
    return height !== undefined && this.processed.height + 1 <= height + BLOCKHASH_WINDOW;
  }

  // --- websocket subscriptions -------------------------------------------------------------

  private onSocket(ws: WebSocket): void {
    ws.on("message", (data: Buffer) => {
      let message: { id?: number | string; method?: string; params?: unknown[] };
      try {
        message = JSON.parse(data.toString()) as typeof message;
      } catch {
        return;
      }
      if (message.id === undefined || message.id === null) return; // pings and the like
      const reply = (body: object) => ws.send(JSON.stringify({ jsonrpc: "2.0", id: message.id, ...body }));
      const [first, config] = (message.params ?? []) as [unknown, { commitment?: Level }?];
      const subscribe = (kind: Subscription["kind"], target: string) => {
        const sub: Subscription = { socket: ws, id: this.nextSubscription++, kind, target, level: levelOf(config) };
        this.subscriptions.set(sub.id, sub);
        reply({ result: sub.id });
        return sub;
      };
      const filter = first as { mentions?: string[] } | string;
      if (message.method === "logsSubscribe" && typeof filter === "object" && filter.mentions?.length === 1)
        return void subscribe("logs", filter.mentions[0]!);
      if (message.method === "signatureSubscribe" && typeof first === "string") {
        const sub = subscribe("signature", first);
        const tx = this.transactions.get(first);
        if (tx && rank(this.levelOfTransaction(tx)) >= rank(sub.level)) this.notifySignature(sub, tx);
        return;
      }
      if (message.method === "slotSubscribe") return void subscribe("slot", "");
      if (/^(logs|signature|slot)Unsubscribe$/.test(message.method ?? "")) {
        const removed = this.subscriptions.delete(Number(message.params?.[0]));
        return reply({ result: removed });
      }
      reply({ error: { code: -32601, message: `method not supported by the local chain: ${message.method}` } });
    });
    ws.on("close", () => {
      for (const [id, sub] of this.subscriptions) if (sub.socket === ws) this.subscriptions.delete(id);
    });
  }

  private push(sub: Subscription, method: string, result: unknown): void {
    sub.socket.send(JSON.stringify({ jsonrpc: "2.0", method, params: { subscription: sub.id, result } }));
  }

  private notifySignature(sub: Subscription, tx: StoredTransaction): void {
    this.subscriptions.delete(sub.id); // one notification, then the subscription ends
    this.push(sub, "signatureNotification", { context: { slot: tx.slot }, value: { err: tx.err } });
  }

  /** Notifies subscriptions whose commitment the transaction has just reached. */
  private notify(tx: StoredTransaction, from: Level | null): void {
    const level = this.levelOfTransaction(tx);
    for (const sub of [...this.subscriptions.values()]) {
      const reached = rank(level) >= rank(sub.level) && (from === null || rank(from) < rank(sub.level));
      if (!reached) continue;
      if (sub.kind === "logs" && tx.accountKeys.includes(sub.target))
        this.push(sub, "logsNotification", {
          context: { slot: tx.slot },
          value: { signature: tx.signature, err: tx.err, logs: tx.logs },
        });
      if (sub.kind === "signature" && sub.target === tx.signature) this.notifySignature(sub, tx);
    }
  }

  // --- JSON-RPC ------------------------------------------------------------------------------

  private context(level: Level = "finalized") {
    return { context: { slot: this.tip(level).slot, apiVersion: "2.2.0" } };
  }

  private handle(method: string, params: unknown[]): unknown {
    const [first, second] = params as [unknown, Record<string, unknown> | undefined];
    switch (method) {
      case "getLatestBlockhash":
        return { ...this.context("processed"), value: this.latestBlockhash() };
      case "isBlockhashValid":
        return { ...this.context(levelOf(second)), value: this.blockhashUsable(String(first)) };
      case "getSlot":
        return this.tip(levelOf(first)).slot;
      case "getBlockHeight":
        return this.tip(levelOf(first)).height;
      case "getEpochInfo":
        return this.epochInfo(levelOf(first));
      case "getHealth":
        return "ok";
      case "getVersion":
        return { "solana-core": "2.2.0", "feature-set": 0 };
      case "getBalance":
        return { ...this.context(levelOf(second)), value: Number(this.svm.getBalance(address(String(first))) ?? 0n) };
      case "getMinimumBalanceForRentExemption":
        return Number(this.svm.minimumBalanceForRentExemption(BigInt(Number(first))));
      case "getAccountInfo":
        return { ...this.context(levelOf(second)), value: this.accountInfo(String(first)) };
      case "getMultipleAccounts":
        return {
          ...this.context(levelOf(second)),
          value: (first as string[]).map((addr) => this.accountInfo(String(addr))),
        };
      case "getTokenAccountBalance": {
        const parsed = this.tokenAccount(String(first));
        if (!parsed) throw new Error("could not find account");
        return { ...this.context(levelOf(second)), value: uiAmount(parsed.amount, this.decimals(parsed.mint)) };
      }
      case "getTokenSupply": {
        const data = this.mintData(String(first));
        if (!data) throw new Error("not a mint");
        return { ...this.context(levelOf(second)), value: uiAmount(readU64(data, 36), data[44]!) };
      }
      case "getRecentPrioritizationFees":
        return this.priorityFees;
      case "getFeeForMessage":
        return { ...this.context(levelOf(second)), value: this.feeForMessage(String(first)) };
      case "sendTransaction":
        return this.send(String(first), second);
      case "simulateTransaction":
        return this.simulate(String(first), second ?? {});
      case "getSignatureStatuses":
        // Always searches the whole history, as with searchTransactionHistory: true.
        return {
          ...this.context("processed"),
          value: (first as string[]).map((sig) => {
            const tx = this.transactions.get(sig);
            if (!tx) return null;
            const level = this.levelOfTransaction(tx);
            return {
              slot: tx.slot,
              confirmations: level === "finalized" ? null : this.processed.height - tx.height,
              err: tx.err,
              status: tx.err ? { Err: tx.err } : { Ok: null },
              confirmationStatus: level,
            };
          }),
        };
      case "getSignaturesForAddress":
        return this.signaturesFor(String(first), second ?? {});
      case "getTransaction":
        return this.transaction(String(first), second ?? {});
      default:
        throw new Error(`method not supported by the local chain: ${method}`);
    }
  }

  private epochInfo(level: Level) {
    const { slot, height } = this.tip(level);
    const schedule = this.svm.getEpochSchedule();
    const firstNormalSlot = Number(schedule.firstNormalSlot);
    const slotsInEpoch = Number(schedule.slotsPerEpoch);
    const sinceNormal = Math.max(0, slot - firstNormalSlot);
    return {
      absoluteSlot: slot,
      blockHeight: height,
      epoch: Number(schedule.firstNormalEpoch) + Math.floor(sinceNormal / slotsInEpoch),
      slotIndex: sinceNormal % slotsInEpoch,
      slotsInEpoch,
      transactionCount: this.transactions.size,
    };
  }

  /** What a transaction with this message costs: 5000 per signature plus its priority fee; null if its blockhash expired. */
  private feeForMessage(base64Message: string): number | null {
    const message = getCompiledTransactionMessageDecoder().decode(b64.decode.encode(base64Message));
    if (!this.blockhashUsable(message.lifetimeToken)) return null;
    if (!("instructions" in message)) return null;
    const keys = message.staticAccounts.map(String);
    let limit: number | null = null;
    let microLamports = 0n;
    let defaultLimit = 0;
    for (const ix of message.instructions) {
      const program = keys[ix.programAddressIndex] ?? "";
      const data = ix.data ?? new Uint8Array();
      const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
      if (program === COMPUTE_BUDGET_PROGRAM && data[0] === 2 && data.length >= 5) limit = view.getUint32(1, true);
      if (program === COMPUTE_BUDGET_PROGRAM && data[0] === 3 && data.length >= 9)
        microLamports = view.getBigUint64(1, true);
      defaultLimit += BUILTINS.has(program) ? 3_000 : 200_000;
    }
    const units = BigInt(Math.min(limit ?? defaultLimit, 1_400_000));
    const priority = (units * microLamports + 999_999n) / 1_000_000n;
    return message.header.numSignerAccounts * LAMPORTS_PER_SIGNATURE + Number(priority);
  }

  private decodeWire(wire: string, options: Record<string, unknown> | undefined) {
    if (options?.encoding && options.encoding !== "base64") throw new Error("only base64 transactions");
    const transaction = getTransactionDecoder().decode(b64.decode.encode(wire));
    const message = getCompiledTransactionMessageDecoder().decode(transaction.messageBytes);
    if (message.version !== "legacy" && message.version !== 0)
      throw new Error(`transaction version ${String(message.version)} is not supported by the local chain`);
    const first = Object.values(transaction.signatures)[0];
    const signature = first ? base58.decode(first) : base58.decode(new Uint8Array(64));
    return { transaction, message, signature };
  }

  private simulate(wire: string, options: Record<string, unknown>) {
    const { transaction, message } = this.decodeWire(wire, options);
    const result = this.svm.simulateTransaction(transaction as never);
    const meta = result.meta();
    const err = "err" in result ? transactionError(result) : null;
    const expired = !options.replaceRecentBlockhash && !this.blockhashUsable(message.lifetimeToken);
    return {
      ...this.context(levelOf(options)),
      value: {
        err: expired ? "BlockhashNotFound" : err,
        logs: expired ? [] : meta.logs(),
        accounts: null,
        unitsConsumed: expired ? 0 : Number(meta.computeUnitsConsumed()),
        returnData: null,
        ...(options.replaceRecentBlockhash ? { replacementBlockhash: this.latestBlockhash() } : {}),
      },
    };
  }

  /**
   * sendTransaction as an RPC node and the leader behind it do it. With preflight (the
   * default) an expired blockhash, a signature already processed or a failing simulation is a
   * -32002 error and nothing is sent; with skipPreflight the signature comes back either way
   * and only a transaction that can be charged lands (in a new block, even if it fails).
   */
  private send(wire: string, options: Record<string, unknown> | undefined): string {
    const { transaction, message, signature } = this.decodeWire(wire, options);
    const preflight = options?.skipPreflight !== true;
    if (this.dropIncoming > 0) {
      this.dropIncoming--;
      return signature;
    }
    if (this.drop?.(signature)) return signature;
    const refuse = (err: unknown, logs: string[] = [], unitsConsumed = 0): string => {
      if (!preflight) return signature;
      throw new RpcError(-32002, `Transaction simulation failed: ${describeError(err)}`, {
        err,
        logs,
        accounts: null,
        unitsConsumed,
        returnData: null,
      });
    };
    if (!this.blockhashUsable(message.lifetimeToken)) return refuse("BlockhashNotFound");
    if (this.transactions.has(signature)) return refuse("AlreadyProcessed");
    if (preflight) {
      const simulated = this.svm.simulateTransaction(transaction as never);
      if ("err" in simulated)
        return refuse(
          transactionError(simulated),
          simulated.meta().logs(),
          Number(simulated.meta().computeUnitsConsumed()),
        );
    }

    const loadedAddresses = this.loadAddresses(message);
    const keys = [...message.staticAccounts.map(String), ...loadedAddresses.writable, ...loadedAddresses.readonly];
    const balances = () => keys.map((k) => Number(this.svm.getBalance(address(k)) ?? 0n));
    const slot = this.openBlock();
    const preBalances = balances();
    const preTokenBalances = this.tokenBalances(keys);
    const result = this.execute(transaction);
    const postBalances = balances();
    const failed = "err" in result;
    // A transaction that fails before it can be charged (fee payer missing or short, bad
    // signature, unknown lookup table...) is not committed: no block entry, no status.
    if (failed && postBalances[0] === preBalances[0]) {
      this.closeBlock();
      return refuse(transactionError(result), result.meta().logs());
    }
    const meta: TransactionMetadata = failed ? result.meta() : result;
    const stored: StoredTransaction = {
      signature,
      slot,
      height: this.processed.height + 1,
      blockTime: Math.floor(Date.now() / 1000),
      wire,
      version: message.version === "legacy" ? "legacy" : 0,
      err: failed ? transactionError(result) : null,
      logs: meta.logs(),
      fee: feeOf(meta) ?? LAMPORTS_PER_SIGNATURE * message.header.numSignerAccounts,
      computeUnits: Number(meta.computeUnitsConsumed()),
      innerInstructions: innerInstructions(meta),
      accountKeys: keys,
      loadedAddresses,
      preBalances,
      postBalances,
      preTokenBalances,
      postTokenBalances: this.tokenBalances(keys),
    };
    this.closeBlock(stored);
    return signature;
  }

  private execute(transaction: unknown): TransactionMetadata | FailedTransactionMetadata {
    try {
      return this.svm.sendTransaction(transaction as never);
    } catch (error) {
      this.closeBlock(); // sealed empty, so the bank's slot and the tip stay in step
      throw error;
    }
  }

  /** The addresses a v0 message loads from lookup tables, as the tables stand in the bank now. */
  private loadAddresses(message: CompiledMessage): { writable: string[]; readonly: string[] } {
    const lookups = "addressTableLookups" in message ? (message.addressTableLookups ?? []) : [];
    const writable: string[] = [];
    const readonly: string[] = [];
    for (const lookup of lookups) {
      const table = this.lookupTable(String(lookup.lookupTableAddress));
      for (const i of lookup.writableIndexes) if (table[i]) writable.push(table[i]);
      for (const i of lookup.readonlyIndexes) if (table[i]) readonly.push(table[i]);
    }
    return { writable, readonly };
  }

  /** The addresses stored in a lookup table account (a 56-byte header, then 32 bytes each). */
  private lookupTable(addr: string): string[] {
    const account = this.svm.getAccount(address(addr));
    if (!account.exists || String(account.programAddress) !== ADDRESS_LOOKUP_TABLE_PROGRAM) return [];
    const found: string[] = [];
    for (let at = LOOKUP_TABLE_HEADER; at + 32 <= account.data.length; at += 32)
      found.push(addressFromBytes.decode(account.data.slice(at, at + 32)));
    return found;
  }

  private signaturesFor(addr: string, options: Record<string, unknown>) {
    const all = [...(this.byAddress.get(addr) ?? [])]
      .reverse()
      .filter((sig) => rank(this.levelOfTransaction(this.transactions.get(sig)!)) >= rank(options.commitment));
    let list = all;
    if (typeof options.before === "string") list = list.slice(list.indexOf(options.before) + 1);
    if (typeof options.until === "string" && list.includes(options.until))
      list = list.slice(0, list.indexOf(options.until));
    return list.slice(0, Number(options.limit ?? 1000)).map((sig) => {
      const tx = this.transactions.get(sig)!;
      return {
        signature: sig,
        slot: tx.slot,
        err: tx.err,
        memo: null,
        blockTime: tx.blockTime,
        confirmationStatus: this.levelOfTransaction(tx),
      };
    });
  }

  private transaction(sig: string, options: Record<string, unknown>) {
    const tx = this.transactions.get(sig);
    if (!tx || rank(this.levelOfTransaction(tx)) < rank(options.commitment)) return null;
    if (tx.version === 0 && options.maxSupportedTransactionVersion === undefined)
      throw new Error("Transaction version (0) is not supported by the requesting client");
    return {
      slot: tx.slot,
      blockTime: tx.blockTime,
      version: tx.version,
      transaction: [tx.wire, "base64"],
      meta: {
        err: tx.err,
        status: tx.err ? { Err: tx.err } : { Ok: null },
        fee: tx.fee,
        preBalances: tx.preBalances,
        postBalances: tx.postBalances,
        preTokenBalances: tx.preTokenBalances,
        postTokenBalances: tx.postTokenBalances,
        logMessages: tx.logs,
        innerInstructions: tx.innerInstructions,
        loadedAddresses: tx.loadedAddresses,
        rewards: [],
        computeUnitsConsumed: tx.computeUnits,
      },
    };
  }

  // --- accounts ------------------------------------------------------------------------------

  private accountInfo(addr: string) {
    const account = this.svm.getAccount(address(addr));
    if (!account.exists) return null;
    return {
      data: [b64.encode.decode(account.data), "base64"],
      executable: account.executable,
      lamports: Number(account.lamports),
      owner: String(account.programAddress),
      rentEpoch: 0,
      space: account.data.length,
    };
  }

  /** An SPL Token or Token-2022 account (with or without extensions), as the token programs unpack it. */
  private tokenAccount(addr: string): { mint: string; owner: string; amount: bigint; programId: string } | null {
    const account = this.svm.getAccount(address(addr));
    if (!account.exists) return null;
    const d = account.data;
    const programId = String(account.programAddress);
    const extended =
      programId === TOKEN_2022_PROGRAM &&
      d.length > TOKEN_ACCOUNT_SIZE &&
      d.length !== MULTISIG_SIZE &&
      d[TOKEN_ACCOUNT_SIZE] === ACCOUNT_TYPE_ACCOUNT;
    const plain = (programId === TOKEN_PROGRAM || programId === TOKEN_2022_PROGRAM) && d.length === TOKEN_ACCOUNT_SIZE;
    if (!plain && !extended) return null;
    return {
      mint: addressFromBytes.decode(d.slice(0, 32)),
      owner: addressFromBytes.decode(d.slice(32, 64)),
      amount: readU64(d, 64),
      programId,
    };
  }

  /** A mint's data: SPL Token's 82 bytes, or Token-2022's, which may carry extensions after the base. */
  private mintData(addr: string): Uint8Array | null {
    const account = this.svm.getAccount(address(addr));
    if (!account.exists) return null;
    const d = account.data;
    const programId = String(account.programAddress);
    if ((programId === TOKEN_PROGRAM || programId === TOKEN_2022_PROGRAM) && d.length === MINT_SIZE) return d;
    const extended =
      d.length > TOKEN_ACCOUNT_SIZE && d.length !== MULTISIG_SIZE && d[TOKEN_ACCOUNT_SIZE] === ACCOUNT_TYPE_MINT;
    return programId === TOKEN_2022_PROGRAM && extended ? d : null;
  }

  private decimals(mint: string): number {
    return this.mintData(mint)?.[44] ?? 0;
  }

  private tokenBalances(keys: string[]): TokenBalance[] {
    return keys.flatMap((key, accountIndex) => {
      const parsed = this.tokenAccount(key);
      if (!parsed) return [];
      const ui = uiAmount(parsed.amount, this.decimals(parsed.mint));
      return [{ accountIndex, mint: parsed.mint, owner: parsed.owner, programId: parsed.programId, uiTokenAmount: ui }];
    });
  }

  // --- test setup: accounts written straight into the bank ------------------------------

  airdrop(to: string, lamports: bigint): void {
    this.svm.airdrop(address(to), lamports as never);
  }

  /** Creates an SPL mint with `decimals` and `supply` (all of it held by no one in particular). */
  createMint(mint: string, decimals: number, supply: bigint, authority: string): void {
    const data = new Uint8Array(MINT_SIZE);
    const view = new DataView(data.buffer);
    view.setUint32(0, 1, true);
    data.set(addressBytes.encode(address(authority)), 4);
    view.setBigUint64(36, supply, true);
    data[44] = decimals;
    data[45] = 1;
    this.setAccount(mint, data, TOKEN_PROGRAM);
  }

  /** Writes an initialized token account at `account` holding `amount` of `mint` for `owner`. */
  setTokenAccount(account: string, mint: string, owner: string, amount: bigint): void {
    const data = new Uint8Array(TOKEN_ACCOUNT_SIZE);
    data.set(addressBytes.encode(address(mint)), 0);
    data.set(addressBytes.encode(address(owner)), 32);
    new DataView(data.buffer).setBigUint64(64, amount, true);
    data[108] = 1; // AccountState::Initialized
    this.setAccount(account, data, TOKEN_PROGRAM);
  }

  private setAccount(addr: string, data: Uint8Array, owner: string): void {
    this.svm.setAccount({
      address: address(addr),
      data,
      executable: false,
      lamports: this.svm.minimumBalanceForRentExemption(BigInt(data.length)),
      programAddress: address(owner),
      space: BigInt(data.length),
    } as never);
  }
}

function readU64(data: Uint8Array, offset: number): bigint {
  return new DataView(data.buffer, data.byteOffset, data.byteLength).getBigUint64(offset, true);
}

function uiAmount(amount: bigint, decimals: number) {
  const scale = 10n ** BigInt(decimals);
  const whole = amount / scale;
  const fraction = (amount % scale).toString().padStart(decimals, "0").replace(/0+$/, "");
  const text = fraction ? `${whole}.${fraction}` : whole.toString();
  return { amount: amount.toString(), decimals, uiAmount: Number(text), uiAmountString: text };
}

/** The fee LiteSVM charged: its metadata shows it only in toString() ("fee: N", the last field). */
function feeOf(meta: TransactionMetadata): number | null {
  const all = [...meta.toString().matchAll(/fee: (\d+)/g)];
  return all.length ? Number(all[all.length - 1]![1]) : null;
}

/** Inner instructions in the RPC's JSON shape, for the top-level instructions that made any. */
function innerInstructions(meta: TransactionMetadata): unknown[] {
  return meta.innerInstructions().flatMap((inner, index) =>
    inner.length
      ? [
          {
            index,
            instructions: inner.map((ix) => ({
              programIdIndex: ix.instruction().programIdIndex(),
              accounts: [...ix.instruction().accounts()],
              data: base58.decode(ix.instruction().data()),
              stackHeight: ix.stackHeight(),
            })),
          },
        ]
      : [],
  );
}

/**
 * A failure as the RPC reports it ("BlockhashNotFound", {"InstructionError":[0,{"Custom":1}]}):
 * the Rust Debug text in LiteSVM's toString(), turned into serde's JSON.
 */
function transactionError(failed: FailedTransactionMetadata): unknown {
  const text = /err: (.*?), meta: TransactionMetadata \{/s.exec(failed.toString())?.[1];
  try {
    if (text) return rustDebugToJson(text);
  } catch {
    // fall through
  }
  return { InstructionError: [0, "GenericError"] };
}

function rustDebugToJson(text: string): unknown {
  let at = 0;
  const space = () => {
    while (text[at] === " ") at++;
  };
  const more = (close: string) => {
    space();
    if (at >= text.length) throw new Error(`unexpected end of ${text}`);
    return text[at] !== close;
  };
  const expect = (char: string) => {
    space();
    if (text[at] !== char) throw new Error(`expected ${char} at ${at} in ${text}`);
    at++;
  };
  const value = (): unknown => {
    space();
    const rest = text.slice(at);
    const quoted = /^"(?:[^"\\]|\\.)*"/.exec(rest);
    if (quoted) {
      at += quoted[0].length;
      return JSON.parse(quoted[0]) as string;
    }
    const number = /^-?\d+/.exec(rest);
    if (number) {
      at += number[0].length;
      return Number(number[0]);
    }
    const name = /^[A-Za-z_]\w*/.exec(rest)?.[0];
    if (!name) throw new Error(`unexpected ${rest}`);
    at += name.length;
    space();
    if (text[at] === "(") {
      at++;
      const items: unknown[] = [];
      while (more(")")) {
        items.push(value());
        space();
        if (text[at] === ",") at++;
      }
      at++;
      return { [name]: items.length === 1 ? items[0] : items };
    }
    if (text[at] === "{") {
      at++;
      const fields: Record<string, unknown> = {};
      while (more("}")) {
        const key = /^\w+/.exec(text.slice(at))?.[0];
        if (!key) throw new Error(`bad field in ${text}`);
        at += key.length;
        expect(":");
        fields[key] = value();
        space();
        if (text[at] === ",") at++;
      }
      at++;
      return { [name]: fields };
    }
    return name;
  };
  return value();
}

/** The RPC's wording for the failures tests meet (Display of TransactionError). */
function describeError(err: unknown): string {
  const known: Record<string, string> = {
    BlockhashNotFound: "Blockhash not found",
    AlreadyProcessed: "This transaction has already been processed",
    AccountNotFound: "Attempt to debit an account but found no record of a prior credit.",
    InsufficientFundsForFee: "Insufficient funds for fee",
    SignatureFailure: "Transaction did not pass signature verification",
    AddressLookupTableNotFound: "Transaction loads an address table account that doesn't exist",
    InvalidAddressLookupTableIndex: "Transaction address table lookup uses an invalid index",
  };
  if (typeof err === "string") return known[err] ?? err;
  const instruction = (err as { InstructionError?: [number, unknown] }).InstructionError;
  if (instruction) {
    const [index, inner] = instruction;
    const custom = (inner as { Custom?: number }).Custom;
    const what = custom !== undefined ? `custom program error: 0x${custom.toString(16)}` : JSON.stringify(inner);
    return `Error processing Instruction ${index}: ${what}`;
  }
  return JSON.stringify(err);
}

export type { Address };
