import { parseURL } from "@solana/pay";
import { describe, expect, it } from "vitest";
import { newReference, qrPng, transferRequestUrl } from "../../chain/solana-pay.js";

const TREASURY = "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin";
const USDC = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v";

describe("Solana Pay transfer requests", () => {
  it("formats the amount from base units exactly and lists every field, as @solana/pay parses it", () => {
    const reference = newReference();
    const url = transferRequestUrl({
      recipient: TREASURY,
      units: 25_000_001n,
      decimals: 6,
      splToken: USDC,
      references: [reference],
      label: "CLONES Forge",
      message: "Fund Spreadsheet skills & more",
      memo: "forge:fund:abc",
    });
    expect(url).toBe(
      `solana:${TREASURY}?amount=25.000001&spl-token=${USDC}&reference=${reference}&label=CLONES%20Forge&message=Fund%20Spreadsheet%20skills%20%26%20more&memo=forge%3Afund%3Aabc`,
    );
    const parsed = parseURL(url) as {
      recipient: string;
      splToken?: string;
      reference?: string[];
      label?: string;
      message?: string;
      memo?: string;
    };
    expect(parsed).toMatchObject({
      recipient: TREASURY,
      splToken: USDC,
      reference: [reference],
      label: "CLONES Forge",
      message: "Fund Spreadsheet skills & more",
      memo: "forge:fund:abc",
    });
  });

  it.each([
    [1n, 9, "0.000000001"],
    [18_446_744_073_709_551_615n, 9, "18446744073.709551615"],
    [10_000_000_000n, 9, "10"],
  ])("%s units with %i decimals → amount=%s (no float rounding, no exponent)", (units, decimals, text) => {
    expect(transferRequestUrl({ recipient: TREASURY, units, decimals, references: [] })).toBe(
      `solana:${TREASURY}?amount=${text}`,
    );
  });

  it("references are distinct valid addresses, and the QR is a PNG", async () => {
    const refs = new Set(Array.from({ length: 100 }, newReference));
    expect(refs.size).toBe(100);
    for (const r of refs) expect(r).toMatch(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/);
    const png = await qrPng(
      transferRequestUrl({ recipient: TREASURY, units: 1n, decimals: 9, references: [...refs].slice(0, 1) }),
    );
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  });
});
