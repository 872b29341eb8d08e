import { z } from "zod";
import type { CoreDeps } from "../deps.js";
import { MIN_THRESHOLD } from "../economics/rules.js";
import { units } from "../money/units.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { validate } from "../shared/validate.js";
import type { Actor } from "./actor.js";
import { newTask } from "./create-factory.js";
import {
  FactoryNameSchema,
  LimitsSchema,
  TaskInputSchema,
  ThresholdSchema,
  UseCaseSchema,
  type Factory,
} from "./factory.js";

export const FactoryChangesSchema = z.object({
  name: FactoryNameSchema.optional(),
  useCase: UseCaseSchema.optional(),
  rewardPerDemo: z.bigint().positive().optional(),
  threshold: ThresholdSchema.optional(),
  limits: LimitsSchema.partial().optional(),
  addTasks: z.array(TaskInputSchema).max(50).optional(),
  removeTaskIds: z.array(z.string()).optional(),
});
export type FactoryChanges = z.input<typeof FactoryChangesSchema>;

/**
 * Edits a factory. Only its owner may; a closed factory cannot change; the token is fixed
 * (the pool holds it). Submissions already accepted keep the reward and threshold they were
 * accepted under.
 * Errors: FACTORY_NOT_FOUND, FACTORY_NOT_OWNER, FACTORY_CLOSED, THRESHOLD_TOO_LOW,
 * INVALID_INPUT, TASK_NOT_FOUND.
 */
export async function updateFactory(
  deps: CoreDeps,
  input: { actor: Actor; factoryId: string; changes: FactoryChanges },
): Promise<Result<Factory, DomainError>> {
  if (input.changes.threshold !== undefined && input.changes.threshold < MIN_THRESHOLD)
    return fail("THRESHOLD_TOO_LOW", { min: MIN_THRESHOLD });
  const parsed = validate(FactoryChangesSchema, input.changes);
  if (!parsed.ok) return parsed;
  const changes = parsed.value;
  return deps.uow.run(async (r) => {
    await r.lock([`factory:${input.factoryId}`]);
    const factory = await r.factories.findById(input.factoryId);
    if (!factory) return fail("FACTORY_NOT_FOUND", { factoryId: input.factoryId });
    if (factory.ownerId !== input.actor.accountId) return fail("FACTORY_NOT_OWNER", { factoryId: factory.id });
    if (factory.status === "closed") return fail("FACTORY_CLOSED", { factoryId: factory.id });
    const removed = new Set(changes.removeTaskIds ?? []);
    const unknown = [...removed].find((id) => !factory.tasks.some((t) => t.id === id));
    if (unknown) return fail("TASK_NOT_FOUND", { taskId: unknown });
    const tasks = [
      ...factory.tasks.filter((t) => !removed.has(t.id)),
      ...(changes.addTasks ?? []).map((t) => newTask(deps, t)),
    ];
    if (tasks.length === 0)
      return fail("INVALID_INPUT", { issues: [{ path: "tasks", message: "a factory needs at least one task" }] });
    const updated: Factory = {
      ...factory,
      name: changes.name ?? factory.name,
      useCase: changes.useCase ?? factory.useCase,
      rewardPerDemo: changes.rewardPerDemo === undefined ? factory.rewardPerDemo : units(changes.rewardPerDemo),
      threshold: changes.threshold ?? factory.threshold,
      limits: { ...factory.limits, ...changes.limits },
      tasks,
      updatedAt: deps.clock.now(),
    };
    await r.factories.update(updated);
    return ok(updated);
  });
}
