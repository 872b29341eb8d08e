import type { CoreDeps } from "../deps.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import type { Actor } from "./actor.js";
import type { Factory, FactoryStatus } from "./factory.js";

export type StatusAction = "pause" | "resume" | "close";

const TARGET: Record<StatusAction, FactoryStatus> = { pause: "paused", resume: "active", close: "closed" };

/**
 * Pauses, resumes or closes a factory. Owners may do all three; admins may pause or close
 * any factory (moderation) but not resume someone else's. Closing is final; reserved
 * submissions still settle, and what is left in the pool can be withdrawn.
 * Errors: FACTORY_NOT_FOUND, FACTORY_NOT_OWNER, FACTORY_CLOSED, FACTORY_STATUS_UNCHANGED.
 */
export async function changeFactoryStatus(
  deps: CoreDeps,
  input: { actor: Actor; factoryId: string; action: StatusAction },
): Promise<Result<Factory, DomainError>> {
  return deps.uow.run(async (r) => {
    await r.lock([`factory:${input.factoryId}`]);
    const factory = await r.factories.findById(input.factoryId);
    if (!factory) return fail("FACTORY_NOT_FOUND", { factoryId: input.factoryId });
    const isOwner = factory.ownerId === input.actor.accountId;
    const adminMay = input.actor.isAdmin && input.action !== "resume";
    if (!isOwner && !adminMay) return fail("FACTORY_NOT_OWNER", { factoryId: factory.id });
    if (factory.status === "closed") return fail("FACTORY_CLOSED", { factoryId: factory.id });
    const status = TARGET[input.action];
    if (factory.status === status) return fail("FACTORY_STATUS_UNCHANGED", { status });
    const updated: Factory = { ...factory, status, updatedAt: deps.clock.now() };
    await r.factories.update(updated);
    return ok(updated);
  });
}
