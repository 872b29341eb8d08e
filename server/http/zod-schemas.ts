// Fastify validates routes with the project's zod schemas: a route's `schema.params`, `.headers`
// and `.body` are zod schemas, parsed (transforms applied) before its handler runs, and typed in
// the handler through the type provider. What a refusal looks like is each route set's business
// (its error handler sees a RequestInvalid).
import type { FastifySchemaCompiler, FastifyTypeProvider } from "fastify";
import type { z, ZodType } from "zod";

/** Handlers see the output type of the zod schema given for each part of the request. */
export interface ZodTypeProvider extends FastifyTypeProvider {
  readonly validator: this["schema"] extends ZodType ? z.output<this["schema"]> : unknown;
  readonly serializer: this["schema"] extends ZodType ? z.input<this["schema"]> : unknown;
}

type Issues = ReadonlyArray<{ readonly path: readonly PropertyKey[]; readonly message: string }>;

/** A request part that does not fit its schema; `part` is Fastify's name for it ("body", "params"...). */
export class RequestInvalid extends Error {
  readonly statusCode = 400;
  readonly code = "FST_ERR_VALIDATION";
  declare readonly validationContext: string;
  constructor(readonly issues: Issues) {
    super(describeIssue({ issues }));
    this.name = "RequestInvalid";
  }
  /** The first field that failed, e.g. "index" of the params. */
  get field(): string | undefined {
    const first = this.issues[0]?.path[0];
    return first === undefined ? undefined : String(first);
  }
}

export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema }) =>
  (data: unknown) => {
    const parsed = schema.safeParse(data);
    return parsed.success ? { value: parsed.data } : { error: new RequestInvalid(parsed.error.issues) };
  };

/** One sentence about the first issue, e.g. "Invalid size: Too small: expected number to be >0." */
export function describeIssue(error: { issues: Issues }): string {
  const issue = error.issues[0];
  if (!issue) return "The request is invalid.";
  const where = issue.path.map(String).join(".");
  return where ? `Invalid ${where}: ${issue.message}.` : `Invalid request: ${issue.message}.`;
}
