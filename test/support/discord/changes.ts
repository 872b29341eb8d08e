// Waiting without polling: every recorded change calls notify(), which re-runs the pending checks.

export class Changes {
  /** Pending checks, each with the function that cancels it. */
  private readonly waiters = new Map<() => void, (reason: Error) => void>();

  constructor(private readonly defaultTimeoutMs: number) {}

  notify(): void {
    for (const waiter of [...this.waiters.keys()]) waiter();
  }

  /** Resolves with the first truthy result of `check`, re-checked after every change; rejects after the timeout. */
  until<T>(check: () => T | null | undefined | false, what: string, timeoutMs = this.defaultTimeoutMs): Promise<T> {
    const now = check();
    if (now) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const waiter = () => {
        const value = check();
        if (!value) return;
        this.waiters.delete(waiter);
        clearTimeout(timer);
        resolve(value);
      };
      const cancel = (reason: Error) => {
        this.waiters.delete(waiter);
        clearTimeout(timer);
        reject(reason);
      };
      const timer = setTimeout(
        () => cancel(new Error(`discord emulator: timed out after ${timeoutMs} ms waiting for ${what}`)),
        timeoutMs,
      );
      this.waiters.set(waiter, cancel);
    });
  }

  /** Rejects every pending wait (the emulator is closing). */
  clear(): void {
    for (const cancel of [...this.waiters.values()]) cancel(new Error("discord emulator: closed"));
  }
}
