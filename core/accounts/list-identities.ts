import type { CoreDeps } from "../deps.js";
import { read } from "../shared/read.js";
import type { Identity } from "./account.js";

/** The chat identities of an account (to notify the person where they are). */
export const listIdentities = (deps: CoreDeps, accountId: string): Promise<Identity[]> =>
  read(deps.uow, (r) => r.accounts.listIdentities(accountId));
