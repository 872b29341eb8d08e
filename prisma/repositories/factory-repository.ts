import type { Factory, FactoryStatus, Task } from "../../core/factories/factory.js";
import type { TokenSymbol } from "../../core/money/tokens.js";
import { units } from "../../core/money/units.js";
import type { FactoryRepository } from "../../core/ports/repositories.js";
import type { Factory as FactoryRow, Task as TaskRow } from "../generated/client.js";
import { toBigInt, type Tx } from "./tx.js";

const liveTasks = { where: { archivedAt: null }, orderBy: { position: "asc" } } as const;

const toFactory = (row: FactoryRow & { tasks: TaskRow[] }): Factory => ({
  id: row.id,
  ownerId: row.ownerId,
  name: row.name,
  useCase: row.useCase,
  token: row.token as TokenSymbol,
  rewardPerDemo: units(toBigInt(row.rewardPerDemo)),
  threshold: row.threshold,
  limits: { perTask: row.limitPerTask, perDay: row.limitPerDay, total: row.limitTotal },
  status: row.status as FactoryStatus,
  tasks: row.tasks.map((t): Task => ({ id: t.id, title: t.title, prompt: t.prompt, app: t.app })),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

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
    const row = await tx.factory.findUnique({ where: { id }, include: { tasks: liveTasks } });
    return row && toFactory(row);
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
  async listByOwner(ownerId) {
    const rows = await tx.factory.findMany({
      where: { ownerId },
      include: { tasks: liveTasks },
      orderBy: { createdAt: "desc" },
    });
    return rows.map(toFactory);
  },
  async listByStatus(status, page) {
    const rows = await tx.factory.findMany({
      where: { status },
      include: { tasks: liveTasks },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: page.offset,
      take: page.limit,
    });
    const total = await tx.factory.count({ where: { status } });
    return { items: rows.map(toFactory), total };
  },
});
