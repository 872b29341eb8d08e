// "Seen" before "confirmed": one logsSubscribe per watched address (the treasury, the staking
// vault and their token accounts — a constant number, however many requests are open) at
// "processed" commitment. A payment's memo names its request, and the Memo program logs it, so
// the request's message can change within a slot of the wallet sending. Crediting still waits
// for the watcher's validated, confirmed read; this only informs people and wakes the watcher.
import { address, createSolanaRpcSubscriptions } from "@solana/kit";

export interface SeenTransaction {
  readonly signature: string;
  readonly memos: readonly string[];
}

export interface SeenListenerDeps {
  readonly wsUrl: string;
  readonly addresses: readonly string[];
  readonly onSeen: (seen: SeenTransaction) => Promise<void>;
  readonly onError: (error: unknown, address: string) => void;
  /** First delay before resubscribing after the socket drops; doubles up to 30 s. */
  readonly retryMs?: number;
}

const MEMO_INLINE = /^Program log: Memo \(len \d+\): "(.*)"$/;
const MEMO_HEADER = /^Program log: Memo \(len \d+\)$/;
const LOG = /^Program log: (.*)$/;

/**
 * The memo texts a transaction's logs carry. The Memo program logs each memo either on one
 * line (`Memo (len 5): "hello"`) or, in the versions deployed today, as a header line followed
 * by the text on the next.
 */
export function memosFromLogs(logs: readonly string[]): string[] {
  const memos: string[] = [];
  logs.forEach((line, i) => {
    const inline = MEMO_INLINE.exec(line);
    if (inline) memos.push(inline[1]!.replace(/\\"/g, '"'));
    else if (MEMO_HEADER.test(line)) {
      const text = LOG.exec(logs[i + 1] ?? "");
      if (text) memos.push(text[1]!);
    }
  });
  return memos;
}

export function startSeenListener(deps: SeenListenerDeps): { stop(): void } {
  const subscriptions = createSolanaRpcSubscriptions(deps.wsUrl);
  const controller = new AbortController();
  const recent = new Set<string>(); // several token accounts may log the same transaction

  async function listen(addr: string): Promise<void> {
    let delay = deps.retryMs ?? 500;
    while (!controller.signal.aborted) {
      try {
        const notifications = await subscriptions
          .logsNotifications({ mentions: [address(addr)] }, { commitment: "processed" })
          .subscribe({ abortSignal: controller.signal });
        delay = deps.retryMs ?? 500;
        for await (const { value } of notifications) {
          if (value.err !== null || recent.has(value.signature)) continue;
          recent.add(value.signature);
          if (recent.size > 1_000) recent.delete(recent.values().next().value!);
          const memos = memosFromLogs(value.logs);
          if (memos.length) await deps.onSeen({ signature: String(value.signature), memos });
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        deps.onError(error, addr);
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  }

  for (const addr of deps.addresses) void listen(addr);
  return { stop: () => controller.abort() };
}
