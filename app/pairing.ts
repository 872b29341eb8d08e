// One-time pairing codes: the bot gives one to a farmer for a factory task; the recorder
// redeems it once, within 15 minutes, to act for that person (the uploads issue). They live in
// Postgres (prisma/pairing-codes.ts), so every bot and server process sees the same codes.
import type { Database } from "../prisma/database.js";
import { sqlPairingStore, type PairingStore } from "../prisma/pairing-codes.js";
import { cryptoIds } from "./runtime.js";

export interface PairingGrant {
  readonly accountId: string;
  readonly factoryId: string;
  readonly taskId: string;
  readonly expiresAt: string;
}

export const PAIRING_TTL_MS = 15 * 60_000;
/**
 * Live codes one person may hold. A farmer works on one task at a time: three covers switching
 * tasks, and pressing task buttons cannot pile up codes. A fourth task's code replaces the
 * oldest (the person asked for the newest, so they get it); the same task pressed again shows
 * its live code rather than a new one.
 */
export const PAIRING_CODES_PER_PERSON = 3;

export function pairingCodes(store: PairingStore, now: () => Date = () => new Date()) {
  return {
    async issue(input: { accountId: string; factoryId: string; taskId: string }): Promise<string> {
      const at = now();
      const row = {
        ...input,
        code: cryptoIds.code(8),
        issuedAt: at,
        expiresAt: new Date(at.getTime() + PAIRING_TTL_MS),
      };
      return store.issue(row, PAIRING_CODES_PER_PERSON);
    },
    /** The grant behind a code, once: a second redeem, or one after expiry, gets null (and the code is gone). */
    async redeem(code: string): Promise<PairingGrant | null> {
      const row = await store.take(code.trim().toUpperCase());
      if (!row || row.expiresAt <= now()) return null;
      const { accountId, factoryId, taskId } = row;
      return { accountId, factoryId, taskId, expiresAt: row.expiresAt.toISOString() };
    },
    /** Invalidates a code, e.g. one whose message never reached the person (it may sit in a log). */
    async revoke(code: string): Promise<void> {
      await store.delete(code.trim().toUpperCase());
    },
    /** Deletes expired codes (the maintenance queue runs it); returns how many. */
    purgeExpired: (): Promise<number> => store.purgeExpired(now()),
  };
}

export type PairingCodes = ReturnType<typeof pairingCodes>;

/** The codes on the application's database (driver statements, no Prisma). */
export const postgresPairingCodes = (db: Pick<Database, "query">): PairingCodes =>
  pairingCodes(sqlPairingStore(db.query));
