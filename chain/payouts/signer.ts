// The platform's signing keys, for the payout process only. A key is given as the solana-keygen
// file format (a JSON array of 64 numbers), as the path of such a file, or as base58 text of
// the 64 bytes. Nothing here ever prints the key: errors say what is wrong, not what was given.
import { existsSync, readFileSync } from "node:fs";
import { createKeyPairSignerFromBytes, getBase58Encoder, type KeyPairSigner } from "@solana/kit";

export class SignerConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = "SignerConfigError";
  }
}

function keyBytes(variable: string, value: string): Uint8Array {
  const text = value.trim();
  if (text.startsWith("[")) {
    let numbers: unknown;
    try {
      numbers = JSON.parse(text);
    } catch {
      throw new SignerConfigError(variable, "is not a JSON array of 64 numbers (the solana-keygen format)");
    }
    if (
      !Array.isArray(numbers) ||
      numbers.length !== 64 ||
      !numbers.every((n) => Number.isInteger(n) && n >= 0 && n < 256)
    )
      throw new SignerConfigError(variable, "must hold exactly 64 numbers from 0 to 255 (the solana-keygen format)");
    return Uint8Array.from(numbers as number[]);
  }
  if (/^[1-9A-HJ-NP-Za-km-z]{80,90}$/.test(text)) {
    const bytes = new Uint8Array(getBase58Encoder().encode(text));
    if (bytes.length !== 64) throw new SignerConfigError(variable, "base58 text must decode to 64 bytes");
    return bytes;
  }
  if (existsSync(text)) return keyBytes(variable, readFileSync(text, "utf8"));
  throw new SignerConfigError(
    variable,
    "must be a keypair: the path of a solana-keygen JSON file, its content, or 64 bytes in base58",
  );
}

/** Loads a keypair; `expected`, when given, is the public address it must have. */
export async function loadSigner(variable: string, value: string, expected?: string): Promise<KeyPairSigner> {
  let signer: KeyPairSigner;
  try {
    signer = await createKeyPairSignerFromBytes(keyBytes(variable, value));
  } catch (error) {
    if (error instanceof SignerConfigError) throw error;
    throw new SignerConfigError(variable, "is not a valid ed25519 keypair (its two halves do not match)");
  }
  if (expected && signer.address !== expected)
    throw new SignerConfigError(variable, `belongs to ${signer.address}, not to the configured address ${expected}`);
  return signer;
}
