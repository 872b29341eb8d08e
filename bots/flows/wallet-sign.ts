// Linking a wallet by signing a message, as a wizard: the person reads a one-time challenge
// (the intro), signs it in their wallet (or with `solana sign-offchain-message`) and answers
// two fields, the address and the signature. Only a public address and a signature ever
// travel: what looks like a seed phrase or a secret key is refused, in either field, and kept
// nowhere. The signature is checked as the field is read, so a wrong one is reported like any
// bad answer (the person can fix it, nothing changes); walletProof.prove checks it again and
// links the wallet.
import { createPublicKey, verify } from "node:crypto";
import type { Person } from "./deps.js";
import { asNew, step } from "./step.js";
import type { Field, Parsed, WizardState } from "./wizard.js";
import type { Outcome, Started, WizardKind } from "./wizard-kind.js";

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BASE58 = /^[1-9A-HJ-NP-Za-km-z]+$/;

/** Base58 (Bitcoin's alphabet, as Solana's addresses and signatures) to bytes; null when it is not. */
export function base58Bytes(text: string): Uint8Array | null {
  if (!BASE58.test(text) || text.length > 128) return null;
  let n = 0n;
  for (const c of text) n = n * 58n + BigInt(ALPHABET.indexOf(c));
  const body: number[] = [];
  for (; n > 0n; n >>= 8n) body.unshift(Number(n & 0xffn));
  const zeros = text.length - text.replace(/^1+/, "").length;
  return new Uint8Array([...new Array<number>(zeros).fill(0), ...body]);
}

/** A secret key or seed phrase pasted by mistake: refused before anything else happens. */
export const looksSecret = (text: string) =>
  text.split(/\s+/).length >= 12 || /^\[?\s*\d+\s*(,\s*\d+\s*){31,}\]?$/.test(text);

/** The off-chain signing domain: 0xff, then "solana offchain" in ASCII. */
const SIGNING_DOMAIN = [...Buffer.from("ff736f6c616e61206f6666636861696e", "hex")];

/** `solana sign-offchain-message`'s envelope (version 0), as chain/wallet-signature.ts accepts it. */
function offchainEnvelope(message: Uint8Array): Uint8Array {
  const ascii = message.every((b) => b >= 0x20 && b <= 0x7e);
  return new Uint8Array([...SIGNING_DOMAIN, 0, ascii ? 0 : 1, message.length & 0xff, message.length >> 8, ...message]);
}

/**
 * True when `signature` is the ed25519 signature by `key` (the wallet's 32 bytes) of `message`,
 * as a wallet's "sign message" signs it (its bytes) or as the Solana CLI does (in its envelope):
 * what walletProof.prove accepts (chain/wallet-signature.ts).
 */
export function signedBy(key: Uint8Array, message: string, signature: Uint8Array): boolean {
  const publicKey = createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(key).toString("base64url") },
    format: "jwk",
  });
  const text = new TextEncoder().encode(message);
  const signed = [text, ...(text.length <= 1212 ? [offchainEnvelope(text)] : [])];
  return signed.some((bytes) => verify(null, bytes, publicKey, signature));
}

const refuse = (key: string): Parsed => ({ ok: false, error: { key } });

function parseAddress(text: string): Parsed {
  if (looksSecret(text)) return refuse("wallet-sign-secret");
  return base58Bytes(text)?.length === 32 ? { ok: true, value: text } : refuse("wallet-sign-WALLET_INVALID");
}

const parseSignature: Field["parse"] = (text, ctx) => {
  if (looksSecret(text)) return refuse("wallet-sign-secret");
  const signature = base58Bytes(text);
  if (signature?.length !== 64) return refuse("wallet-sign-signature-format");
  const wallet = typeof ctx.values.address === "string" ? base58Bytes(ctx.values.address) : null;
  // No address yet (it was refused in the same form): its error is what to fix first.
  if (!wallet) return { ok: true, value: text };
  return signedBy(wallet, String(ctx.params.challenge), signature)
    ? { ok: true, value: text }
    : refuse("wallet-sign-SIGNATURE_INVALID");
};

/** Room for a seed phrase or a key pasted by mistake: it is read, and refused with a warning. */
const PASTE_MAX = 1_000;

const addressField: Field = {
  id: "address",
  prompt: { key: "wallet-sign-ask-address" },
  labelKey: "wizard-label-wallet",
  required: true,
  minLength: 1,
  maxLength: PASTE_MAX,
  parse: parseAddress,
};

const signatureField: Field = {
  id: "signature",
  prompt: { key: "wallet-sign-ask-signature" },
  labelKey: "wizard-label-signature",
  required: true,
  minLength: 1,
  maxLength: PASTE_MAX,
  parse: parseSignature,
};

function signedAsShown(state: WizardState, wallet: string, signature: string): boolean {
  const key = base58Bytes(wallet);
  const bytes = base58Bytes(signature);
  return key?.length === 32 && bytes?.length === 64 && signedBy(key, String(state.params.challenge), bytes);
}

const said = (person: Person, key: string, args?: Record<string, string>): Outcome => ({
  step: step(asNew({ text: person.t(key, args) })),
});

export const walletSignWizard: WizardKind<unknown> = {
  kind: "walletsign",
  definition: {
    pages: () => [[addressField, signatureField]],
    intro: (state: WizardState, t) => ({
      text: t("wallet-sign-challenge", { message: String(state.params.challenge) }),
    }),
  },
  async start(deps, person): Promise<Started> {
    const proof = deps.walletProof;
    if (!proof) return { ok: false, step: step(asNew({ text: `⚠️ ${person.t("error-PAYMENTS_NOT_CONFIGURED")}` })) };
    const challenge = await proof.challenge(person.account.id);
    return { ok: true, params: { challenge: challenge.message } };
  },
  async finish(deps, person, state) {
    const proof = deps.walletProof;
    if (!proof) return { step: step(asNew({ text: `⚠️ ${person.t("error-PAYMENTS_NOT_CONFIGURED")}` })) };
    const wallet = String(state.values.address);
    const signature = String(state.values.signature);
    const proved = await proof.prove(person.account.id, wallet, signature);
    if (proved.ok) return said(person, "wallet-sign-linked", { wallet });
    // Signed as shown, yet refused: the challenge shown was replaced by a newer one since.
    const replaced = proved.code === "SIGNATURE_INVALID" && signedAsShown(state, wallet, signature);
    return said(person, `wallet-sign-${replaced ? "CHALLENGE_EXPIRED" : proved.code}`);
  },
};
