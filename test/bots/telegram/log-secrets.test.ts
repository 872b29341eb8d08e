// The bot's error logs, written by the app's logger, hold ids and kinds: never the pairing code
// a failed send carried, the bot token a network failure's URL carried, nor people's names and
// what they typed.
import { Writable } from "node:stream";
import { Api, type Bot } from "grammy";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../../app/logger.js";
import { freePort } from "../../../app/local-redis.js";
import type { BotContext, TelegramBotDeps } from "../../../bots/telegram/context.js";
import { createBot } from "../../../bots/telegram/create-bot.js";
import { BOT_INFO, telegramHarness } from "../../support/telegram-harness.js";

const TOKEN = "7012345678:AAF-secretTokenPart_abcdefghijklmnop";
const CODE = "KX7QM4PZ";
const ALICE = { id: 111, first_name: "Alicia-FirstName" };
const CAROL = { id: 333, first_name: "Carolina-FirstName" };
const DAVE = { id: 444, first_name: "Davido-FirstName" };

function capturedLog() {
  let out = "";
  const stream = new Writable({ write: (chunk: Buffer, _enc, done) => ((out += chunk.toString()), done()) });
  const logger = createLogger("info", stream);
  const lines = () =>
    out
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, text: () => out, lines };
}

/** The Bot API, answering as Telegram would: a pairing message it cannot parse, Carol blocked the bot. */
const telegram = (async (url: string | URL | Request, init?: RequestInit) => {
  const method = String(url).split("/").pop();
  const payload = JSON.parse(String(init?.body ?? "{}")) as { chat_id?: number; text?: string };
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
  if (method === "sendMessage" && payload.text?.includes("forge login"))
    return json({ ok: false, error_code: 400, description: "Bad Request: can't parse entities: unexpected end tag" });
  if (method === "sendMessage" && payload.chat_id === CAROL.id)
    return json({ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
  const message = { message_id: 1, date: 0, chat: { id: payload.chat_id ?? 0, type: "private" }, text: payload.text };
  return json({ ok: true, result: method === "sendMessage" ? message : true });
}) as typeof fetch;

/** A real grammY HttpError: a Bot API request (outside auto-retry) to a port nobody listens on. */
async function networkFailure(): Promise<unknown> {
  const api = new Api(TOKEN, { apiRoot: `http://127.0.0.1:${await freePort()}` });
  return api.getFile("file-1").then(
    () => expect.fail("the request should have failed"),
    (error: unknown) => error,
  );
}

let updateId = 500;
const person = (p: { id: number; first_name: string }) => ({
  ...p,
  is_bot: false,
  username: `${p.first_name.toLowerCase()}_handle`,
  language_code: "en",
});
const typed = (p: { id: number; first_name: string }, text: string) => ({
  update_id: ++updateId,
  message: {
    message_id: updateId,
    date: 0,
    chat: { id: p.id, type: "private", first_name: p.first_name },
    from: person(p),
    text,
  },
});
const pressed = (p: { id: number; first_name: string }, data: string) => ({
  update_id: ++updateId,
  callback_query: {
    id: String(updateId),
    from: person(p),
    chat_instance: "ci",
    data,
    message: { message_id: 50, date: 0, chat: { id: p.id, type: "private", first_name: p.first_name }, text: "x" },
  },
});

describe("Telegram bot: secrets in the error log", () => {
  it("GIVEN a failed send of the pairing message, a person who blocked the bot and a network failure WHEN each is logged THEN the log says which method failed and which update, and holds no code, token, name or typed text", async () => {
    const h = telegramHarness({ recorderServer: "https://forge.example.com" });
    const owner = await h.s.person("owner");
    const factory = await h.s.factory(owner, { name: "Sheets" });
    await h.s.fund(factory, factory.rewardPerDemo * 3n);
    const failure = await networkFailure();
    const log = capturedLog();
    const deps: TelegramBotDeps = {
      ...h.deps,
      logger: log.logger,
      // A code that is voided when its message fails (by the feature): here, only what it is matters.
      pairing: Object.assign({}, h.deps.pairing, { issue: async () => CODE, revoke: async () => undefined }),
      core: {
        ...h.deps.core,
        registerAccount: async (input) => {
          if (input.externalId === String(DAVE.id)) throw failure;
          return h.deps.core.registerAccount(input);
        },
      },
    };
    const bot: Bot<BotContext> = createBot(TOKEN, deps, { botInfo: BOT_INFO, client: { fetch: telegram } });

    const pick = pressed(ALICE, `task:${factory.id}:0`);
    await bot.handleUpdate(pick as never);
    const chatter = typed(CAROL, "my seed words are typed-marker-carol");
    await bot.handleUpdate(chatter as never);
    const download = typed(DAVE, "typed-marker-dave please");
    await bot.handleUpdate(download as never);

    const all = log.text();
    for (const secret of [CODE, TOKEN, "secretTokenPart", "typed-marker", "FirstName", "firstname_handle"])
      expect(all).not.toContain(secret);
    const failed = log.lines().filter((l) => l.msg === "bot handler failed");
    expect(failed.map((l) => [l.update, l.err])).toEqual([
      [
        { id: pick.update_id, kind: "callback_query", chatId: ALICE.id, userId: ALICE.id, action: "task" },
        expect.objectContaining({
          type: "GrammyError",
          method: "sendMessage",
          error_code: 400,
          description: "Bad Request: can't parse entities: unexpected end tag",
        }),
      ],
      [
        { id: chatter.update_id, kind: "message", content: "text", chatId: CAROL.id, userId: CAROL.id },
        expect.objectContaining({ type: "GrammyError", method: "sendMessage", error_code: 403 }),
      ],
      [
        { id: download.update_id, kind: "message", content: "text", chatId: DAVE.id, userId: DAVE.id },
        expect.objectContaining({
          type: "HttpError",
          message: "Network request for 'getFile' failed!",
          error: expect.objectContaining({ code: "ECONNREFUSED" }),
        }),
      ],
    ]);
    // The network failure's own message named the URL, token and all: the log keeps the rest.
    expect(JSON.stringify(failed[2]!.err)).toContain("/bot[redacted]/getFile");
  });
});
