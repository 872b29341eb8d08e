import { describe, expect, it } from "vitest";
import { verifyWalletSignature } from "../../chain/wallet-signature.js";
import { testWallet } from "../support/wallet-signer.js";

describe("a wallet's signature of a challenge", () => {
  const message = "CLONES Forge: I own this wallet.\nNonce: 1234";

  it("GIVEN a wallet app's signature of the text THEN it verifies", async () => {
    const w = await testWallet();
    expect(await verifyWalletSignature({ wallet: w.address, message, signature: await w.signText(message) })).toBe(
      true,
    );
  });

  it("GIVEN the Solana CLI's off-chain message signature THEN it verifies", async () => {
    const w = await testWallet();
    const signature = await w.signOffchain(message);
    expect(await verifyWalletSignature({ wallet: w.address, message, signature })).toBe(true);
  });

  it("GIVEN another message, another wallet or garbage THEN it does not", async () => {
    const w = await testWallet();
    const other = await testWallet();
    const signature = await w.signText(message);
    expect(await verifyWalletSignature({ wallet: w.address, message: `${message}!`, signature })).toBe(false);
    expect(await verifyWalletSignature({ wallet: other.address, message, signature })).toBe(false);
    for (const bad of ["", "abc", "0OIl".repeat(22), `${signature}1`, signature.slice(0, -2)])
      expect(await verifyWalletSignature({ wallet: w.address, message, signature: bad })).toBe(false);
    expect(await verifyWalletSignature({ wallet: "not-a-wallet", message, signature })).toBe(false);
  });
});
