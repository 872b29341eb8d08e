// The keys of every dataset-token curve, derived from one 32-byte server secret so that none
// is ever stored: HMAC-SHA256(secret, domain label + token id) is an ed25519 seed. The label
// keeps the vault's and the mint's keys apart; a new label version means new keys.
import { createHmac } from "node:crypto";
import { createKeyPairSignerFromPrivateKeyBytes, type KeyPairSigner } from "@solana/kit";

const VAULT_LABEL = "clones-forge/dataset-curve/vault/v1\0";
const MINT_LABEL = "clones-forge/dataset-curve/mint/v1\0";

async function derive(secret: Uint8Array, label: string, tokenId: string): Promise<KeyPairSigner> {
  if (secret.length !== 32) throw new Error(`the curve secret must be 32 bytes, got ${secret.length}`);
  if (!tokenId) throw new Error("a curve key needs a token id");
  const seed = createHmac("sha256", secret).update(label).update(tokenId, "utf8").digest();
  return createKeyPairSignerFromPrivateKeyBytes(new Uint8Array(seed));
}

/** The curve's SOL vault, which is also the mint authority and the metadata update authority. */
export function curveVault(secret: Uint8Array, tokenId: string): Promise<KeyPairSigner> {
  return derive(secret, VAULT_LABEL, tokenId);
}

/** The key whose address is the token's mint; it signs only the launch. */
export function datasetMintKey(secret: Uint8Array, tokenId: string): Promise<KeyPairSigner> {
  return derive(secret, MINT_LABEL, tokenId);
}
