// Start-up failures an operator causes and can fix (a bad setting, a database in use or not
// there, Redis not answering) are told in one clear line; anything else keeps its stack.
import { ConfigError } from "../config/env.js";

/** A failure whose message alone tells the operator what to do. */
export class StartupProblem extends Error {
  override readonly name = "StartupProblem";
}

interface SystemError {
  code?: string;
  address?: string;
  port?: number;
  hostname?: string;
  message?: string;
}

/** One line for an expected failure, or null for a bug (print the stack). */
export function explainStartupError(error: unknown): string | null {
  if (error instanceof ConfigError) return `${error.message}\nSee .env.example for every variable.`;
  if (error instanceof StartupProblem) return error.message;
  const e = (error ?? {}) as SystemError;
  if (/embedded database in .* is in use by process/.test(e.message ?? "")) return e.message!;
  switch (e.code) {
    case "ECONNREFUSED":
      return `Postgres at ${e.address ?? "DATABASE_URL"}:${e.port ?? ""} refused the connection: is it running, and is DATABASE_URL right?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `The database host ${e.hostname ?? ""} in DATABASE_URL cannot be resolved: check the host name.`;
    case "3D000": // invalid_catalog_name
      return `The database named in DATABASE_URL does not exist on that server (${e.message}); create it first, e.g. createdb <name>.`;
    case "28P01": // invalid_password
    case "28000": // invalid_authorization_specification
      return `Postgres refused the login in DATABASE_URL (${e.message}): check the user and password.`;
    default:
      return null;
  }
}
