import type { CoreDeps } from "../deps.js";
import { MIN_THRESHOLD } from "../economics/rules.js";
import { units } from "../money/units.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { validate } from "../shared/validate.js";
import { FactoryInputSchema, type Factory, type FactoryInput, type Task, type TaskInputSchema } from "./factory.js";

/**
 * Creates a live factory owned by `ownerId`. Its pool starts empty: funding is a deposit.
 * Names and texts are stored as cleaned for display (core/shared/display-text.ts).
 * Errors: THRESHOLD_TOO_LOW, INVALID_INPUT (an issue NOT_VISIBLE for a name or title with
 * nothing visible in it), TOKEN_UNKNOWN, ACCOUNT_NOT_FOUND.
 */
export async function createFactory(
  deps: CoreDeps,
  input: { ownerId: string; factory: FactoryInput },
): Promise<Result<Factory, DomainError>> {
  if ((input.factory.threshold ?? MIN_THRESHOLD) < MIN_THRESHOLD)
    return fail("THRESHOLD_TOO_LOW", { min: MIN_THRESHOLD });
  const parsed = validate(FactoryInputSchema, input.factory);
  if (!parsed.ok) return parsed;
  const token = deps.tokens.parseSymbol(parsed.value.token);
  if (!token.ok) return token;
  const now = deps.clock.now();
  const factory: Factory = {
    id: deps.ids.id(),
    ownerId: input.ownerId,
    name: parsed.value.name,
    useCase: parsed.value.useCase,
    token: token.value.symbol,
    rewardPerDemo: units(parsed.value.rewardPerDemo),
    threshold: parsed.value.threshold,
    limits: parsed.value.limits,
    status: "active",
    tasks: parsed.value.tasks.map((t) => newTask(deps, t)),
    createdAt: now,
    updatedAt: now,
  };
  return deps.uow.run(async (r) => {
    if (!(await r.accounts.findById(input.ownerId))) return fail("ACCOUNT_NOT_FOUND", { accountId: input.ownerId });
    await r.factories.create(factory);
    return ok(factory);
  });
}

export function newTask(deps: Pick<CoreDeps, "ids">, input: ReturnType<typeof TaskInputSchema.parse>): Task {
  return { id: deps.ids.id(), title: input.title, prompt: input.prompt, app: input.app };
}
