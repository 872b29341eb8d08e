// A first look at meta.json before the intake: parseable, the minimal shape every recording has
// (the full schema is the intake's, or passed in as `metaSchema`), and about this upload's factory.
import { readFile } from "node:fs/promises";
import { z, type ZodType } from "zod";
import { describeIssue } from "../http/zod-schemas.js";

/**
 * The fields the original Forge app and ours both write (its `duration_seconds`, our `duration`);
 * anything else is left to the intake.
 */
export const minimalMetaSchema = z
  .looseObject({
    timestamp: z.union([z.string().min(1), z.number().nonnegative()]),
    duration: z.number().nonnegative().finite().optional(),
    duration_seconds: z.number().int().nonnegative().optional(),
    primary_monitor: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }),
    quest: z.looseObject({ pool_id: z.string().optional(), task_id: z.string().optional() }).nullish(),
  })
  .refine((m) => (m.duration === undefined) !== (m.duration_seconds === undefined), {
    message: "needs either duration (seconds) or duration_seconds",
    path: ["duration"],
  });

export type MetaCheck =
  { ok: true } | { ok: false; code: "ARCHIVE_META_INVALID" | "ARCHIVE_META_MISMATCH"; message: string };

/** Fails with ARCHIVE_META_INVALID, or ARCHIVE_META_MISMATCH when meta names another factory. */
export async function checkMeta(
  path: string,
  factoryId: string,
  schema: ZodType = minimalMetaSchema,
): Promise<MetaCheck> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch {
    return { ok: false, code: "ARCHIVE_META_INVALID", message: "meta.json is not valid JSON." };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    return { ok: false, code: "ARCHIVE_META_INVALID", message: `meta.json: ${describeIssue(parsed.error)}` };
  // Only our recorder names our factories: the original app's pool_id is its own platform's pool.
  const meta = minimalMetaSchema.safeParse(json).data;
  const pool = meta?.duration !== undefined ? meta.quest?.pool_id : undefined;
  if (pool !== undefined && pool !== factoryId)
    return { ok: false, code: "ARCHIVE_META_MISMATCH", message: "meta.json was recorded for another factory." };
  return { ok: true };
}
