// A wallet that signs messages as a person's wallet app would (raw bytes), or as the Solana CLI
// does (`solana sign-offchain-message`: the off-chain envelope, version 0).
import { generateKeyPairSigner, getBase58Decoder } from "@solana/kit";

const envelope = (text: Uint8Array) => {
  const ascii = text.every((b) => b >= 0x20 && b <= 0x7e);
  return new Uint8Array([
    0xff,
    ...new TextEncoder().encode("solana offchain"),
    0,
    ascii ? 0 : 1,
    text.length & 0xff,
    text.length >> 8,
    ...text,
  ]);
};

export async function testWallet() {
  const signer = await generateKeyPairSigner();
  const sign = async (bytes: Uint8Array) => {
    const [signatures] = await signer.signMessages([{ content: bytes, signatures: {} }]);
    return getBase58Decoder().decode(signatures![signer.address]!);
  };
  return {
    address: String(signer.address),
    signText: (message: string) => sign(new TextEncoder().encode(message)),
    signOffchain: (message: string) => sign(envelope(new TextEncoder().encode(message))),
  };
}
