// How the bot's Bot API calls retry. Telegram's own "retry after" (429) and server errors: a few
// times, as @grammyjs/auto-retry does. A network failure: auto-retry alone would retry it forever
// (with backoff up to an hour), so a handler, or a notification job holding its lock, would hang
// for as long as the network is down; here a call tries a few more times within seconds and then
// fails like any other error. Only getUpdates keeps trying: that is what polling is.
import { autoRetry } from "@grammyjs/auto-retry";
import { HttpError, type Transformer } from "grammy";

export interface NetworkRetryOptions {
  /** Pauses before each retry of a call other than getUpdates; their count is the number of retries. */
  readonly delaysMs?: readonly number[];
  /** getUpdates' pause grows up to this. */
  readonly pollingMaxDelayMs?: number;
  /** Told of each network failure of getUpdates (one a pause, so at most one every `pollingMaxDelayMs`). */
  readonly onPollingFailure?: (error: HttpError, retryInMs: number) => void;
}

const DELAYS_MS = [500, 1_500, 4_000];
const POLLING_MAX_DELAY_MS = 30_000;

/** grammY's own AbortSignal type (abort-controller's), structurally enough for this. */
type Signal = Parameters<Transformer>[3];

const pause = (ms: number, signal?: Signal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(new Error("aborted"))), { once: true });
  });

export function boundedNetworkRetries(options: NetworkRetryOptions = {}): Transformer {
  const delays = options.delaysMs ?? DELAYS_MS;
  const pollingMax = options.pollingMaxDelayMs ?? POLLING_MAX_DELAY_MS;
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        if (!(error instanceof HttpError) || signal?.aborted) throw error;
        if (method === "getUpdates") {
          const wait = Math.min(pollingMax, 1_000 * 2 ** Math.min(attempt, 16));
          options.onPollingFailure?.(error, wait);
          await pause(wait, signal);
          continue;
        }
        if (attempt >= delays.length) throw error;
        await pause(delays[attempt]!, signal);
      }
    }
  };
}

/** The transformers the bot's Api gets. */
export const apiRetries = (options: NetworkRetryOptions = {}): Transformer[] => [
  autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }),
  boundedNetworkRetries(options),
];
