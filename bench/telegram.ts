// Updates per second through the Telegram bot: the full stack (grammY, sessions and
// wizards in Postgres, core, Prisma) and a bare grammY bot on the same harness, plus
// handling latency at a fixed offered rate. The Bot API is a fake fetch on both.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Bot, type Context } from "grammy";
import type { Update } from "grammy/types";
import { memoryNotifier } from "../test/support/memory-notifier.js";
import type { WizardState } from "../bots/flows/wizard.js";
import { createI18n } from "../bots/i18n.js";
import type { SessionData, TelegramBotDeps } from "../bots/telegram/context.js";
import { createBot } from "../bots/telegram/create-bot.js";
import type { Core } from "../core/index.js";
import type { TokenRegistry } from "../core/money/tokens.js";
import type { SqlQuery } from "../prisma/direct-sql.js";
import { sqlKeyValueStore } from "../prisma/key-value-store.js";
import { BOT_INFO } from "../test/support/telegram-harness.js";

const TOKEN = "123456:BENCH-TOKEN-abcdefghijklmnopqrstu";

const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
  const payload = init?.body ? (JSON.parse(String(init.body)) as { chat_id?: number; text?: string }) : {};
  const method = String(url).split("/").pop();
  const result =
    method === "sendMessage" || method === "editMessageText"
      ? { message_id: 1, date: 0, chat: { id: payload.chat_id ?? 0, type: "private" }, text: payload.text }
      : true;
  return new Response(JSON.stringify({ ok: true, result }), { headers: { "content-type": "application/json" } });
}) as typeof fetch;

/** The bot as the app builds it, its chat state on `chatState` (the database's driver). */
export function fullStackBot(core: Core, tokens: TokenRegistry, chatState: SqlQuery): Bot<Context> {
  const deps: TelegramBotDeps = {
    core,
    tokens,
    i18n: createI18n(),
    adminIds: new Set(),
    sessions: sqlKeyValueStore<SessionData>(chatState, "tg-session"),
    wizards: sqlKeyValueStore<WizardState>(chatState, "wizard"),
    pairing: { issue: async () => "BENCHCODE", revoke: async () => undefined },
    logger: { info: () => undefined, warn: () => undefined, error: (o) => console.error(o) },
    explorer: (signature) => `https://explorer.solana.com/tx/${signature}`,
    notifier: memoryNotifier().notifier,
  };
  return createBot(TOKEN, deps, { botInfo: BOT_INFO, client: { fetch: fakeFetch } }) as unknown as Bot<Context>;
}

/** The bare baseline: grammY answering every command with a fixed text, nothing stored. */
export function bareBot(): Bot<Context> {
  const bot = new Bot(TOKEN, { botInfo: BOT_INFO, client: { fetch: fakeFetch } });
  bot.on("message", (ctx) => ctx.reply("ok"));
  bot.on("callback_query", (ctx) => ctx.answerCallbackQuery());
  return bot;
}

let updateId = 1;
const user = (id: number) => ({
  id,
  is_bot: false,
  first_name: `U${id}`,
  username: `u${id}`,
  language_code: id % 3 ? "en" : "es",
});
const command = (userId: number, text: string): Update =>
  ({
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: 0,
      chat: { id: userId, type: "private", first_name: "U" },
      from: user(userId),
      text,
      entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }],
    },
  }) as Update;
const press = (userId: number, data: string): Update =>
  ({
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      from: user(userId),
      chat_instance: "c",
      data,
      message: { message_id: 1, date: 0, chat: { id: userId, type: "private", first_name: "U" }, text: "x" },
    },
  }) as Update;

/**
 * A realistic mix: menus, browsing and paging, profiles, invites, factory cards. Users are
 * 10,000 + `firstUser` onwards.
 */
export function updateMix(users: number, count: number, factoryIds: readonly string[], firstUser = 0): Update[] {
  const kinds = [
    (u: number) => command(u, "/start"),
    (u: number) => command(u, "/help"),
    (u: number) => command(u, "/browse"),
    (u: number) => press(u, "page:1"),
    (u: number) => press(u, `open:${factoryIds[u % factoryIds.length]}`),
    (u: number) => command(u, "/profile"),
    (u: number) => command(u, "/invite"),
    (u: number) => command(u, "/factories"),
    (u: number) => press(u, "nav:help"),
    (u: number) => command(u, "/history"),
  ];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length]!(10_000 + firstUser + ((i * 7919) % users)));
}

/** Handles updates with `concurrency` in flight (the runner's default is far higher). */
export async function throughput(bot: Bot<Context>, updates: readonly Update[], concurrency: number): Promise<number> {
  await bot.init();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < updates.length; i = next++) await bot.handleUpdate(updates[i]!);
    }),
  );
  return updates.length / ((performance.now() - started) / 1000);
}

/** Offers updates at a fixed rate and measures each one from arrival to handled. */
export async function latencyAtRate(
  bot: Bot<Context>,
  updates: readonly Update[],
  perSecond: number,
): Promise<{ p50: number; p99: number }> {
  await bot.init();
  const latencies: number[] = [];
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (const [i, update] of updates.entries()) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const arrived = performance.now();
    pending.push(bot.handleUpdate(update).then(() => void latencies.push(performance.now() - arrived)));
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

/**
 * Updates per second from `processes` bot processes on one database (bench/telegram-process.ts),
 * `perProcess` updates each, started together after their warm-up: all handled over the time
 * from the first start to the last finish.
 */
export async function throughputAcrossProcesses(
  url: string,
  factoryIds: readonly string[],
  processes: number,
  perProcess: number,
): Promise<number> {
  const script = fileURLToPath(new URL("./telegram-process.ts", import.meta.url));
  const children = Array.from({ length: processes }, (_, i) =>
    fork(script, [url, JSON.stringify(factoryIds), String(i * 1_000), String(perProcess)], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
  );
  type Done = { started: number; finished: number; handled: number };
  const next = (child: ChildProcess) =>
    new Promise<unknown>((resolve, reject) => {
      child.once("message", resolve);
      child.once("exit", (code) => reject(new Error(`bench bot process exited with ${code}`)));
    });
  try {
    await Promise.all(children.map(next));
    const done = children.map((c) => next(c) as Promise<Done>);
    for (const child of children) child.send("go");
    const results = await Promise.all(done);
    const wall = Math.max(...results.map((r) => r.finished)) - Math.min(...results.map((r) => r.started));
    return results.reduce((n, r) => n + r.handled, 0) / (wall / 1000);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  }
}
