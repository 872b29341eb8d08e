// Payouts on the local chain (LiteSVM's real programs behind JSON-RPC) through the real engine
// and core: how many transfers one transaction carries, payouts per second against the same
// engine sending one transfer per transaction (the baseline, measured in the same run), and
// the latency from settlement to a confirmed transfer.
import type { createPayoutEngine } from "../chain/payouts/engine.js";
import { systemClock } from "../app/runtime.js";
import type { Factory } from "../core/factories/factory.js";
import type { UnitOfWork } from "../core/ports/repositories.js";
import { payoutWorld, type PayoutWorld } from "../test/support/payout-world.js";
import { USDC, must } from "../test/support/scenario.js";

type Report = (name: string, value: number, unit: string) => void;
type Store = () => Promise<{ uow: UnitOfWork; close(): Promise<void> }>;
type Engine = ReturnType<typeof createPayoutEngine>;

interface Farmers {
  readonly w: PayoutWorld;
  readonly factory: Factory;
  readonly farmers: Awaited<ReturnType<PayoutWorld["personWithWallet"]>>[];
}

/** `count` farmers with wallets (and token accounts, unless first-timers), a factory with two tasks. */
async function farmersOf(w: PayoutWorld, count: number, withAccounts: boolean): Promise<Farmers> {
  const factory = await w.s.factory(await w.s.person("creator"), {
    rewardPerDemo: USDC(1),
    tasks: [
      { title: "First", prompt: "the first task" },
      { title: "Second", prompt: "the second task" },
    ],
  });
  await w.fund(factory, USDC(2 * count));
  const farmers = [];
  for (let i = 0; i < count; i++) {
    const farmer = await w.personWithWallet(`farmer${i}`);
    if (withAccounts) await w.openTokenAccount(farmer.wallet, "USDC");
    farmers.push(farmer);
  }
  return { w, factory, farmers };
}

/** Every farmer is owed 0.9 USDC for `task` (a 1 USDC reward scored 100). */
async function settleAll({ w, factory, farmers }: Farmers, task: number) {
  for (const farmer of farmers) {
    const sub = must(await w.s.submit(farmer.account, factory, task));
    must(await w.s.core.settleSubmission({ submissionId: sub.id, score: 100 }));
  }
}

/** Runs rounds until everything owed is paid: payouts, transactions and seconds. */
async function drain(w: PayoutWorld, engine: Engine) {
  const paidBefore = w.events.filter((e) => e.kind === "paid").length;
  const started = performance.now();
  await w.settle(engine, 10_000);
  const seconds = (performance.now() - started) / 1000;
  const batches = w.events.filter((e) => e.kind === "paid").slice(paidBefore);
  const payouts = batches.reduce((sum, e) => sum + ((e.detail as unknown[])[1] as unknown[]).length, 0);
  return { payouts, transactions: batches.length, seconds };
}

/**
 * People paid before, paid again: the first payment (not measured) opens their token accounts and
 * puts them in the treasury's lookup table; the second one is measured.
 */
async function steadyState(openStore: Store, count: number, options: { maxTransfersPerTx?: number } = {}) {
  const store = await openStore();
  const w = await payoutWorld(store.uow, { clock: systemClock });
  try {
    const farmers = await farmersOf(w, count, true);
    const engine = w.engine({ lookupTables: true, ...options });
    await settleAll(farmers, 0);
    await drain(w, engine);
    for (let i = 0; i < Math.ceil(count / 24) + 2; i++) await engine.round(); // table extensions
    await settleAll(farmers, 1);
    return await drain(w, engine);
  } finally {
    await w.close();
    await store.close();
  }
}

export async function benchPayouts(report: Report, openStore: Store) {
  const COUNT = Number(process.env.BENCH_PAYOUT_COUNT ?? 400);

  const batched = await steadyState(openStore, COUNT);
  report("payouts_per_tx", Math.floor(batched.payouts / batched.transactions), "payouts/tx");
  report("payouts_per_s", batched.payouts / batched.seconds, "payouts/s");
  // The baseline: the same engine and chain, one transfer per transaction.
  const single = await steadyState(openStore, COUNT, { maxTransfersPerTx: 1 });
  report("payouts_one_per_tx_per_s", single.payouts / single.seconds, "payouts/s");

  // First-time recipients without lookup tables: each transfer also opens a token account.
  let store = await openStore();
  let w = await payoutWorld(store.uow, { clock: systemClock });
  const firstTimers = await farmersOf(w, Math.min(COUNT, 100), false);
  await settleAll(firstTimers, 0);
  const fresh = await drain(w, w.engine());
  await w.close();
  await store.close();
  report("payouts_per_tx_opening_accounts", Math.floor(fresh.payouts / fresh.transactions), "payouts/tx");

  // Latency: settlements arrive in bursts of 20 a second for 10 s while the engine runs a round
  // every 250 ms (the payouts role runs one every PAYOUT_ROUND_MS and right after a settlement).
  store = await openStore();
  w = await payoutWorld(store.uow, { clock: systemClock });
  report("payout_latency_ms_p95", await latencyP95(w), "ms");
  await w.close();
  await store.close();
}

async function latencyP95(w: PayoutWorld): Promise<number> {
  const TOTAL = 200;
  const { factory, farmers } = await farmersOf(w, TOTAL, true);
  const engine = w.engine();
  const settledAt = new Map<string, number>();
  let running = true;
  const rounds = (async () => {
    while (running) {
      await engine.round();
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  for (const [i, farmer] of farmers.entries()) {
    const sub = must(await w.s.submit(farmer.account, factory));
    const { payouts } = must(await w.s.core.settleSubmission({ submissionId: sub.id, score: 100 }));
    settledAt.set(payouts[0]!.id, Date.now());
    if (i % 20 === 19) await new Promise((r) => setTimeout(r, 1000));
  }
  const deadline = Date.now() + 120_000;
  let paid: Array<{ id: string; paidAt: Date | null }> = [];
  while (Date.now() < deadline) {
    paid = await Promise.all(
      [...settledAt.keys()].map(async (id) => ({ id, paidAt: (await w.s.core.getPayout(id))!.paidAt })),
    );
    if (paid.every((p) => p.paidAt)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  running = false;
  await rounds;
  // paidAt is stamped by the core's (system) clock when the confirmation is recorded.
  const latencies = paid.filter((p) => p.paidAt).map((p) => p.paidAt!.getTime() - settledAt.get(p.id)!);
  latencies.sort((a, b) => a - b);
  return Math.round(latencies[Math.floor(latencies.length * 0.95) - 1] ?? Number.NaN);
}
