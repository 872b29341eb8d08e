import type { CoreDeps } from "../deps.js";
import { fail, type DomainError } from "../shared/errors.js";
import type { Result } from "../shared/result.js";
import type { Actor } from "./actor.js";
import { getFactoryOverview, type FactoryOverview } from "./get-factory-overview.js";

/**
 * The owner-only screens of a factory. Each shows its pool balance (the card, the fund and
 * withdraw prompts) or acts on it (the close dialog); admins may open those that moderation
 * needs (see the card, close it, top up a pool), never the withdrawal.
 */
export type FactoryDialog = "card" | "fund" | "close" | "withdraw";

const ADMIN_MAY: Record<FactoryDialog, boolean> = { card: true, fund: true, close: true, withdraw: false };

/**
 * A factory's overview for one of its owner-only screens, checked before anything is shown (a
 * forged button gets no balance and no dialog). Errors: FACTORY_NOT_FOUND, FACTORY_NOT_OWNER.
 */
export async function getOwnedFactoryOverview(
  deps: CoreDeps,
  input: { actor: Actor; factoryId: string; dialog: FactoryDialog },
): Promise<Result<FactoryOverview, DomainError>> {
  const overview = await getFactoryOverview(deps, input.factoryId);
  if (!overview.ok) return overview;
  const isOwner = overview.value.factory.ownerId === input.actor.accountId;
  if (!isOwner && !(input.actor.isAdmin && ADMIN_MAY[input.dialog]))
    return fail("FACTORY_NOT_OWNER", { factoryId: input.factoryId });
  return overview;
}
