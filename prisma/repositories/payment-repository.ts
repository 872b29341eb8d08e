import type { TokenSymbol } from "../../core/money/tokens.js";
import { units } from "../../core/money/units.js";
import type { PaymentOutcome, PaymentPurpose, PaymentRequest, RecordedPayment } from "../../core/payments/payment.js";
import type { PaymentRepository } from "../../core/ports/repositories.js";
import type { Payment as PaymentRow, PaymentRequest as RequestRow } from "../generated/client.js";
import { toBigInt, type Tx } from "./tx.js";

const toRequest = ({ seenSignature: _seen, ...row }: RequestRow): PaymentRequest => ({
  ...row,
  purpose: row.purpose as PaymentPurpose,
  token: row.token as TokenSymbol,
  units: units(toBigInt(row.units)),
  status: row.status as PaymentRequest["status"],
});

const toPayment = (row: PaymentRow): RecordedPayment => ({
  ...row,
  token: row.token as TokenSymbol,
  units: units(toBigInt(row.units)),
  outcome: row.outcome as PaymentOutcome,
});

export const prismaPaymentRepository = (tx: Tx): PaymentRepository => ({
  async createRequest(r) {
    await tx.paymentRequest.create({ data: { ...r, units: r.units.toString() } });
  },
  async findRequestByReference(reference) {
    const row = await tx.paymentRequest.findUnique({ where: { reference } });
    return row && toRequest(row);
  },
  async findRequestById(id) {
    const row = await tx.paymentRequest.findUnique({ where: { id } });
    return row && toRequest(row);
  },
  async findRequestsByReferences(references) {
    if (references.length === 0) return [];
    // Shared locks first: a merge of the owner's accounts (which locks its open requests) is
    // waited for, so the request is then read with its new owner and the money goes there.
    await tx.$queryRawUnsafe(`SELECT 1 FROM payment_request WHERE reference = ANY($1::text[]) ORDER BY id FOR SHARE`, [
      ...references,
    ]);
    return (await tx.paymentRequest.findMany({ where: { reference: { in: [...references] } } })).map(toRequest);
  },
  async setMessageRef(id, messageRef) {
    await tx.paymentRequest.updateMany({ where: { id }, data: { messageRef } });
  },
  async markSeen(id, signature, at) {
    const { count } = await tx.paymentRequest.updateMany({
      where: { id, status: "open", seenAt: null },
      data: { seenAt: at, seenSignature: signature },
    });
    if (count === 0) return null;
    const row = await tx.paymentRequest.findUnique({ where: { id } });
    return row && toRequest(row);
  },
  async markPaid(id) {
    await tx.paymentRequest.update({ where: { id }, data: { status: "paid" } });
  },
  async findPayment(signature) {
    const row = await tx.payment.findUnique({ where: { signature } });
    return row && toPayment(row);
  },
  async recordPayment(p) {
    const { count } = await tx.payment.createMany({
      data: [{ ...p, references: [...p.references], units: p.units.toString() }],
      skipDuplicates: true,
    });
    return count === 1;
  },
  async listUnfinalized(limit) {
    const rows = await tx.payment.findMany({
      where: { finalizedAt: null, requestId: { not: null }, outcome: { in: ["credited", "underpaid", "overpaid"] } },
      orderBy: { createdAt: "asc" },
      take: limit,
    });
    return rows.map(toPayment);
  },
  async markFinalized(signatures, at) {
    if (signatures.length)
      await tx.payment.updateMany({ where: { signature: { in: [...signatures] } }, data: { finalizedAt: at } });
  },
  async listUnattributed(limit) {
    return (
      await tx.payment.findMany({ where: { outcome: "unattributed" }, orderBy: { createdAt: "desc" }, take: limit })
    ).map(toPayment);
  },
});
