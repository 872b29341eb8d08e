// A person's paired recorders, as the bots show and revoke them (the upload API keeps them).

/**
 * A recorder's token stops working after this many days without use: one left on a machine
 * someone else now has is not a key forever, and pairing again takes a minute.
 */
export const DEVICE_IDLE_DAYS = 30;

/** A recorder as its owner sees it: never its token or the token's hash. */
export interface DeviceSummary {
  /** Public id, what a Revoke button carries. */
  readonly id: string;
  /** Hostname and platform the recorder sent when it paired; null for recorders that sent none. */
  readonly label: string | null;
  readonly pairedAt: Date;
  readonly lastUsedAt: Date | null;
  /** Unused for too long: its token no longer works, though it was never revoked. */
  readonly expired: boolean;
}

export interface RecorderDevices {
  /** The person's recorders not revoked, newest first. */
  list(accountId: string): Promise<DeviceSummary[]>;
  /**
   * Revokes one of this person's recorders. The account is part of the match, so an id taken
   * from someone else's button changes nothing: false then, or when it was already revoked.
   */
  revoke(accountId: string, deviceId: string): Promise<boolean>;
  /** Revokes every recorder of this person; returns how many were revoked now. */
  revokeAll(accountId: string): Promise<number>;
}
