// Builders for test data (object mothers): a person, a funded factory, a submission.
import type { Account } from "../../core/accounts/account.js";
import type { Factory, FactoryInput } from "../../core/factories/factory.js";
import { createCore, type Core } from "../../core/index.js";
import { units } from "../../core/money/units.js";
import type { UnitOfWork } from "../../core/ports/repositories.js";
import { testDeps } from "./core-deps.js";

export const USDC = (n: number | string) => units(BigInt(Math.round(Number(n) * 1_000_000)));

export function must<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok)
    throw new Error(
      `expected ok, got ${JSON.stringify(result.error, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`,
    );
  return result.value;
}

export function scenario(uow: UnitOfWork, overrides: Parameters<typeof testDeps>[1] = {}) {
  const deps = testDeps(uow, overrides);
  const core: Core = createCore(deps);
  let people = 0;
  const person = async (name = `user${++people}`): Promise<Account> =>
    must(await core.registerAccount({ platform: "telegram", externalId: `${name}-${deps.ids.id()}`, username: name }))
      .account;
  const factory = async (owner: Account, input: Partial<FactoryInput> = {}): Promise<Factory> =>
    must(
      await core.createFactory({
        ownerId: owner.id,
        factory: {
          name: "Spreadsheet skills",
          useCase: "Teach agents to use spreadsheets",
          token: "USDC",
          rewardPerDemo: USDC(1),
          tasks: [
            { title: "Sum a column", prompt: "Open the sheet and sum column B" },
            { title: "Sort rows", prompt: "Sort by date" },
          ],
          ...input,
        },
      }),
    );
  let deposits = 0;
  const fund = async (f: Factory, amount: bigint) =>
    must(
      await core.creditDeposit({
        key: `deposit:test-${deps.ids.id()}-${++deposits}`,
        factoryId: f.id,
        token: f.token,
        units: units(amount),
      }),
    );
  const stake = async (a: Account, amount: bigint) =>
    must(await core.recordStake({ key: `stake:test-${deps.ids.id()}`, accountId: a.id, units: units(amount) }));
  const submit = async (farmer: Account, f: Factory, taskIndex = 0) =>
    core.acceptSubmission({ farmerId: farmer.id, factoryId: f.id, taskId: f.tasks[taskIndex]!.id });
  /** A request to fund `f` from its owner, in its token. */
  const fundRequest = async (f: Factory, amount: bigint) =>
    must(
      await core.createPaymentRequest({
        ownerId: f.ownerId,
        purpose: "fund",
        factoryId: f.id,
        token: f.token,
        units: units(amount),
      }),
    );
  const refer = async (referee: Account, referrer: Account) =>
    must(await core.attributeReferral({ accountId: referee.id, code: referrer.referralCode }));
  return { deps, core, person, factory, fund, stake, submit, refer, fundRequest };
}
