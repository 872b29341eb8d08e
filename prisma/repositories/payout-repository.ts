import type { TokenSymbol } from "../../core/money/tokens.js";
import { units } from "../../core/money/units.js";
import type { PayoutAttempt, PayoutBatch, AttemptStatus, BatchStatus } from "../../core/payouts/batch.js";
import type { Payout, PayoutRole, PayoutSource, PayoutStatus } from "../../core/payouts/payout.js";
import type {
  OwedPayout,
  PayoutBatchRepository,
  PayoutEngineRepository,
  PayoutEngineState,
  PayoutRepository,
} from "../../core/ports/payouts.js";
import type { Payout as PayoutRow, PayoutAttempt as AttemptRow, PayoutBatch as BatchRow } from "../generated/client.js";
import { toBigInt, type Tx } from "./tx.js";

const toPayout = (row: PayoutRow): Payout => ({
  id: row.id,
  key: row.key,
  recipientId: row.recipientId,
  role: row.role as PayoutRole,
  token: row.token as TokenSymbol,
  units: units(toBigInt(row.units)),
  submissionId: row.submissionId,
  sourceId: row.sourceId,
  status: row.status as PayoutStatus,
  dueAt: row.dueAt,
  createdAt: row.createdAt,
  batchId: row.batchId,
  attempts: row.attempts,
  wallet: row.wallet,
  signature: row.signature,
  paidAt: row.paidAt,
  rentLamports: toBigInt(row.rentLamports),
  heldReason: row.heldReason,
  retryAt: row.retryAt,
  notifiedAt: row.notifiedAt,
});

const mutable = (p: Payout) => ({
  status: p.status,
  batchId: p.batchId,
  attempts: p.attempts,
  wallet: p.wallet,
  signature: p.signature,
  paidAt: p.paidAt,
  rentLamports: p.rentLamports.toString(),
  heldReason: p.heldReason,
  retryAt: p.retryAt,
  notifiedAt: p.notifiedAt,
});

/** Owed, due, not held; with the recipient's most recently linked wallet. */
const OWED_SQL = `
SELECT p.id,
       (SELECT w.address FROM wallet w WHERE w.account_id = p.recipient_id
         ORDER BY w.verified_at DESC, w.address LIMIT 1) AS recipient_wallet
  FROM payout p
 WHERE p.status = 'owed' AND p.held_reason IS NULL AND (p.due_at IS NULL OR p.due_at <= $1)
   AND (p.retry_at IS NULL OR p.retry_at <= $1)
   AND ($3::text IS NULL OR p.token = $3) AND ($4::text IS NULL OR p.recipient_id = $4)
 ORDER BY p.created_at, p.id
 LIMIT $2`;

export const prismaPayoutRepository = (tx: Tx): PayoutRepository => ({
  async createMany(payouts) {
    if (payouts.length === 0) return;
    await tx.payout.createMany({
      data: payouts.map((p) => ({
        ...p,
        units: p.units.toString(),
        rentLamports: p.rentLamports.toString(),
      })),
      skipDuplicates: true,
    });
  },
  async findById(id) {
    const row = await tx.payout.findUnique({ where: { id } });
    return row && toPayout(row);
  },
  async listByRecipient(recipientId) {
    const rows = await tx.payout.findMany({ where: { recipientId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
    return rows.map(toPayout);
  },
  async listBySubmission(submissionId) {
    return (await tx.payout.findMany({ where: { submissionId }, orderBy: { key: "asc" } })).map(toPayout);
  },
  async listByBatch(batchId) {
    return (await tx.payout.findMany({ where: { batchId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map(
      toPayout,
    );
  },
  async listOwed(query) {
    const found = await tx.$queryRawUnsafe<Array<{ id: string; recipient_wallet: string | null }>>(
      OWED_SQL,
      query.dueBy,
      query.limit,
      query.token ?? null,
      query.recipientId ?? null,
    );
    if (found.length === 0) return [];
    const rows = new Map(
      (await tx.payout.findMany({ where: { id: { in: found.map((f) => f.id) } } })).map((r) => [r.id, r]),
    );
    return found.map((f): OwedPayout => ({ ...toPayout(rows.get(f.id)!), recipientWallet: f.recipient_wallet }));
  },
  async claimOwed(ids) {
    if (ids.length === 0) return [];
    const locked = await tx.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT id FROM payout WHERE id = ANY($1::text[]) AND status = 'owed' ORDER BY id FOR UPDATE SKIP LOCKED`,
      [...ids],
    );
    if (locked.length === 0) return [];
    const rows = await tx.payout.findMany({
      where: { id: { in: locked.map((l) => l.id) } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    return rows.map(toPayout);
  },
  async update(p) {
    await tx.payout.update({ where: { id: p.id }, data: mutable(p) });
  },
  async claimNotice(id, at) {
    const { count } = await tx.payout.updateMany({ where: { id, notifiedAt: null }, data: { notifiedAt: at } });
    return count === 1;
  },
  async listPaidUnnotified(paidBefore, limit) {
    const rows = await tx.payout.findMany({
      where: { status: "paid", notifiedAt: null, paidAt: { lt: paidBefore } },
      orderBy: { paidAt: "asc" },
      take: limit,
    });
    return rows.map(toPayout);
  },
});

const toBatch = (row: BatchRow): PayoutBatch => ({
  id: row.id,
  token: row.token as TokenSymbol,
  source: row.source as PayoutSource,
  status: row.status as BatchStatus,
  attempt: row.attempt,
  signature: row.signature,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  confirmedAt: row.confirmedAt,
  error: row.error,
});

const toAttempt = (row: AttemptRow): PayoutAttempt => ({
  signature: row.signature,
  batchId: row.batchId,
  attempt: row.attempt,
  blockhash: row.blockhash,
  lastValidBlockHeight: row.lastValidBlockHeight,
  wire: row.wire,
  status: row.status as AttemptStatus,
  createdAt: row.createdAt,
  resolvedAt: row.resolvedAt,
  slot: row.slot,
  feeLamports: row.feeLamports === null ? null : toBigInt(row.feeLamports),
  error: row.error,
});

const attemptColumns = (a: PayoutAttempt) => ({
  status: a.status,
  resolvedAt: a.resolvedAt,
  slot: a.slot,
  feeLamports: a.feeLamports?.toString() ?? null,
  error: a.error,
});

export const prismaPayoutBatchRepository = (tx: Tx): PayoutBatchRepository => ({
  async create(batch) {
    await tx.payoutBatch.create({ data: { ...batch } });
  },
  async findById(id) {
    const row = await tx.payoutBatch.findUnique({ where: { id } });
    return row && toBatch(row);
  },
  async lock(id) {
    const locked = await tx.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT id FROM payout_batch WHERE id = $1 FOR UPDATE`,
      id,
    );
    if (locked.length === 0) return null;
    return toBatch((await tx.payoutBatch.findUnique({ where: { id } }))!);
  },
  async update(batch) {
    const { id: _id, createdAt: _c, token: _t, source: _s, ...data } = batch;
    await tx.payoutBatch.update({ where: { id: batch.id }, data });
  },
  async listOpen(limit) {
    const rows = await tx.payoutBatch.findMany({
      where: { status: { in: ["planned", "signed"] } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
    });
    return rows.map(toBatch);
  },
  async createAttempt(a) {
    await tx.payoutAttempt.create({
      data: {
        signature: a.signature,
        batchId: a.batchId,
        attempt: a.attempt,
        blockhash: a.blockhash,
        lastValidBlockHeight: a.lastValidBlockHeight,
        wire: a.wire,
        createdAt: a.createdAt,
        ...attemptColumns(a),
      },
    });
  },
  async updateAttempt(a) {
    await tx.payoutAttempt.update({ where: { signature: a.signature }, data: attemptColumns(a) });
  },
  async findAttempt(signature) {
    const row = await tx.payoutAttempt.findUnique({ where: { signature } });
    return row && toAttempt(row);
  },
  async listConfirmedSince(since, limit) {
    const rows = await tx.payoutAttempt.findMany({
      where: { status: "confirmed", resolvedAt: { gte: since } },
      orderBy: { resolvedAt: "asc" },
      take: limit,
    });
    return rows.map(toAttempt);
  },
  async listAttempts(batchId) {
    return (await tx.payoutAttempt.findMany({ where: { batchId }, orderBy: { attempt: "asc" } })).map(toAttempt);
  },
});

const ENGINE = "payouts";

export const prismaPayoutEngineRepository = (tx: Tx): PayoutEngineRepository => ({
  async get() {
    const row = await tx.payoutEngine.findUnique({ where: { id: ENGINE } });
    if (!row) return null;
    return {
      state: row.state as PayoutEngineState,
      since: row.since,
      heartbeatAt: row.heartbeatAt,
      neededLamports: row.neededLamports === null ? null : toBigInt(row.neededLamports),
      availableLamports: row.availableLamports === null ? null : toBigInt(row.availableLamports),
      sources: row.sources as PayoutSource[],
    };
  },
  async set(status) {
    const data = {
      state: status.state,
      since: status.since,
      heartbeatAt: status.heartbeatAt,
      neededLamports: status.neededLamports?.toString() ?? null,
      availableLamports: status.availableLamports?.toString() ?? null,
      sources: [...status.sources],
    };
    await tx.payoutEngine.upsert({ where: { id: ENGINE }, create: { id: ENGINE, ...data }, update: data });
  },
});
