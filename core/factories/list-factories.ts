import type { CoreDeps } from "../deps.js";
import { LedgerAccount } from "../ledger/ledger.js";
import type { Page } from "../ports/repositories.js";
import { read } from "../shared/read.js";
import type { Factory } from "./factory.js";

/** The factories an account owns, newest first. */
export const listOwnedFactories = (deps: CoreDeps, ownerId: string): Promise<Factory[]> =>
  read(deps.uow, (r) => r.factories.listByOwner(ownerId));

export const BROWSE_PAGE_MAX = 20;

export interface BrowseItem {
  readonly factory: Factory;
  /** What its pool holds now. */
  readonly available: bigint;
  /** Its pool can pay a new demonstration in full; otherwise it waits for funding. */
  readonly open: boolean;
}

/** Live factories for farmers to browse, newest first, a page at a time, each with its pool. */
export const browseFactories = (deps: CoreDeps, page: Page): Promise<{ items: BrowseItem[]; total: number }> =>
  read(deps.uow, async (r) => {
    const { items, total } = await r.factories.listByStatus("active", {
      offset: Math.max(0, Math.floor(page.offset)),
      limit: Math.min(BROWSE_PAGE_MAX, Math.max(1, Math.floor(page.limit))),
    });
    const pools = await r.ledger.balances(items.map((f) => ({ account: LedgerAccount.pool(f.id), token: f.token })));
    const withPools = items.map((factory, i): BrowseItem => {
      const available = pools[i]!;
      return { factory, available, open: available >= factory.rewardPerDemo };
    });
    return { items: withPools, total };
  });
