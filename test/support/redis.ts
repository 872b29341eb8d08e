import type { Queue } from "bullmq";
import { RedisMemoryServer } from "redis-memory-server";

/** REDIS_URL when given, else a real redis-server started for this test file. */
export async function startTestRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.TEST_REDIS_URL) return { url: process.env.TEST_REDIS_URL, stop: async () => undefined };
  const server = await RedisMemoryServer.create();
  const url = `redis://${await server.getHost()}:${await server.getPort()}`;
  return { url, stop: async () => void (await server.stop()) };
}

/**
 * Waits for a job to finish by polling its state (QueueEvents may attach after a fast job
 * already finished). Returns its return value, or throws its failure reason.
 */
export async function finished(queue: Queue, jobId: string, timeoutMs = 30_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await queue.getJobState(jobId);
    if (state === "completed" || state === "failed") {
      const job = (await queue.getJob(jobId))!; // read after the state: the job is final now
      if (state === "completed") return job.returnvalue;
      throw new Error(job.failedReason);
    }
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
