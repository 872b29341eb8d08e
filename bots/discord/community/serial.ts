/**
 * Runs tasks one at a time per key, in the order they were given (a guild's joins and invite
 * events: each join must be compared with the uses left by the one before it). A guild's events
 * all reach the one shard that owns it, so a per-process queue is enough.
 */
export function keyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
