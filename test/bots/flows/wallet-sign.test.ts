// The signature check the wallet-sign wizard makes as the field is read agrees with the one
// walletProof.prove makes (chain/wallet-signature.ts): same bytes, same envelope.
import { getBase58Encoder } from "@solana/kit";
import { describe, expect, it } from "vitest";
import { verifyWalletSignature } from "../../../chain/wallet-signature.js";
import { base58Bytes, looksSecret, signedBy } from "../../../bots/flows/wallet-sign.js";
import { testWallet } from "../../support/wallet-signer.js";

const MESSAGE = "CLONES Forge: I own this wallet and link it to my account.\nNonce: 00ff";

describe("the wallet-sign wizard's signature check", () => {
  it("GIVEN base58 text THEN it decodes as Solana's encoder does, leading 1s as zero bytes; anything else is null", async () => {
    const w = await testWallet();
    for (const text of [w.address, await w.signText(MESSAGE), "1111", "11z"])
      expect(base58Bytes(text)).toEqual(new Uint8Array(getBase58Encoder().encode(text)));
    expect(base58Bytes("0OIl")).toBeNull();
    expect(base58Bytes("")).toBeNull();
  });

  it("GIVEN a wallet's signature of the message, raw or in the CLI's envelope THEN both checks accept it; another message or wallet is refused by both", async () => {
    const w = await testWallet();
    const other = await testWallet();
    const cases = [
      { wallet: w, signature: await w.signText(MESSAGE), ok: true },
      { wallet: w, signature: await w.signOffchain(MESSAGE), ok: true },
      { wallet: w, signature: await w.signText(`${MESSAGE}!`), ok: false },
      { wallet: other, signature: await w.signText(MESSAGE), ok: false },
    ];
    for (const c of cases) {
      const here = signedBy(base58Bytes(c.wallet.address)!, MESSAGE, base58Bytes(c.signature)!);
      const chain = await verifyWalletSignature({ wallet: c.wallet.address, message: MESSAGE, signature: c.signature });
      expect([here, chain]).toEqual([c.ok, c.ok]);
    }
  });

  it("GIVEN a seed phrase or a secret key as a byte array THEN it looks secret; an address or a signature does not", async () => {
    const w = await testWallet();
    expect(looksSecret("abandon ability able about above absent absorb abstract absurd abuse access accident")).toBe(
      true,
    );
    expect(looksSecret(`[${Array.from({ length: 64 }, (_, i) => i).join(",")}]`)).toBe(true);
    expect(looksSecret(w.address)).toBe(false);
    expect(looksSecret(await w.signText(MESSAGE))).toBe(false);
  });
});
