import type { CoreDeps } from "../deps.js";
import type { Page } from "../ports/repositories.js";
import { read } from "../shared/read.js";
import type { Factory } from "./factory.js";

/** The factories an account owns, newest first. */
export const listOwnedFactories = (deps: CoreDeps, ownerId: string): Promise<Factory[]> =>
  read(deps.uow, (r) => r.factories.listByOwner(ownerId));

export const BROWSE_PAGE_MAX = 20;

/** Live factories for farmers to browse, newest first, a page at a time. */
export const browseFactories = (deps: CoreDeps, page: Page): Promise<{ items: Factory[]; total: number }> =>
  read(deps.uow, (r) =>
    r.factories.listByStatus("active", {
      offset: Math.max(0, Math.floor(page.offset)),
      limit: Math.min(BROWSE_PAGE_MAX, Math.max(1, Math.floor(page.limit))),
    }),
  );
