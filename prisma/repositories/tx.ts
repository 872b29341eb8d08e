import type { Prisma } from "../generated/client.js";

/** The Prisma handle repositories work through: the transaction of their unit of work. */
export type Tx = Prisma.TransactionClient;

/** Decimal (numeric(39,0)) column → bigint, exactly. */
export const toBigInt = (value: Prisma.Decimal | { toFixed(): string }): bigint => BigInt(value.toFixed());
