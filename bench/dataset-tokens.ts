// npm run bench -- datasets: dataset tokens through the real HTTP server on loopback, each figure
// beside a baseline measured in the same run at the same concurrency:
// - BENCH curve_quotes_per_s: `GET /d/<token>/quote?buy=<lamports>` (priced from the reserves in
//   the database), against BENCH http_baseline_per_s (the same server's GET /healthz);
// - BENCH trade_requests_per_s: wallets' `POST /api/pay/tx/<id>` answered with a built buy
//   transaction co-signed by the curve's vault, against BENCH transfer_tx_build_per_s (kit
//   building and signing a one-transfer SOL transaction: getLatestBlockhash, compile, sign).
// The chain is the local JSON-RPC chain over LiteSVM; the database is a fresh one on the bench's
// Postgres server (BENCH_DATABASE_URL / TEST_DATABASE_URL), else PGlite.
import { Agent, request } from "node:http";
import {
  address,
  appendTransactionMessageInstruction,
  createSolanaRpc,
  createTransactionMessage,
  generateKeyPairSigner,
  getBase64EncodedWireTransaction,
  getBase64Encoder,
  getTransactionDecoder,
  pipe,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransaction,
  signTransactionMessageWithSigners,
  type KeyPairSigner,
  type Signature,
} from "@solana/kit";
import { getTransferSolInstruction } from "@solana-program/system";
import { buildDatasetTokens, datasetCardRoute, datasetTxRequests, settlement } from "../app/dataset-tokens.js";
import { transactionRequests } from "../app/transaction-requests.js";
import type { TransactionLike } from "../chain/decode-transfers.js";
import { DEFAULT_CURVE } from "../core/datasets/curve.js";
import { openDatabase, type Database } from "../prisma/database.js";
import { prismaUnitOfWork } from "../prisma/unit-of-work.js";
import { startHttpServer } from "../server/http-server.js";
import { LocalChain } from "../test/support/local-chain.js";
import { createTestDatabase } from "../test/support/postgres-server.js";
import { scenario } from "../test/support/scenario.js";

type Report = (name: string, value: number, unit: string) => void;

const SOL = 1_000_000_000n;
/** Requests in flight at once, for every figure and its baseline. */
const CONCURRENCY = 16;
/** One token per request in flight: a curve builds one trade at a time. */
const TOKENS = CONCURRENCY;
const SECONDS = 3;
const WARM_UP_SECONDS = 2;
const TRADE_ROUNDS = 25;

export async function benchDatasetTokens(report: Report): Promise<void> {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const db: Database = admin
    ? await openDatabase({ kind: "postgres", url: await createTestDatabase(admin), poolSize: CONCURRENCY })
    : await openDatabase({ kind: "pglite" });
  const chain = new LocalChain();
  let server: Awaited<ReturnType<typeof startHttpServer>> | null = null;
  try {
    await chain.start();
    const rpc = createSolanaRpc(chain.url);
    const treasury = (await generateKeyPairSigner()).address;
    chain.airdrop(treasury, SOL);
    const s = scenario(prismaUnitOfWork(db.prisma, { query: db.query, pool: db.pool }));
    // No CLONES launch fee: launches are set-up here, not measured.
    const tokens = buildDatasetTokens({
      db,
      uow: s.deps.uow,
      terms: { solFee: SOL / 10n, clonesFee: 0n, curve: DEFAULT_CURVE },
      treasury,
      clock: s.deps.clock,
    });
    server = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      checks: {},
      metrics: async () => ({ contentType: "text/plain", body: "" }),
      onError: (e) => {
        throw e;
      },
      routes: [
        ...transactionRequests("https://forge.example.com", [
          datasetTxRequests({
            tokens,
            uow: s.deps.uow,
            secret: new Uint8Array(32).fill(7),
            rpcUrl: chain.url,
            treasury,
            publicUrl: "https://forge.example.com",
            clones: null,
          }).build,
        ]),
        datasetCardRoute(tokens),
      ],
    });
    const url = server.url;
    const post = async (txId: string, wallet: string) => {
      const r = await call(`${url}/api/pay/tx/${txId}`, JSON.stringify({ account: wallet }));
      return { status: r.status, body: JSON.parse(r.body) as { transaction?: string; message: string } };
    };
    const get = async (path: string) => {
      const r = await call(`${url}${path}`);
      if (r.status !== 200) throw new Error(`HTTP ${r.status} from ${path}: ${r.body}`);
    };

    // TOKENS live tokens, each launched as a creator does: the request route builds the launch,
    // the creator's verified wallet signs and sends it, and settlement records what landed.
    const creator = await s.person("creator");
    const creatorWallet = await generateKeyPairSigner();
    chain.airdrop(creatorWallet.address, 1_000n * SOL);
    await s.deps.uow.run(async (r) => {
      await r.accounts.addWallet({
        address: creatorWallet.address,
        accountId: creator.id,
        verifiedAt: s.deps.clock.now(),
      });
      return { ok: true };
    });
    const settle = settlement(tokens, chain.url);
    async function signAndRecord(opened: Awaited<ReturnType<typeof post>>, wallet: KeyPairSigner) {
      if (opened.status !== 200) throw new Error(`launch refused: ${opened.status} ${opened.body.message}`);
      const decoded = getTransactionDecoder().decode(getBase64Encoder().encode(opened.body.transaction!));
      const signed = await signTransaction([wallet.keyPair], decoded);
      const signature = await rpc
        .sendTransaction(getBase64EncodedWireTransaction(signed), { encoding: "base64" })
        .send();
      const landed = await rpc
        .getTransaction(signature as Signature, {
          commitment: "confirmed",
          encoding: "base64",
          maxSupportedTransactionVersion: 0,
        })
        .send();
      const outcome = await settle.seen(landed as unknown as TransactionLike);
      if (!outcome?.isNew) throw new Error("the launch was not recorded");
    }

    const tokenIds: string[] = [];
    for (let i = 0; i < TOKENS; i++) {
      const factory = await s.factory(creator, { name: `Bench ${i}`, threshold: 50 });
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO dataset_export (id, factory_id, sequence, requested_by, status, progress, up_to_at, up_to_id,
           recordings, steps, storage_key, size_bytes, created_at, finished_at)
         VALUES ($1, $2, 1, $3, 'ready', 100, now(), 'rec-x', 3, 30, 'x.zip', 1, now(), now())`,
        `export-${factory.id}`,
        factory.id,
        creator.id,
      );
      const asked = await tokens.requestLaunch({
        actor: { accountId: creator.id, isAdmin: false },
        factoryId: factory.id,
        terms: { name: `Bench ${i}`, symbol: `B${i}`, burnBps: 100 },
      });
      if (!asked.ok) throw asked.error;
      await signAndRecord(await post(asked.value.tx.id, creatorWallet.address), creatorWallet);
      tokenIds.push(asked.value.token.id);
    }
    // Quotes: CONCURRENCY clients each asking again as soon as answered, spread over the tokens.
    // Each after a warm-up (connections open, code compiled): on a small machine the first
    // seconds run at a fraction of the steady rate.
    const healthz = () => get("/healthz");
    const quote = (i: number) => get(`/d/${tokenIds[i % TOKENS]}/quote?buy=${SOL}`);
    await closedLoop(WARM_UP_SECONDS, healthz);
    const http = await closedLoop(SECONDS, healthz);
    await closedLoop(WARM_UP_SECONDS, quote);
    const quotes = await closedLoop(SECONDS, quote);
    report("http_baseline_per_s", http, "requests/s");
    report("curve_quotes_per_s", quotes, "quotes/s");
    report("curve_quotes_vs_http", quotes / http, "ratio");

    // Trades. Measured: the wall time of the POSTs alone, in rounds of one buy request per token
    // sent together (TOKENS in flight), each answered 200 with the transaction built from the
    // curve's reserves and co-signed by its vault; only those 200s count. Between rounds, not
    // measured: the bot's requestTrade for the next round, and expiring this round's unsigned
    // transactions (tokens.expireDatasetTx, as the watcher's sweep does once their blockhash
    // passes) so every curve is free again: the steady state where the last trade settled.
    const wallets = await Promise.all(tokenIds.map(() => generateKeyPairSigner()));
    const buyer = await s.person("buyer");
    let built = 0;
    let busy = 0;
    let elapsed = 0;
    for (let round = 0; round < TRADE_ROUNDS; round++) {
      const ids = [];
      for (const tokenId of tokenIds) {
        const asked = await tokens.requestTrade({
          accountId: buyer.id,
          tokenId,
          ask: { kind: "buy", solIn: SOL / 10n, slippageBps: 500 },
        });
        if (!asked.ok) throw asked.error;
        ids.push(asked.value.tx.id);
      }
      const started = performance.now();
      const answers = await Promise.all(ids.map((id, i) => post(id, wallets[i]!.address)));
      if (round > 0) elapsed += performance.now() - started; // the first round warms up
      for (const a of answers) {
        if (a.status === 409) busy++;
        else if (a.status !== 200) throw new Error(`trade refused: ${a.status} ${a.body.message}`);
        else if (round > 0) built++;
      }
      for (const id of ids) await tokens.expireDatasetTx(id);
    }
    const trades = built / (elapsed / 1000);

    // The floor under a trade request: a plain SOL transfer built and signed against the same chain.
    const payer = await generateKeyPairSigner();
    const transfer = async () => {
      const { value: lifetime } = await rpc.getLatestBlockhash({ commitment: "confirmed" }).send();
      const message = pipe(
        createTransactionMessage({ version: 0 }),
        (m) => setTransactionMessageFeePayerSigner(payer, m),
        (m) => setTransactionMessageLifetimeUsingBlockhash(lifetime, m),
        (m) =>
          appendTransactionMessageInstruction(
            getTransferSolInstruction({ source: payer, destination: address(treasury), amount: 1_000n }),
            m,
          ),
      );
      getBase64EncodedWireTransaction(await signTransactionMessageWithSigners(message));
    };
    await closedLoop(WARM_UP_SECONDS, transfer);
    const transfers = await closedLoop(SECONDS, transfer);
    report("transfer_tx_build_per_s", transfers, "tx/s");
    report("trade_requests_per_s", trades, "requests/s");
    report("trade_requests_409", busy, "responses");
    report("trade_requests_vs_transfer_build", trades / transfers, "ratio");
    console.log(
      `  (${admin ? "Postgres" : "PGlite"}; ${CONCURRENCY} in flight; ${built} trades in ${TRADE_ROUNDS - 1} rounds)`,
    );
  } finally {
    await server?.close();
    await chain.stop();
    await db.close();
    agent.destroy();
  }
}

/**
 * node:http with kept-alive connections as the client, lighter than fetch (undici): the client
 * shares the process, and so the CPU, with the server it measures.
 */
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function call(url: string, json?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: json === undefined ? "GET" : "POST",
        headers: json ? { "content-type": "application/json" } : {},
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end(json);
  });
}

/** Completions per second of `fn` with CONCURRENCY callers, each calling again once answered. */
async function closedLoop(seconds: number, fn: (i: number) => Promise<void>): Promise<number> {
  let done = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      for (let i = worker; performance.now() < until; i += CONCURRENCY) {
        await fn(i);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}
