import { Queue, type ConnectionOptions } from "bullmq";
import { watchQueueErrors } from "./queue-errors.js";
import { startScheduled } from "./scheduled.js";

export const PAYOUTS_QUEUE = "payouts";

/**
 * Payout rounds: a job scheduler runs one every `everyMs` (one scheduler, however many payout
 * processes register it), and `kick()` asks for one soon after money became owed (deduplicated
 * while one is waiting). Rounds are safe to run anywhere at once; the database decides.
 */
export async function startPayoutRounds(connection: ConnectionOptions, everyMs: number, round: () => Promise<unknown>) {
  return startScheduled({
    connection,
    queue: PAYOUTS_QUEUE,
    job: "round",
    everyMs,
    opts: { removeOnComplete: 50, removeOnFail: 200 },
    process: () => round(),
  });
}

/** For processes that only make money owed (settling, grading, the bot): ask for a round soon. */
export function payoutKicker(connection: ConnectionOptions) {
  const queue = new Queue(PAYOUTS_QUEUE, { connection });
  watchQueueErrors(queue, "payout kicker"); // a kick is a hint: the scheduled round comes anyway
  return {
    kick: async () => void (await queue.add("kick", {}, { jobId: "kick", removeOnComplete: true, removeOnFail: true })),
    close: () => queue.close(),
  };
}
