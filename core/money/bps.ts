import { units, type Units } from "./units.js";

export const BPS_DENOMINATOR = 10_000n;

/**
 * `amount × bps / 10 000`, floored. The floor's remainder stays with whoever receives
 * `amount` minus the result (for the platform fee: the farmer).
 */
export function applyBps(amount: Units, bps: bigint | number): Units {
  const b = BigInt(bps);
  if (b < 0n || b > BPS_DENOMINATOR) throw new RangeError(`bps out of range: ${b}`);
  return units((amount * b) / BPS_DENOMINATOR);
}

/** `amount × numerator / denominator`, floored (e.g. reward × score / 100). */
export function mulDivFloor(amount: Units, numerator: bigint, denominator: bigint): Units {
  if (numerator < 0n || denominator <= 0n) throw new RangeError("mulDivFloor needs numerator >= 0 and denominator > 0");
  return units((amount * numerator) / denominator);
}
