/** Links to a transaction on a block explorer, for the configured cluster (never mainnet by default for devnet). */
export function explorerLink(options: {
  /** e.g. https://explorer.solana.com or https://solscan.io */
  readonly baseUrl: string;
  readonly cluster: "mainnet-beta" | "devnet" | "testnet" | "custom";
  /** For a custom cluster (a local validator): the RPC the explorer should read. */
  readonly rpcUrl?: string;
}): (signature: string) => string {
  const base = options.baseUrl.replace(/\/+$/, "");
  const query =
    options.cluster === "mainnet-beta"
      ? ""
      : options.cluster === "custom"
        ? `?cluster=custom${options.rpcUrl ? `&customUrl=${encodeURIComponent(options.rpcUrl)}` : ""}`
        : `?cluster=${options.cluster}`;
  return (signature) => `${base}/tx/${signature}${query}`;
}
