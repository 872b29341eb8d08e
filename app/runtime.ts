import { randomInt, randomUUID } from "node:crypto";
import type { Clock, IdGenerator, SupplySource } from "../core/ports/runtime.js";

export const systemClock: Clock = { now: () => new Date() };

/** No 0/O, 1/I/L: codes are read aloud and typed by people. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export const cryptoIds: IdGenerator = {
  id: () => randomUUID(),
  code: (length) => Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join(""),
};

/** The CLONES_SUPPLY setting. */
export const configuredSupply = (supply: bigint): SupplySource => ({
  clonesSupply: async () => ({ units: supply, origin: { kind: "setting" } }),
});

/** No supply on this server: tiers are off (and say so). */
export const noSupply: SupplySource = { clonesSupply: async () => ({ units: 0n, origin: { kind: "off" } }) };
