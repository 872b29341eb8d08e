// Starts test/support/payout-child.ts (the payouts role as its own process) against a database,
// Redis and a chain, and resolves once it runs.
import { spawn, type ChildProcess } from "node:child_process";
import { TEST_MINTS } from "./core-deps.js";

export interface PayoutProcessEnv {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly rpcUrl: string;
  readonly treasury: { readonly json: string; readonly address: string };
  /** Kill itself (SIGKILL) right after this step of a round, with probability `crashOdds`. */
  readonly crashAt?: string;
  readonly crashOdds?: number;
}

export function startPayoutProcess(env: PayoutProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/payout-child.ts"], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      SOLANA_RPC_URL: env.rpcUrl,
      TREASURY_KEYPAIR: env.treasury.json,
      TREASURY_ADDRESS: env.treasury.address,
      USDC_MINT: TEST_MINTS.USDC,
      CLONES_MINT: TEST_MINTS.CLONES,
      PAYOUT_ROUND_MS: "250",
      LOG_LEVEL: "fatal",
      ...(env.crashAt ? { CRASH_AT: env.crashAt, CRASH_ODDS: String(env.crashOdds ?? 0.6) } : {}),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("READY")) resolve(child);
    });
    child.on("exit", (code, signal) =>
      out.includes("READY") ? undefined : reject(new Error(`payout process died at start: ${code} ${signal}\n${out}`)),
    );
  });
}
