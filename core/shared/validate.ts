import type { z } from "zod";
import { fail, type DomainError } from "./errors.js";
import { ok, type Result } from "./result.js";

/** zod parse as a Result: INVALID_INPUT with each failing field's path and message. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>, DomainError> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  return fail("INVALID_INPUT", { issues });
}
