// The datasets queue on a real Redis: one job per export however often it is queued, retries
// for passing failures, and the export given up exactly once after the last attempt.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datasetsQueue, startDatasetsWorker } from "../../jobs/dataset-exports.js";
import { finished, startTestRedis } from "../support/redis.js";

describe("the datasets queue", () => {
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  const closers: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    for (const close of closers) await close().catch(() => undefined);
    await redis.stop();
  });

  function rig(prefix: string, run: (exportId: string) => Promise<unknown>, permanent = false) {
    // The queue and the worker on connections of their own, as the queue and worker roles are.
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const workerConnection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = datasetsQueue(connection, { attempts: 3, backoffMs: 10 });
    const givenUp: Array<{ exportId: string; error: string }> = [];
    const ran: string[] = [];
    const worker = startDatasetsWorker(workerConnection, {
      run: async (id) => {
        ran.push(id);
        return run(id);
      },
      giveUp: async (exportId, error) => void givenUp.push({ exportId, error: String(error) }),
      isPermanent: () => permanent,
    });
    // One worker at a time: the queue's name is the same in every test.
    const close = async () => {
      await worker.close();
      await queue.close();
      connection.disconnect();
      workerConnection.disconnect();
    };
    closers.push(close);
    return { queue, givenUp, ran, close, id: `${prefix}-${Math.random().toString(36).slice(2)}` };
  }

  it("GIVEN an export queued twice THEN it is built once", async () => {
    const r = rig("twice", async () => ({ status: "ready" }));
    await r.queue.build(r.id);
    await r.queue.build(r.id);
    expect(await finished(r.queue.queue, `export-${r.id}`)).toEqual({ status: "ready" });
    expect(r.ran).toEqual([r.id]);
    await r.close();
  });

  it("GIVEN a build that keeps failing THEN it is tried 3 times and given up once, after the last", async () => {
    const r = rig("failing", async () => {
      throw new Error("storage unreachable");
    });
    await r.queue.build(r.id);
    await expect(finished(r.queue.queue, `export-${r.id}`)).rejects.toThrow("storage unreachable");
    expect(r.ran).toEqual([r.id, r.id, r.id]);
    expect(r.givenUp).toEqual([{ exportId: r.id, error: "Error: storage unreachable" }]);
    await r.close();
  });

  it("GIVEN a build that cannot succeed THEN it is given up at once, without retries", async () => {
    const r = rig(
      "impossible",
      async () => {
        throw new Error("factory gone");
      },
      true,
    );
    await r.queue.build(r.id);
    await expect(finished(r.queue.queue, `export-${r.id}`)).rejects.toThrow("factory gone");
    expect(r.ran).toEqual([r.id]);
    expect(r.givenUp).toHaveLength(1);
    await r.close();
  });
});
