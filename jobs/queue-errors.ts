// BullMQ prints an error with its whole stack to stderr when a queue or worker that has no
// "error" listener loses its Redis connection, several times a second while Redis is away.
// Every queue and worker here reports to one sink instead, which the app points at its log.
interface ErrorEmitter {
  on(event: "error", listener: (error: Error) => void): unknown;
}

type Sink = (source: string, error: Error) => void;

let sink: Sink = (source, error) => process.stderr.write(`${source}: ${error.message}\n`);

/** Where queue and worker connection errors go from now on (the app's throttled log). */
export function reportQueueErrors(next: Sink): void {
  sink = next;
}

/** Sends `emitter`'s errors to the sink, named `source` (e.g. "grading queue"). */
export function watchQueueErrors<T extends ErrorEmitter>(emitter: T, source: string): T {
  emitter.on("error", (error) => sink(source, error));
  return emitter;
}
