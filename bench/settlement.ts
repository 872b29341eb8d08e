// Settlements per second through the real repositories: the same use case the worker runs.
import type { Account } from "../core/accounts/account.js";
import type { Factory } from "../core/factories/factory.js";
import type { UnitOfWork } from "../core/ports/repositories.js";
import { settlementBatcher } from "../jobs/settlement-processor.js";
import { TEST_SUPPLY } from "../test/support/core-deps.js";
import { USDC, must, scenario } from "../test/support/scenario.js";

export interface SettlementBenchResult {
  readonly settled: number;
  readonly seconds: number;
  readonly perSecond: number;
}

/**
 * Prepares `count` reserved submissions spread over `factories` factories (farmers and creators
 * with staked referrers, so commissions are computed and paid), then settles all of them with
 * `clients` concurrent callers and measures only the settling. `batched`: the callers are the
 * settlement worker's concurrent jobs, whose settlements share transactions (`settlementBatcher`,
 * as the worker runs it); otherwise each calls `settleSubmission`, one transaction each.
 */
export async function benchSettlements(
  uow: UnitOfWork,
  options: {
    count: number;
    clients: number;
    factories: number;
    batched?: boolean;
    /** Run once the submissions are in, before timing: the store's statistics (ANALYZE). */
    analyze?: () => Promise<unknown>;
  },
): Promise<SettlementBenchResult> {
  const s = scenario(uow);
  const ambassadors = [await s.person("amb-a"), await s.person("amb-b")];
  await s.stake(ambassadors[0]!, (TEST_SUPPLY * 5n) / 1000n);
  await s.stake(ambassadors[1]!, (TEST_SUPPLY * 2n) / 1000n);
  const factories: Factory[] = [];
  for (let i = 0; i < options.factories; i++) {
    const owner = await s.person(`owner${i}`);
    await s.refer(owner, ambassadors[1]!);
    const f = await s.factory(owner, { rewardPerDemo: USDC(1) });
    await s.fund(f, USDC(options.count));
    factories.push(f);
  }
  const farmers: Account[] = [];
  for (let i = 0; i < Math.min(options.count, 200); i++) {
    const farmer = await s.person(`farmer${i}`);
    await s.refer(farmer, ambassadors[0]!);
    farmers.push(farmer);
  }
  const ids = await prepare(s, factories, farmers, options.count, Math.min(options.clients, 8));
  await options.analyze?.();
  const settle = options.batched ? settlementBatcher(s.core).settle : s.core.settleSubmission;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      for (let i = next++; i < ids.length; i = next++)
        must(await settle({ submissionId: ids[i]!, score: 50 + (i % 51) }));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { settled: ids.length, seconds, perSecond: ids.length / seconds };
}

async function prepare(
  s: ReturnType<typeof scenario>,
  factories: Factory[],
  farmers: Account[],
  count: number,
  clients: number,
): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < count; i = next++) {
        const f = factories[i % factories.length]!;
        const farmer = farmers[i % farmers.length]!;
        // Every submission on its own task slot: spread over both tasks and many farmers.
        const sub = must(
          await s.core.acceptSubmission({ farmerId: farmer.id, factoryId: f.id, taskId: f.tasks[i % 2]!.id }),
        );
        ids.push(sub.id);
      }
    }),
  );
  return ids;
}
