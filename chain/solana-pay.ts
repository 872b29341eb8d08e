// Solana Pay transfer requests (solana:<recipient>?amount=...&spl-token=...&reference=...):
// the amount is formatted from bigint base units, never through a float (@solana/pay's
// encodeURL takes a JavaScript number, which is why it is not used for this).
import { randomBytes } from "node:crypto";
import { getAddressDecoder } from "@solana/kit";
import QRCode from "qrcode";
import { formatAmount } from "../core/money/amount.js";

export interface TransferRequest {
  readonly recipient: string;
  readonly units: bigint;
  readonly decimals: number;
  /** The SPL mint; omitted for SOL. */
  readonly splToken?: string | null;
  readonly references: readonly string[];
  readonly label?: string;
  readonly message?: string;
  readonly memo?: string;
}

/** A fresh reference key: 32 random bytes as an address, unique to one request. */
export const newReference = (): string => getAddressDecoder().decode(randomBytes(32));

export function transferRequestUrl(request: TransferRequest): string {
  const params: string[] = [];
  if (request.units > 0n) params.push(`amount=${formatAmount(request.units, request.decimals)}`);
  if (request.splToken) params.push(`spl-token=${request.splToken}`);
  for (const reference of request.references) params.push(`reference=${reference}`);
  if (request.label) params.push(`label=${encodeURIComponent(request.label)}`);
  if (request.message) params.push(`message=${encodeURIComponent(request.message)}`);
  if (request.memo) params.push(`memo=${encodeURIComponent(request.memo)}`);
  return `solana:${request.recipient}${params.length ? `?${params.join("&")}` : ""}`;
}

/** The request as a PNG QR code for wallets to scan. */
export const qrPng = (url: string): Promise<Buffer> =>
  QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 2, width: 512 });

/**
 * A Solana Pay transaction request: the wallet fetches the transaction from `link` (https).
 * The link is percent-encoded as the spec asks, since it may carry its own query.
 */
export const transactionRequestUrl = (link: string): string => `solana:${encodeURIComponent(link)}`;
