import type { Actor } from "../factories/actor.js";
import type { Factory } from "../factories/factory.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import type { DatasetDeps } from "./deps.js";

/** The factory, when the actor owns it or is an admin: its data is the creator's. */
export async function ownedFactory(
  deps: DatasetDeps,
  input: { actor: Actor; factoryId: string },
): Promise<Result<Factory, DomainError>> {
  const factory = await deps.uow.read((r) => r.factories.findById(input.factoryId));
  if (!factory) return fail("FACTORY_NOT_FOUND", { factoryId: input.factoryId });
  if (factory.ownerId !== input.actor.accountId && !input.actor.isAdmin)
    return fail("FACTORY_NOT_OWNER", { factoryId: input.factoryId });
  return ok(factory);
}
