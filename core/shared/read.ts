import type { Repositories, UnitOfWork } from "../ports/repositories.js";

/** Runs a read-only query (outside a transaction) and returns its value. */
export const read = <T>(uow: UnitOfWork, fn: (r: Repositories) => Promise<T>): Promise<T> => uow.read(fn);
