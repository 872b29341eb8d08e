import type { Repositories, UnitOfWork } from "../ports/repositories.js";

/** Runs a read-only query in a unit of work and returns its value. */
export async function read<T>(uow: UnitOfWork, fn: (r: Repositories) => Promise<T>): Promise<T> {
  const result = await uow.run(async (r) => ({ ok: true as const, value: await fn(r) }));
  return result.value;
}
