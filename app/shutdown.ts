// How a process stops: on Ctrl-C or SIGTERM, whatever it started is closed, the last started
// first (the HTTP server and workers before the queues, Redis and the database they use),
// within a bound; a second signal forces an exit at once.

/** Every role stops within this bound after Ctrl-C or SIGTERM (README, compose stop_grace_period). */
export const STOP_BOUND_MS = 15_000;
/** How long closing may take before what is still busy is left behind (then exit, in time). */
const CLOSE_MS = STOP_BOUND_MS - 3_000;
/**
 * Under `npm start` one Ctrl-C arrives twice: the terminal signals the whole process group and
 * npm forwards its own copy. A repeat this soon is the same request; a later one forces an exit.
 */
const SAME_SIGNAL_MS = 1_000;

type Close = () => Promise<void>;

export function installShutdown(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
  const closers: Array<{ name: string; close: Close }> = [];
  let first = 0;
  let request!: (signal: NodeJS.Signals) => void;
  const requested = new Promise<NodeJS.Signals>((resolve) => (request = resolve));

  const onSignal = (signal: NodeJS.Signals) => {
    if (first) {
      if (Date.now() - first < SAME_SIGNAL_MS) return;
      write("Forced exit.");
      process.exit(1);
    }
    first = Date.now();
    write(
      `\n${signal}: stopping (at most ${STOP_BOUND_MS / 1000} s; ${signal === "SIGINT" ? "Ctrl-C" : signal} again forces an exit)...`,
    );
    setTimeout(() => {
      write(`Still not stopped after ${STOP_BOUND_MS / 1000} s: forced exit.`);
      process.exit(1);
    }, STOP_BOUND_MS).unref();
    request(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  return {
    /** Resolves with the first signal; start-up goes on to its end before stopping. */
    requested,
    /** Registers what to close when stopping, under a name for the log. */
    onStop: (name: string, close: Close) => void closers.push({ name, close }),
    /**
     * Closes everything registered, the last first, within the bound in all: a worker still
     * busy with a job when the time is up is left behind (its job's lock lapses and another
     * worker, or this one at its next start, takes the job up), so a stop is never longer.
     */
    closeAll: async (
      onError: (name: string, error: unknown) => void,
      onClosed: (name: string, ms: number) => void = () => undefined,
    ): Promise<void> => {
      const deadline = Date.now() + CLOSE_MS;
      for (const { name, close } of closers.splice(0).reverse()) {
        const started = Date.now();
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<"late">((resolve) => {
          timer = setTimeout(resolve, Math.max(0, deadline - Date.now()), "late");
        });
        try {
          if ((await Promise.race([close(), late])) === "late") onError(name, new Error("did not stop in time"));
        } catch (error) {
          onError(name, error);
        } finally {
          clearTimeout(timer);
          onClosed(name, Date.now() - started);
        }
      }
    },
  };
}
