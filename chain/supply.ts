// CLONES total supply for stake tiers, read from the mint and cached: tiers change slowly and
// one RPC call per tier lookup would be wasteful.
import { address, createSolanaRpc } from "@solana/kit";
import type { SupplySource } from "../core/ports/runtime.js";

export function mintSupply(rpcUrl: string, mint: string, ttlMs = 5 * 60_000, now = () => Date.now()): SupplySource {
  const rpc = createSolanaRpc(rpcUrl);
  let cached: { value: bigint; at: number } | null = null;
  return {
    async clonesSupply() {
      if (cached && now() - cached.at < ttlMs) return cached.value;
      try {
        const { value } = await rpc.getTokenSupply(address(mint)).send();
        cached = { value: BigInt(value.amount), at: now() };
      } catch (error) {
        if (!cached) throw error; // a stale supply beats no tiers during an RPC outage
      }
      return cached.value;
    },
  };
}
