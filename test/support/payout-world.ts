// A world for payout tests: the local chain with USDC and CLONES mints at the test mints'
// addresses, a treasury and a staking vault whose on-chain holdings mirror what the ledger
// credits, people with wallets, and the payout engine under test.
import { address, generateKeyPairSigner, type KeyPairSigner } from "@solana/kit";
import { createPayoutEngine, type PayoutEngineOptions, type PayoutEvents } from "../../chain/payouts/engine.js";
import { lookupTables, type LookupTablesState } from "../../chain/payouts/lookup-tables.js";
import type { Account } from "../../core/accounts/account.js";
import type { Factory } from "../../core/factories/factory.js";
import type { TokenSymbol } from "../../core/money/tokens.js";
import { units } from "../../core/money/units.js";
import type { CoreDeps } from "../../core/deps.js";
import type { UnitOfWork } from "../../core/ports/repositories.js";
import { ata } from "./chain-payments.js";
import { TEST_MINTS, TEST_SUPPLY } from "./core-deps.js";
import { LocalChain } from "./local-chain.js";
import { must, scenario } from "./scenario.js";

export const DECIMALS = { USDC: 6, CLONES: 9 } as const;

export interface PayoutWorld {
  readonly chain: LocalChain;
  readonly s: ReturnType<typeof scenario>;
  readonly treasury: KeyPairSigner;
  readonly vault: KeyPairSigner;
  /** What the engine told: every event, in order. */
  readonly events: Array<{ kind: keyof PayoutEvents; detail: unknown }>;
  engine(
    options?: PayoutEngineOptions & { vault?: boolean; lookupTables?: boolean },
  ): ReturnType<typeof createPayoutEngine>;
  /** A person with a wallet of their own (a fresh keypair, linked to the account). */
  personWithWallet(name?: string): Promise<{ account: Account; wallet: string }>;
  /** Credits a deposit in the ledger and puts the same tokens in the treasury on chain. */
  fund(factory: Factory, amount: bigint): Promise<void>;
  /** Records a stake in the ledger and puts the CLONES in the vault on chain. */
  stake(account: Account, amount: bigint): Promise<void>;
  /** Gives a wallet an (empty) associated token account, as a wallet app does when it first holds the token. */
  openTokenAccount(wallet: string, token: "USDC" | "CLONES"): Promise<void>;
  /** Token units a wallet holds (its associated token account), 0 without one. */
  tokenBalance(wallet: string, token: "USDC" | "CLONES"): Promise<bigint>;
  lamports(wallet: string): bigint;
  /** Runs rounds until nothing is open or in flight (or `max` rounds). */
  settle(engine: ReturnType<typeof createPayoutEngine>, max?: number): Promise<number>;
  close(): Promise<void>;
}

export async function payoutWorld(
  uow: UnitOfWork,
  overrides: { clock?: CoreDeps["clock"] } = {},
): Promise<PayoutWorld> {
  const chain = await new LocalChain().start();
  const treasury = await generateKeyPairSigner();
  const vault = await generateKeyPairSigner();
  const mintAuthority = (await generateKeyPairSigner()).address;
  chain.createMint(TEST_MINTS.USDC, DECIMALS.USDC, 10n ** 15n, mintAuthority);
  chain.createMint(TEST_MINTS.CLONES, DECIMALS.CLONES, TEST_SUPPLY, mintAuthority);
  chain.airdrop(treasury.address, 10_000_000_000n);
  chain.setTokenAccount(await ata(treasury.address, TEST_MINTS.USDC), TEST_MINTS.USDC, treasury.address, 0n);
  chain.setTokenAccount(await ata(vault.address, TEST_MINTS.CLONES), TEST_MINTS.CLONES, vault.address, 0n);
  const s = scenario(uow, {
    payments: { treasury: treasury.address, stakingVault: vault.address, newReference: () => "" },
    ...overrides,
  });
  const events: PayoutWorld["events"] = [];
  let tableState: LookupTablesState | undefined;
  const record =
    <K extends keyof PayoutEvents>(kind: K) =>
    async (...args: unknown[]) =>
      void events.push({ kind, detail: args });

  const tokenBalance = async (wallet: string, token: "USDC" | "CLONES") => {
    const account = chain.svm.getAccount(address(await ata(wallet, TEST_MINTS[token])));
    return account.exists ? new DataView(account.data.buffer, account.data.byteOffset).getBigUint64(64, true) : 0n;
  };
  const addTokens = async (owner: string, token: "USDC" | "CLONES", amount: bigint) => {
    const account = await ata(owner, TEST_MINTS[token]);
    chain.setTokenAccount(account, TEST_MINTS[token], owner, (await tokenBalance(owner, token)) + amount);
  };

  return {
    chain,
    s,
    treasury,
    vault,
    events,
    engine: (options = {}) =>
      createPayoutEngine({
        rpcUrl: chain.url,
        core: s.core,
        tokens: s.deps.tokens,
        treasury,
        vault: options.vault === false ? null : vault,
        lookupTables: options.lookupTables
          ? lookupTables({
              rpcUrl: chain.url,
              treasury,
              store: { load: async () => tableState, save: async (state) => void (tableState = state) },
              cost: (signature, lamports) => s.core.recordNetworkCost({ signature, lamports }),
            })
          : null,
        events: {
          paid: record("paid"),
          failed: record("failed"),
          gas: record("gas"),
          walletsMissing: record("walletsMissing"),
        },
        options,
      }),
    async personWithWallet(name) {
      const account = await s.person(name);
      const wallet = (await generateKeyPairSigner()).address;
      chain.airdrop(wallet, 1_000_000_000n);
      must(await s.core.linkWallet({ accountId: account.id, address: wallet }));
      return { account, wallet };
    },
    async fund(factory, amount) {
      await s.fund(factory, amount);
      if (factory.token === "SOL") chain.airdrop(treasury.address, amount);
      else await addTokens(treasury.address, factory.token as "USDC" | "CLONES", amount);
    },
    async stake(account, amount) {
      await s.stake(account, units(amount));
      await addTokens(vault.address, "CLONES", amount);
    },
    openTokenAccount: (wallet, token) => addTokens(wallet, token, 0n),
    tokenBalance,
    lamports: (wallet) => BigInt(chain.svm.getBalance(address(wallet)) ?? 0n),
    async settle(engine, max = 20) {
      for (let round = 1; round <= max; round++) {
        const result = await engine.round();
        const open = await s.core.listOpenBatches(1_000);
        if (open.length === 0 && result.planned === 0 && result.signed === 0) return round;
      }
      throw new Error(`payouts still open after ${max} rounds`);
    },
    close: () => chain.stop(),
  };
}

/** What the ledger holds for others in a token: the treasury (and vault) must hold exactly this. */
export const heldBy = (s: ReturnType<typeof scenario>, token: TokenSymbol) => s.core.ledgerHeldTotal(token);
