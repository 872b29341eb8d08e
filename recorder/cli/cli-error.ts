/** Exit codes: 0 ok, 1 the user asked for something wrong, 2 the machine or network lacks something. */
export const EXIT = { ok: 0, user: 1, environment: 2 } as const;

export type CliErrorKind = "user" | "environment";

/**
 * A failure the person can act on; `main` prints only its message (no stack) and exits with
 * the code of its kind. Anything else that escapes is a bug and is printed in full.
 */
export class CliError extends Error {
  constructor(
    readonly kind: CliErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "CliError";
  }

  get exitCode(): number {
    return EXIT[this.kind];
  }
}

export const userError = (message: string, cause?: unknown) => new CliError("user", message, { cause });
export const environmentError = (message: string, cause?: unknown) => new CliError("environment", message, { cause });
