// A local Solana chain for tests: LiteSVM runs the real System, SPL Token, ATA and Memo
// programs in-process, and this JSON-RPC server on loopback answers the methods @solana/kit
// and our watcher use. It keeps every transaction's wire bytes and snapshots balances around
// it, since LiteSVM's own metadata has only logs and compute units.
import { createServer, type Server } from "node:http";
import {
  address,
  getAddressDecoder,
  getAddressEncoder,
  getBase58Decoder,
  getBase64Decoder,
  getBase64Encoder,
  getCompiledTransactionMessageDecoder,
  getTransactionDecoder,
  type Address,
} from "@solana/kit";
import { LiteSVM } from "litesvm";
import { WebSocketServer, type WebSocket } from "ws";
import { freePort } from "../../app/local-redis.js";

export const TOKEN_PROGRAM = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";
export const ASSOCIATED_TOKEN_PROGRAM = "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL";
const MINT_SIZE = 82;
const TOKEN_ACCOUNT_SIZE = 165;

interface TokenBalance {
  accountIndex: number;
  mint: string;
  owner: string;
  programId: string;
  uiTokenAmount: { amount: string; decimals: number; uiAmount: number | null; uiAmountString: string };
}

const LEVELS = ["processed", "confirmed", "finalized"] as const;
type Level = (typeof LEVELS)[number];
const rank = (level: unknown): number => Math.max(0, LEVELS.indexOf((level ?? "finalized") as Level));

interface LogsSubscription {
  socket: WebSocket;
  id: number;
  mentions: string;
  level: Level;
}

interface StoredTransaction {
  signature: string;
  /** How far the (simulated) cluster has voted on it. */
  level: Level;
  slot: number;
  blockTime: number;
  wire: string;
  version: "legacy" | 0;
  err: unknown;
  logs: string[];
  accountKeys: string[];
  preBalances: number[];
  postBalances: number[];
  preTokenBalances: TokenBalance[];
  postTokenBalances: TokenBalance[];
}

const b64 = { encode: getBase64Decoder(), decode: getBase64Encoder() }; // bytes<->base64 text
const base58 = getBase58Decoder();
const addressBytes = getAddressEncoder();
const addressFromBytes = getAddressDecoder();

export class LocalChain {
  readonly svm = new LiteSVM();
  private server: Server | null = null;
  private slot = 1;
  private readonly transactions = new Map<string, StoredTransaction>();
  /** Signatures touching each address, oldest first. */
  private readonly byAddress = new Map<string, string[]>();
  url = "";
  /** The websocket endpoint (logsSubscribe), on the same port. */
  wsUrl = "";
  /** Set to make every RPC call fail with HTTP 503 (an RPC outage). */
  failing = false;
  calls = 0;
  /**
   * When set, new transactions stay "processed" until confirm() (and "confirmed" until
   * finalize()), as on a real cluster; by default they are finalized at once.
   */
  holdConfirmations = false;
  private readonly sockets = new WebSocketServer({ noServer: true });
  private readonly logSubscriptions = new Map<number, LogsSubscription>();
  private nextSubscription = 1;

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
          reply = { jsonrpc: "2.0", id: request.id, error: { code: -32602, message: (error as Error).message } };
        }
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
      });
    });
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

  /** Votes every processed transaction to "confirmed" (and notifies subscribers). */
  confirm(): void {
    this.raise("confirmed");
  }

  /** Votes every transaction to "finalized". */
  finalize(): void {
    this.raise("finalized");
  }

  private raise(level: Level): void {
    for (const tx of this.transactions.values())
      if (rank(tx.level) < rank(level)) {
        const from = tx.level;
        tx.level = level;
        this.notifyLogs(tx, from);
      }
  }

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
      const [filter, config] = (message.params ?? []) as [{ mentions?: string[] } | string, { commitment?: Level }?];
      if (message.method === "logsSubscribe" && typeof filter === "object" && filter.mentions?.length === 1) {
        const id = this.nextSubscription++;
        const level = LEVELS[rank(config?.commitment)]!;
        this.logSubscriptions.set(id, { socket: ws, id, mentions: filter.mentions[0]!, level });
        return reply({ result: id });
      }
      if (message.method === "logsUnsubscribe") {
        const removed = this.logSubscriptions.delete(Number(message.params?.[0]));
        return reply({ result: removed });
      }
      reply({ error: { code: -32601, message: `method not supported by the local chain: ${message.method}` } });
    });
    ws.on("close", () => {
      for (const [id, sub] of this.logSubscriptions) if (sub.socket === ws) this.logSubscriptions.delete(id);
    });
  }

  /** Notifies subscriptions whose commitment the transaction has just reached. */
  private notifyLogs(tx: StoredTransaction, from: Level | null): void {
    for (const sub of this.logSubscriptions.values()) {
      const reached = rank(tx.level) >= rank(sub.level) && (from === null || rank(from) < rank(sub.level));
      if (!reached || !tx.accountKeys.includes(sub.mentions)) continue;
      sub.socket.send(
        JSON.stringify({
          jsonrpc: "2.0",
          method: "logsNotification",
          params: {
            subscription: sub.id,
            result: {
              context: { slot: tx.slot },
              value: { signature: tx.signature, err: tx.err, logs: tx.logs },
            },
          },
        }),
      );
    }
  }

  private context() {
    return { context: { slot: this.slot, apiVersion: "2.2.0" } };
  }

  private handle(method: string, params: unknown[]): unknown {
    const [first, second] = params as [unknown, Record<string, unknown> | undefined];
    switch (method) {
      case "getLatestBlockhash":
        return {
          ...this.context(),
          value: { blockhash: this.svm.latestBlockhash(), lastValidBlockHeight: this.slot + 150 },
        };
      case "getSlot":
      case "getBlockHeight":
        return this.slot;
      case "getBalance":
        return { ...this.context(), value: Number(this.svm.getBalance(address(String(first))) ?? 0n) };
      case "getMinimumBalanceForRentExemption":
        return Number(this.svm.minimumBalanceForRentExemption(BigInt(Number(first))));
      case "getAccountInfo":
        return { ...this.context(), value: this.accountInfo(String(first)) };
      case "getTokenAccountBalance": {
        const parsed = this.tokenAccount(String(first));
        if (!parsed) throw new Error("could not find account");
        return { ...this.context(), value: uiAmount(parsed.amount, this.decimals(parsed.mint)) };
      }
      case "getTokenSupply": {
        const data = this.data(String(first));
        if (!data || data.length !== MINT_SIZE) throw new Error("not a mint");
        return { ...this.context(), value: uiAmount(readU64(data, 36), data[44]!) };
      }
      case "sendTransaction":
        return this.send(String(first), second);
      case "getSignatureStatuses":
        return {
          ...this.context(),
          value: (first as string[]).map((sig) => {
            const tx = this.transactions.get(sig);
            return tx
              ? {
                  slot: tx.slot,
                  confirmations: null,
                  err: tx.err,
                  status: tx.err ? { Err: tx.err } : { Ok: null },
                  confirmationStatus: tx.level,
                }
              : null;
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

  private send(wire: string, options: Record<string, unknown> | undefined): string {
    if (options?.encoding && options.encoding !== "base64") throw new Error("only base64 transactions");
    const bytes = b64.decode.encode(wire);
    const transaction = getTransactionDecoder().decode(bytes);
    const message = getCompiledTransactionMessageDecoder().decode(transaction.messageBytes);
    const keys = message.staticAccounts.map(String);
    const signature = base58.decode(Object.values(transaction.signatures)[0]!);
    const preBalances = keys.map((k) => Number(this.svm.getBalance(address(k)) ?? 0n));
    const preTokenBalances = this.tokenBalances(keys);
    const result = this.svm.sendTransaction(transaction as never);
    const failed = "err" in result;
    if (failed && options?.skipPreflight !== true && !("meta" in result)) throw new Error("transaction failed");
    this.slot++;
    const err = failed ? { InstructionError: [0, String(result.err())] } : null;
    const logs = failed ? result.meta().logs() : result.logs();
    const stored: StoredTransaction = {
      signature,
      level: this.holdConfirmations ? "processed" : "finalized",
      slot: this.slot,
      blockTime: Math.floor(Date.now() / 1000),
      wire,
      version: message.version === "legacy" ? "legacy" : 0,
      err,
      logs,
      accountKeys: keys,
      preBalances,
      postBalances: keys.map((k) => Number(this.svm.getBalance(address(k)) ?? 0n)),
      preTokenBalances,
      postTokenBalances: this.tokenBalances(keys),
    };
    this.transactions.set(signature, stored);
    for (const key of keys) this.byAddress.set(key, [...(this.byAddress.get(key) ?? []), signature]);
    this.svm.expireBlockhash();
    this.notifyLogs(stored, null);
    return signature;
  }

  private signaturesFor(addr: string, options: Record<string, unknown>) {
    const all = [...(this.byAddress.get(addr) ?? [])]
      .reverse()
      .filter((sig) => rank(this.transactions.get(sig)!.level) >= rank(options.commitment));
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
        confirmationStatus: tx.level,
      };
    });
  }

  private transaction(sig: string, options: Record<string, unknown>) {
    const tx = this.transactions.get(sig);
    if (!tx || rank(tx.level) < rank(options.commitment)) return null;
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
        fee: 5000,
        preBalances: tx.preBalances,
        postBalances: tx.postBalances,
        preTokenBalances: tx.preTokenBalances,
        postTokenBalances: tx.postTokenBalances,
        logMessages: tx.logs,
        innerInstructions: [],
        loadedAddresses: { writable: [], readonly: [] },
        computeUnitsConsumed: 0,
      },
    };
  }

  private data(addr: string): Uint8Array | null {
    const account = this.svm.getAccount(address(addr));
    return account.exists ? account.data : null;
  }

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

  private tokenAccount(addr: string): { mint: string; owner: string; amount: bigint } | null {
    const account = this.svm.getAccount(address(addr));
    if (
      !account.exists ||
      String(account.programAddress) !== TOKEN_PROGRAM ||
      account.data.length !== TOKEN_ACCOUNT_SIZE
    )
      return null;
    const d = account.data;
    return {
      mint: addressFromBytes.decode(d.slice(0, 32)),
      owner: addressFromBytes.decode(d.slice(32, 64)),
      amount: readU64(d, 64),
    };
  }

  private decimals(mint: string): number {
    return this.data(mint)?.[44] ?? 0;
  }

  private tokenBalances(keys: string[]): TokenBalance[] {
    return keys.flatMap((key, accountIndex) => {
      const parsed = this.tokenAccount(key);
      if (!parsed) return [];
      const ui = uiAmount(parsed.amount, this.decimals(parsed.mint));
      return [{ accountIndex, mint: parsed.mint, owner: parsed.owner, programId: TOKEN_PROGRAM, uiTokenAmount: ui }];
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

export type { Address };
