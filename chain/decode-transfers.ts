// Reads the transfers a confirmed transaction made to the addresses we watch: System
// transfers of SOL and SPL Token Transfer/TransferChecked, with the extra (reference) keys
// Solana Pay puts on the transfer instruction. Legacy and v0 messages.
import { getBase64Encoder, getCompiledTransactionMessageDecoder, getTransactionDecoder } from "@solana/kit";

export const SYSTEM_PROGRAM = "11111111111111111111111111111111";
export const TOKEN_PROGRAM = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";

export interface RawTransfer {
  /** SOL, or the SPL mint. */
  readonly mint: string | null;
  readonly source: string;
  /** The wallet credited: for SPL, the destination token account's owner. */
  readonly recipient: string;
  /** The account the instruction wrote to (the wallet, or its token account). */
  readonly destination: string;
  readonly authority: string;
  readonly units: bigint;
  readonly references: readonly string[];
}

export interface TransactionLike {
  readonly transaction: readonly [string, string] | string[];
  readonly meta: {
    readonly err: unknown;
    readonly loadedAddresses?: { readonly writable: readonly string[]; readonly readonly: readonly string[] } | null;
    readonly postTokenBalances?: ReadonlyArray<{ accountIndex: number | bigint; mint: string; owner?: string }> | null;
  } | null;
}

const u64 = (data: { buffer: ArrayBufferLike; byteOffset: number; byteLength: number }, offset: number) =>
  new DataView(data.buffer, data.byteOffset, data.byteLength).getBigUint64(offset, true);

/** A successful transaction's instructions with their accounts resolved (lookup tables included). */
function instructionsOf(tx: TransactionLike) {
  if (!tx.meta || tx.meta.err) return null;
  const wire = getBase64Encoder().encode(String(tx.transaction[0]));
  const message = getCompiledTransactionMessageDecoder().decode(getTransactionDecoder().decode(wire).messageBytes);
  if (!("instructions" in message)) return null; // only legacy and v0 messages carry payments we accept
  const keys = [
    ...message.staticAccounts.map(String),
    ...(tx.meta.loadedAddresses?.writable ?? []).map(String),
    ...(tx.meta.loadedAddresses?.readonly ?? []).map(String),
  ];
  return { message, keys };
}

/** An SPL Burn or BurnChecked of a successful transaction, with the keys after its signers (references). */
export interface RawBurn {
  readonly mint: string;
  /** The token account burned from. */
  readonly account: string;
  /** The wallet that signed the burn (the account's owner). */
  readonly authority: string;
  readonly units: bigint;
  readonly references: readonly string[];
}

/** The burns a successful transaction made, as top-level instructions (CPI burns are not counted). */
export function decodeBurns(tx: TransactionLike): RawBurn[] {
  const decoded = instructionsOf(tx);
  if (!decoded) return [];
  const burns: RawBurn[] = [];
  for (const ix of decoded.message.instructions) {
    if (decoded.keys[ix.programAddressIndex] !== TOKEN_PROGRAM) continue;
    const data = ix.data ?? new Uint8Array();
    // Burn = 8 (u64 amount), BurnChecked = 15 (u64 amount, u8 decimals); accounts: account, mint, authority, ...
    if (!((data[0] === 8 && data.length >= 9) || (data[0] === 15 && data.length >= 10))) continue;
    const [account, mint, authority, ...references] = (ix.accountIndices ?? []).map((i: number) => decoded.keys[i]!);
    if (account && mint && authority) burns.push({ mint, account, authority, units: u64(data, 1), references });
  }
  return burns;
}

export function decodeTransfers(tx: TransactionLike): RawTransfer[] {
  const decoded = instructionsOf(tx);
  if (!decoded) return [];
  const { message, keys } = decoded;
  const tokenOwner = (index: number) => {
    const b = tx.meta?.postTokenBalances?.find((x) => Number(x.accountIndex) === index);
    return b ? { mint: String(b.mint), owner: b.owner ? String(b.owner) : null } : null;
  };
  const transfers: RawTransfer[] = [];
  for (const ix of message.instructions) {
    const program = keys[ix.programAddressIndex];
    const accounts = (ix.accountIndices ?? []).map((i: number) => keys[i]!);
    const data = ix.data ?? new Uint8Array();
    if (
      program === SYSTEM_PROGRAM &&
      data.length >= 12 &&
      new DataView(data.buffer, data.byteOffset).getUint32(0, true) === 2
    ) {
      const [source, destination, ...references] = accounts;
      if (source && destination)
        transfers.push({
          mint: null,
          source,
          recipient: destination,
          destination,
          authority: source,
          units: u64(data, 4),
          references,
        });
    } else if (program === TOKEN_PROGRAM && (data[0] === 12 || data[0] === 3)) {
      const checked = data[0] === 12;
      const [source, a1, a2, a3, ...rest] = accounts;
      const destination = checked ? a2 : a1;
      const authority = checked ? a3 : a2;
      const references = checked ? rest : [a3, ...rest].filter((x): x is string => Boolean(x));
      const destIndex = keys.indexOf(destination ?? "");
      const info = tokenOwner(destIndex);
      if (source && destination && authority && info?.owner)
        transfers.push({
          mint: checked ? a1! : info.mint,
          source,
          recipient: info.owner,
          destination,
          authority,
          units: u64(data, 1),
          references,
        });
    }
  }
  return transfers;
}
