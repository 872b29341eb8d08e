import { z } from "zod";
import { environmentError, userError, type CliError } from "../cli/cli-error.js";

const ApiError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const LoginReply = z.object({
  deviceToken: z.string().min(1),
  accountId: z.string(),
  factoryId: z.string(),
  taskId: z.string(),
  factoryName: z.string(),
  taskTitle: z.string(),
  taskPrompt: z.string(),
});
export const InitReply = z.object({
  uploadId: z.string().min(1),
  uploadToken: z.string().min(1),
  chunkSize: z.number().int().positive(),
  chunkCount: z.number().int().nonnegative(),
  expiresAt: z.union([z.string(), z.number()]),
});
export const StatusReply = z.object({
  status: z.enum(["open", "completed", "cancelled", "expired"]),
  received: z.array(z.number().int()),
  chunkSize: z.number().int().positive(),
  chunkCount: z.number().int().nonnegative(),
  size: z.number().int().nonnegative(),
});
export const CompleteReply = z.object({ recordingId: z.string(), status: z.string() });

/** An HTTP reply the server gave (not a network failure). */
export class ApiRejection extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiRejection";
  }
}

/** Thin JSON client for the recorder API; vendor errors become ApiRejection or CliError here. */
export class ForgeApi {
  constructor(
    private readonly server: string,
    private readonly fetcher: typeof fetch,
  ) {}

  url(path: string): string {
    return new URL(path, this.server.endsWith("/") ? this.server : `${this.server}/`).toString();
  }

  async json<S extends z.ZodType>(
    schema: S,
    method: string,
    path: string,
    init: { token?: string; body?: unknown } = {},
  ): Promise<z.output<S>> {
    const response = await this.send(method, path, {
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    const value = parseJson(text);
    if (!response.ok) throw rejection(response.status, value);
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw environmentError(`the server sent an unexpected reply to ${method} ${path}`);
    return parsed.data;
  }

  /** A raw request; network failures become an environment error naming the server. */
  async send(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string | Uint8Array },
  ): Promise<Response> {
    try {
      return await this.fetcher(this.url(path), { method, headers: init.headers, body: init.body });
    } catch (error) {
      throw unreachable(this.server, error);
    }
  }
}

export function rejection(status: number, body: unknown): ApiRejection {
  const parsed = ApiError.safeParse(body);
  if (parsed.success) return new ApiRejection(status, parsed.data.error.code, parsed.data.error.message);
  return new ApiRejection(status, `HTTP_${status}`, `the server answered ${status}`);
}

export function unreachable(server: string, cause: unknown): CliError {
  return environmentError(`cannot reach the Forge server at ${server} (network error); try again later`, cause);
}

/** A rejection the person can act on (4xx) is a user error; 5xx means the server is down. */
export function describeRejection(error: ApiRejection): CliError {
  const message = `the server refused: ${error.message} (${error.code})`;
  return error.status >= 500 ? environmentError(message, error) : userError(message, error);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
