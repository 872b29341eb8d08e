import { randomBytes } from "node:crypto";
import { getAddressDecoder } from "@solana/kit";
import { createTokenRegistry } from "../../core/money/tokens.js";
import { units } from "../../core/money/units.js";
import type { CoreDeps } from "../../core/deps.js";
import type { UnitOfWork } from "../../core/ports/repositories.js";

/** A clock tests can move. */
export class TestClock {
  constructor(private current = new Date("2026-11-25T12:00:00.000Z")) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

let counter = 0;
/** Unique, readable ids; unique across stores so contract tests can share a database. */
export const testIds = () => {
  const run = Math.random().toString(36).slice(2, 8);
  return {
    id: () => `id-${run}-${(++counter).toString().padStart(6, "0")}`,
    code: (length: number) =>
      Array.from({ length }, () => "ABCDEFGHJKMNPQRSTUVWXYZ23456789"[Math.floor(Math.random() * 31)]).join(""),
  };
};

export const TEST_MINTS = {
  USDC: "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
  CLONES: "C1oNes1111111111111111111111111111111111111",
  WETH: "7vfCXTUXx5WJV5JADk17DUJ4ksgau7utNKj4b963voxs",
} as const;

export const TEST_TREASURY = "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin";
export const TEST_VAULT = "Vau1tVau1tVau1tVau1tVau1tVau1tVau1tVau1tVau";

/** The default minimums, in base units of the default decimals. */
export const TEST_MINIMUMS = {
  SOL: units(100_000n),
  USDC: units(10_000n),
  CLONES: units(1_000_000_000n),
  WETH: units(500n),
};

/** 1,000,000,000 CLONES with 9 decimals. */
export const TEST_SUPPLY = 1_000_000_000n * 10n ** 9n;

export function testDeps(uow: UnitOfWork, overrides: Partial<CoreDeps> = {}): CoreDeps & { clock: TestClock } {
  const clock = new TestClock();
  return {
    uow,
    clock,
    ids: testIds(),
    tokens: createTokenRegistry(TEST_MINTS),
    supply: { clonesSupply: async () => ({ units: TEST_SUPPLY, origin: { kind: "setting" } }) },
    payments: { treasury: TEST_TREASURY, stakingVault: TEST_VAULT, newReference: randomWallet },
    payoutPolicy: { minimums: TEST_MINIMUMS },
    ...overrides,
  } as CoreDeps & { clock: TestClock };
}

/** A random, well-formed Solana address (32 random bytes). */
export const randomWallet = (): string => getAddressDecoder().decode(randomBytes(32));
