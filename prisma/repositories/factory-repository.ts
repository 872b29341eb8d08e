import type { Factory, FactoryStatus, Task } from "../../core/factories/factory.js";
import type { TokenSymbol } from "../../core/money/tokens.js";
import { units } from "../../core/money/units.js";
import type { FactoryRepository } from "../../core/ports/repositories.js";
import type { Tx } from "./tx.js";

// Reads are raw SQL with the live tasks aggregated in: one statement per lookup.
const FACTORY_COLUMNS = `f.id, f.owner_id, f.name, f.use_case, f.token, f.reward_per_demo::text AS reward_per_demo,
  f.threshold, f.limit_per_task, f.limit_per_day, f.limit_total, f.status, f.created_at, f.updated_at,
  coalesce((SELECT json_agg(json_build_object('id', t.id, 'title', t.title, 'prompt', t.prompt, 'app', t.app) ORDER BY t.position)
              FROM task t WHERE t.factory_id = f.id AND t.archived_at IS NULL), '[]')::text AS tasks`;
const FACTORY_SELECT = `SELECT ${FACTORY_COLUMNS} FROM factory f`;
/** A page by status with the status's count beside each row (an init plan, counted once). */
const FACTORY_PAGE_BY_STATUS = `SELECT ${FACTORY_COLUMNS}, (SELECT count(*) FROM factory WHERE status = $1)::int AS total
  FROM factory f WHERE f.status = $1 ORDER BY f.created_at DESC, f.id LIMIT $2 OFFSET $3`;

interface FactorySqlRow {
  id: string;
  owner_id: string;
  name: string;
  use_case: string;
  token: string;
  reward_per_demo: string;
  threshold: number;
  limit_per_task: number | null;
  limit_per_day: number | null;
  limit_total: number | null;
  status: string;
  created_at: Date | string;
  updated_at: Date | string;
  tasks: string;
}

const fromSql = (r: FactorySqlRow): Factory => ({
  id: r.id,
  ownerId: r.owner_id,
  name: r.name,
  useCase: r.use_case,
  token: r.token as TokenSymbol,
  rewardPerDemo: units(r.reward_per_demo),
  threshold: r.threshold,
  limits: { perTask: r.limit_per_task, perDay: r.limit_per_day, total: r.limit_total },
  status: r.status as FactoryStatus,
  tasks: JSON.parse(r.tasks) as Task[],
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

const select = async (tx: Tx, rest: string, ...params: unknown[]) =>
  (await tx.$queryRawUnsafe<FactorySqlRow[]>(`${FACTORY_SELECT} ${rest}`, ...params)).map(fromSql);

const columns = (f: Factory) => ({
  name: f.name,
  useCase: f.useCase,
  token: f.token,
  rewardPerDemo: f.rewardPerDemo.toString(),
  threshold: f.threshold,
  limitPerTask: f.limits.perTask,
  limitPerDay: f.limits.perDay,
  limitTotal: f.limits.total,
  status: f.status,
  updatedAt: f.updatedAt,
});

export const prismaFactoryRepository = (tx: Tx): FactoryRepository => ({
  async findById(id) {
    return (await select(tx, "WHERE f.id = $1", id))[0] ?? null;
  },
  async create(f) {
    await tx.factory.create({
      data: {
        id: f.id,
        ownerId: f.ownerId,
        createdAt: f.createdAt,
        ...columns(f),
        tasks: { create: f.tasks.map((t, position) => ({ ...t, position })) },
      },
    });
  },
  async update(f) {
    await tx.factory.update({ where: { id: f.id }, data: columns(f) });
    const keep = f.tasks.map((t) => t.id);
    await tx.task.updateMany({
      where: { factoryId: f.id, archivedAt: null, id: { notIn: keep } },
      data: { archivedAt: f.updatedAt },
    });
    for (const [position, t] of f.tasks.entries()) {
      await tx.task.upsert({
        where: { id: t.id },
        create: { ...t, position, factoryId: f.id },
        update: { title: t.title, prompt: t.prompt, app: t.app, position },
      });
    }
  },
  listByOwner: (ownerId) => select(tx, "WHERE f.owner_id = $1 ORDER BY f.created_at DESC, f.id", ownerId),
  async listByStatus(status, page) {
    // The page and the total in one statement; a page past the end has no row to carry it.
    const rows = await tx.$queryRawUnsafe<Array<FactorySqlRow & { total: number }>>(
      FACTORY_PAGE_BY_STATUS,
      status,
      page.limit,
      page.offset,
    );
    if (rows.length > 0) return { items: rows.map(fromSql), total: rows[0]!.total };
    const [count] = await tx.$queryRawUnsafe<Array<{ n: number }>>(
      "SELECT count(*)::int AS n FROM factory WHERE status = $1",
      status,
    );
    return { items: [], total: count?.n ?? 0 };
  },
});
