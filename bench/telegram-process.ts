// One bot process of the multi-process Telegram benchmark (bench/telegram.ts): its own database
// pool and bot, its own users (as a webhook load balancer keeping a chat on one instance would
// give it), warmed up, then timed from the parent's "go" to its last update.
import { openDatabase } from "../prisma/database.js";
import { prismaUnitOfWork } from "../prisma/unit-of-work.js";
import { scenario } from "../test/support/scenario.js";
import { fullStackBot, throughput, updateMix } from "./telegram.js";

const [url, factoriesJson, firstUser, count] = process.argv.slice(2);
const factories = JSON.parse(factoriesJson!) as string[];
const send = (message: unknown) => process.send!(message);

const db = await openDatabase({ kind: "postgres", url: url!, poolSize: 16 });
const s = scenario(prismaUnitOfWork(db.prisma, { query: db.query }));
const bot = fullStackBot(s.core, s.deps.tokens, db.query);
await throughput(bot, updateMix(500, 1_000, factories, Number(firstUser)), 64);
const updates = updateMix(500, Number(count), factories, Number(firstUser));
process.once("message", async () => {
  const started = Date.now();
  await throughput(bot, updates, 64);
  send({ started, finished: Date.now(), handled: updates.length });
  await db.close();
  process.exit(0);
});
send({ ready: true });
