// A keypair whose bytes the test knows (kit's generateKeyPairSigner keeps them unextractable):
// the solana-keygen format, 32 bytes of secret seed then 32 bytes of public key.
import { generateKeyPairSync } from "node:crypto";
import { createKeyPairSignerFromBytes, type KeyPairSigner } from "@solana/kit";

export async function keypairWithBytes(): Promise<{ signer: KeyPairSigner; bytes: number[]; json: string }> {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const d = Buffer.from(privateKey.export({ format: "jwk" }).d!, "base64url");
  const x = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url");
  const bytes = [...d, ...x];
  return { signer: await createKeyPairSignerFromBytes(Uint8Array.from(bytes)), bytes, json: JSON.stringify(bytes) };
}
