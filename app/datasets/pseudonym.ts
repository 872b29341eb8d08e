import { createHmac } from "node:crypto";
import type { Pseudonym } from "../../core/datasets/dataset-row.js";

/**
 * Farmer ids in datasets: HMAC-SHA256 over (factory, account) with the platform's key, 96 bits
 * shown. The same farmer has the same id in every export of a factory and another in each other
 * factory, so datasets cannot be joined on it; without the key it cannot be reversed or guessed.
 */
export const keyedPseudonym =
  (secret: string): Pseudonym =>
  (factoryId, accountId) =>
    `farmer-${createHmac("sha256", secret).update(`farmer-id\0${factoryId}\0${accountId}`).digest("hex").slice(0, 24)}`;
