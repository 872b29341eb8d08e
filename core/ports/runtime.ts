export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A unique, unguessable id (UUID v4 or similar). */
  id(): string;
  /** A short code for people to type or share, from an unambiguous alphabet. */
  code(length: number): string;
}

/** Total supply of CLONES in base units (read from the mint and cached by the chain edge). */
export interface SupplySource {
  clonesSupply(): Promise<bigint>;
}
