// Linking a wallet by signing a message: the bot shows a one-time challenge (10 minutes, one per
// person, single use), the person signs it with the wallet and sends back address and signature.
import { randomBytes } from "node:crypto";
import { verifyWalletSignature } from "../chain/wallet-signature.js";
import type { Core } from "../core/index.js";

export interface WalletChallenge {
  readonly message: string;
  readonly expiresAt: string;
}

interface Store {
  write(key: string, value: WalletChallenge): Promise<void>;
  read(key: string): Promise<WalletChallenge | undefined>;
  take(key: string): Promise<WalletChallenge | undefined>;
}

export const CHALLENGE_TTL_MS = 10 * 60_000;

export type ProofOutcome =
  | { ok: true; wallet: string; created: boolean }
  | { ok: false; code: "CHALLENGE_EXPIRED" | "SIGNATURE_INVALID" | "WALLET_INVALID" | "WALLET_TAKEN" | string };

export function walletChallenges(core: Core, store: Store, now: () => Date = () => new Date()) {
  return {
    /** A fresh challenge text for this person; it replaces any earlier one. */
    async challenge(accountId: string): Promise<{ message: string; expiresAt: Date }> {
      const expiresAt = new Date(now().getTime() + CHALLENGE_TTL_MS);
      const message = [
        "CLONES Forge: I own this wallet and link it to my account.",
        `Account: ${accountId}`,
        `Nonce: ${randomBytes(12).toString("hex")}`,
        `Expires: ${expiresAt.toISOString()}`,
      ].join("\n");
      await store.write(accountId, { message, expiresAt: expiresAt.toISOString() });
      return { message, expiresAt };
    },

    /**
     * Checks the signature against this person's open challenge and links the wallet. A wrong
     * signature leaves the challenge open (a typo can be fixed); a good one uses it up.
     */
    async prove(accountId: string, wallet: string, signature: string): Promise<ProofOutcome> {
      const open = await store.read(accountId);
      if (!open || new Date(open.expiresAt) <= now()) return { ok: false, code: "CHALLENGE_EXPIRED" };
      if (!(await verifyWalletSignature({ wallet, message: open.message, signature })))
        return { ok: false, code: "SIGNATURE_INVALID" };
      const taken = await store.take(accountId);
      if (!taken || taken.message !== open.message) return { ok: false, code: "CHALLENGE_EXPIRED" };
      const linked = await core.linkWallet({ accountId, address: wallet });
      return linked.ok ? { ok: true, wallet, created: linked.value.created } : { ok: false, code: linked.error.code };
    },
  };
}
