// A Solana Pay request as a person sees it, apart from deps.ts so that the ports deps.ts names
// (dataset-tokens-port.ts) can use it without an import cycle.

/** A Solana Pay request as shown to a person: its URL, QR code and expiry. */
export interface ShownPayment {
  readonly requestId: string;
  readonly url: string;
  readonly qrPng: Uint8Array;
  readonly expiresAt: Date;
}
