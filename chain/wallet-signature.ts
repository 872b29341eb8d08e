// Proof of wallet ownership without moving money: the person signs our challenge text with the
// wallet's key, and the ed25519 signature is checked against the address (a Solana address is
// the public key). Wallets' "sign message" features sign the text's bytes as they are; the
// Solana CLI (`solana sign-offchain-message`) wraps them in the off-chain message envelope
// first. Both are accepted; nothing else is.
import {
  address,
  getBase58Encoder,
  getPublicKeyFromAddress,
  isAddress,
  signatureBytes,
  verifySignature,
} from "@solana/kit";

const SIGNING_DOMAIN = new Uint8Array([0xff, ...new TextEncoder().encode("solana offchain")]);

/** The CLI's envelope (version 0): domain, version, format (0: restricted ASCII, 1: UTF-8), u16 length. */
function offchainEnvelope(message: Uint8Array): Uint8Array {
  const ascii = message.every((b) => b >= 0x20 && b <= 0x7e);
  const header = new Uint8Array([...SIGNING_DOMAIN, 0, ascii ? 0 : 1, message.length & 0xff, message.length >> 8]);
  const out = new Uint8Array(header.length + message.length);
  out.set(header);
  out.set(message, header.length);
  return out;
}

/** True when `signature` (base58) is `wallet`'s ed25519 signature of `message`. */
export async function verifyWalletSignature(input: {
  wallet: string;
  message: string;
  signature: string;
}): Promise<boolean> {
  if (!isAddress(input.wallet) || !/^[1-9A-HJ-NP-Za-km-z]{64,90}$/.test(input.signature)) return false;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(getBase58Encoder().encode(input.signature));
  } catch {
    return false;
  }
  if (bytes.length !== 64) return false;
  const key = await getPublicKeyFromAddress(address(input.wallet));
  const text = new TextEncoder().encode(input.message);
  for (const signed of [text, ...(text.length <= 1212 ? [offchainEnvelope(text)] : [])])
    if (await verifySignature(key, signatureBytes(bytes), signed)) return true;
  return false;
}
