/** Who asks for a change: owners change their factories; admins may pause or close any. */
export interface Actor {
  readonly accountId: string;
  readonly isAdmin: boolean;
}
