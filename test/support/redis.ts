import { RedisMemoryServer } from "redis-memory-server";

/** REDIS_URL when given, else a real redis-server started for this test file. */
export async function startTestRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.TEST_REDIS_URL) return { url: process.env.TEST_REDIS_URL, stop: async () => undefined };
  const server = await RedisMemoryServer.create();
  const url = `redis://${await server.getHost()}:${await server.getPort()}`;
  return { url, stop: async () => void (await server.stop()) };
}
