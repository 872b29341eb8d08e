// Button actions: short strings (Telegram allows 64 bytes of callback data), parsed with zod
// when a button is pressed, so a forged or stale button is simply refused.
import { z } from "zod";

const id = z.string().min(1).max(40);
export const Action = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("nav"),
    to: z.enum(["start", "create", "browse", "invite", "profile", "help", "factories"]),
  }),
  z.object({ kind: z.literal("lang"), locale: z.string().min(2).max(8) }),
  z.object({ kind: z.literal("card"), factoryId: id }),
  // 📊 Stats: a factory's chart; 📊 Dashboard where it opens through a one-time link (Discord).
  z.object({ kind: z.literal("stats"), factoryId: id }),
  z.object({ kind: z.literal("dash"), op: z.enum(["link"]) }),
  z.object({ kind: z.literal("status"), factoryId: id, op: z.enum(["pause", "resume", "close", "closeask"]) }),
  z.object({ kind: z.literal("fund"), factoryId: id }),
  z.object({ kind: z.literal("wallet"), op: z.enum(["verify", "sign"]) }),
  z.object({ kind: z.literal("admin"), op: z.enum(["unattributed", "gas"]) }),
  z.object({ kind: z.literal("stake"), op: z.enum(["ask", "unstake"]) }),
  z.object({ kind: z.literal("boost"), id: z.enum(["spark", "flame", "blaze"]) }),
  z.object({
    kind: z.literal("edit"),
    factoryId: id,
    field: z.enum(["menu", "reward", "threshold", "limits", "addtask", "rmtask"]),
  }),
  z.object({ kind: z.literal("rmtask"), factoryId: id, task: z.coerce.number().int().min(0).max(49) }),
  z.object({ kind: z.literal("page"), page: z.coerce.number().int().min(0).max(100_000) }),
  z.object({ kind: z.literal("open"), factoryId: id }),
  z.object({ kind: z.literal("task"), factoryId: id, task: z.coerce.number().int().min(0).max(49) }),
  z.object({ kind: z.literal("grade"), recordingId: id }),
  z.object({ kind: z.literal("dataset"), factoryId: id, op: z.enum(["view", "export"]) }),
  // Dataset tokens: the list; a token's view and trades (the slippage picked, in bps, rides along);
  // a meta-dataset claim (the n-th claimable of that meta); a launch; the admin's meta pick (a bitmask).
  z.object({ kind: z.literal("dtlist"), op: z.enum(["show"]) }),
  z.object({
    kind: z.literal("dtok"),
    tokenId: id,
    op: z.enum(["view", "buy1", "buy5", "buy10", "sell25", "sell50", "sell100", "burn", "dl"]),
    slip: z.coerce.number().pipe(z.union([z.literal(50), z.literal(100), z.literal(500)])),
  }),
  z.object({ kind: z.literal("dtclaim"), metaId: id, n: z.coerce.number().int().min(0).max(99) }),
  z.object({ kind: z.literal("dtlaunch"), factoryId: id }),
  z.object({ kind: z.literal("mpick"), mask: z.string().regex(/^[0-9a-z]{1,12}$/), op: z.enum(["pick", "go"]) }),
  // "ask" shows the confirmation; its button carries a one-time nonce that makes a double press harmless.
  z.object({ kind: z.literal("withdraw"), factoryId: id, step: z.string().regex(/^(ask|[A-Za-z0-9]{8,16})$/) }),
]);
export type Action = z.infer<typeof Action>;

const FIELDS: Record<Action["kind"], string[]> = {
  nav: ["to"],
  lang: ["locale"],
  card: ["factoryId"],
  stats: ["factoryId"],
  dash: ["op"],
  status: ["factoryId", "op"],
  fund: ["factoryId"],
  wallet: ["op"],
  admin: ["op"],
  stake: ["op"],
  boost: ["id"],
  edit: ["factoryId", "field"],
  rmtask: ["factoryId", "task"],
  page: ["page"],
  open: ["factoryId"],
  task: ["factoryId", "task"],
  grade: ["recordingId"],
  dataset: ["factoryId", "op"],
  dtlist: ["op"],
  dtok: ["tokenId", "op", "slip"],
  dtclaim: ["metaId", "n"],
  dtlaunch: ["factoryId"],
  mpick: ["mask", "op"],
  withdraw: ["factoryId", "step"],
};

/** "status:<factoryId>:pause" */
export function encodeAction(a: Action): string {
  const values = FIELDS[a.kind].map((f) => String((a as Record<string, unknown>)[f]));
  return [a.kind, ...values].join(":");
}

export function decodeAction(data: string): Action | null {
  const [kind, ...values] = data.split(":");
  const fields = FIELDS[kind as Action["kind"]];
  if (!fields || values.length !== fields.length) return null;
  const parsed = Action.safeParse({ kind, ...Object.fromEntries(fields.map((f, i) => [f, values[i]])) });
  return parsed.success ? parsed.data : null;
}
