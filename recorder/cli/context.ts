import type { Io } from "./io.js";

/** What every command gets from the composition root. */
export interface Context {
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
  readonly io: Io;
  readonly platform: NodeJS.Platform;
  readonly fetch: typeof fetch;
  /** Resolves when the person asks to stop (Ctrl-C, SIGTERM). */
  readonly interrupted: Promise<void>;
}
