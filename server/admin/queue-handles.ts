// Read-only handles on every BullMQ queue, for the dashboard: the queues the application declares
// (shown even before their first job) and any other found in Redis, so that a queue added later
// shows up without anyone editing a list.
import { Queue } from "bullmq";
import type { Redis } from "ioredis";

export interface QueueHandles {
  /** Every queue, by name; handles are opened once and kept. */
  list(): Promise<Queue[]>;
  close(): Promise<void>;
}

export function queueHandles(redis: Redis, declared: readonly string[], prefix = "bull"): QueueHandles {
  const open = new Map<string, Queue>();
  const handle = (name: string): Queue => {
    let queue = open.get(name);
    if (!queue) {
      // skipMetasUpdate: looking at a queue never writes to it.
      queue = new Queue(name, { connection: redis, prefix, skipMetasUpdate: true });
      open.set(name, queue);
    }
    return queue;
  };
  return {
    async list() {
      const names = new Set([...declared, ...(await discoverQueues(redis, prefix))]);
      return [...names].sort().map(handle);
    },
    async close() {
      const queues = [...open.values()];
      open.clear();
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}

/** Names of the queues in Redis: BullMQ keeps a `<prefix>:<name>:meta` hash for each. */
export async function discoverQueues(redis: Redis, prefix = "bull"): Promise<string[]> {
  const names = new Set<string>();
  for await (const keys of redis.scanStream({ match: `${prefix}:*:meta`, count: 1_000 }))
    for (const key of keys as string[]) names.add(key.slice(prefix.length + 1, -":meta".length));
  return [...names];
}
