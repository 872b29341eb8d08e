import type { TokenRegistry } from "./money/tokens.js";
import type { UnitOfWork } from "./ports/repositories.js";
import type { Clock, IdGenerator, PaymentDestinations, PayoutPolicy, SupplySource } from "./ports/runtime.js";

/** What every use case needs from the outside, passed in by each process's composition root. */
export interface CoreDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly tokens: TokenRegistry;
  readonly supply: SupplySource;
  readonly payments: PaymentDestinations;
  readonly payoutPolicy: PayoutPolicy;
}
