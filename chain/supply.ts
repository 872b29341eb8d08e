// CLONES total supply for stake tiers, read from the mint and cached: tiers change slowly and
// one RPC call per tier lookup would be wasteful.
import { address, createSolanaRpc } from "@solana/kit";
import type { SupplySource } from "../core/ports/runtime.js";

/** A read that takes longer fails: start-up and /tier never hang on an unresponsive RPC. */
const READ_TIMEOUT_MS = 10_000;

export function mintSupply(rpcUrl: string, mint: string, ttlMs = 5 * 60_000, now = () => Date.now()): SupplySource {
  const rpc = createSolanaRpc(rpcUrl);
  let cached: { value: bigint; at: number } | null = null;
  return {
    async clonesSupply() {
      if (!cached || now() - cached.at >= ttlMs) {
        try {
          const abortSignal = AbortSignal.timeout(READ_TIMEOUT_MS);
          const { value } = await rpc.getTokenSupply(address(mint)).send({ abortSignal });
          cached = { value: BigInt(value.amount), at: now() };
        } catch (error) {
          if (!cached) throw error; // a stale supply beats no tiers during an RPC outage
        }
      }
      return { units: cached.value, origin: { kind: "chain", mint, readAt: new Date(cached.at) } };
    },
  };
}
