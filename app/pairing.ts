// One-time pairing codes: the bot gives one to a farmer for a factory task; the recorder
// redeems it once, within 15 minutes, to act for that person (the uploads issue).
import { cryptoIds } from "./runtime.js";

export interface PairingGrant {
  readonly accountId: string;
  readonly factoryId: string;
  readonly taskId: string;
  readonly expiresAt: string;
}

interface Store {
  write(key: string, value: PairingGrant): Promise<void>;
  /** Reads and deletes at once, so that two racing redeems cannot both get the grant. */
  take(key: string): Promise<PairingGrant | undefined>;
}

export const PAIRING_TTL_MS = 15 * 60_000;

export function pairingCodes(store: Store, now: () => Date = () => new Date()) {
  return {
    async issue(input: { accountId: string; factoryId: string; taskId: string }): Promise<string> {
      const code = cryptoIds.code(8);
      await store.write(code, { ...input, expiresAt: new Date(now().getTime() + PAIRING_TTL_MS).toISOString() });
      return code;
    },
    /** The grant behind a code, once: a second redeem, or one after expiry, gets null. */
    async redeem(code: string): Promise<PairingGrant | null> {
      const key = code.trim().toUpperCase();
      const grant = await store.take(key);
      if (!grant) return null;
      return new Date(grant.expiresAt) > now() ? grant : null;
    },
  };
}
