/** Every command, with its help line; `group` commands also work in group chats. */
export const COMMANDS = [
  { command: "start", group: false },
  { command: "help", group: true },
  { command: "language", group: false },
  { command: "profile", group: false },
  { command: "wallet", group: false },
  { command: "devices", group: false },
  { command: "link", group: false },
  { command: "newfactory", group: false },
  { command: "factories", group: false },
  { command: "browse", group: false },
  { command: "submit", group: false },
  { command: "history", group: false },
  { command: "earnings", group: false },
  { command: "boost", group: false },
  { command: "datasets", group: false },
  { command: "invite", group: true },
  { command: "referrals", group: false },
  { command: "tier", group: false },
  { command: "commissions", group: false },
  { command: "leaderboard", group: true },
  { command: "cancel", group: false },
] as const;

export type CommandName = (typeof COMMANDS)[number]["command"] | "admin" | "metadataset";
