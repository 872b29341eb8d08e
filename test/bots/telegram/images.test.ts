// A view with a picture (a chart) in the Telegram bot: one photo captioned with the text when it
// fits, else the photo and then the text; the second time an unchanged chart goes as its
// file_id (no upload), from the cache in Postgres that every bot process shares; a file_id
// Telegram refuses is forgotten and the chart uploaded again; a Bot API refusing photos gets the
// text alone; and Mini App buttons open inside Telegram in private chats, as links in groups.
import { createHash } from "node:crypto";
import { Bot, type Context } from "grammy";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PhotoCache } from "../../../bots/flows/deps.js";
import type { PhotoDeps } from "../../../bots/telegram/photo-cache.js";
import { CAPTION_MAX, renderView } from "../../../bots/telegram/render.js";
import { action, webApp, type View, type ViewImage } from "../../../bots/views/view.js";
import { openDatabase, type Database } from "../../../prisma/database.js";
import { chartFileStore } from "../../../prisma/repositories/chart-file-store.js";
import { E2E_TOKEN, Person, startEmulator } from "../../support/telegram-emulator.js";
import { BOT_INFO } from "../../support/telegram-harness.js";
import { telegramVisibleText } from "../../support/telegram-html.js";

const ALICE = 111;
const DASHBOARD = "https://forge.example/app/dashboard";

/** A small PNG of one colour, keyed by its content as the chart renderer keys its pictures. */
function chart(rgb: [number, number, number], name = "earnings.png"): ViewImage {
  const image = new PNG({ width: 4, height: 3 });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([...rgb, 255], i);
  const png = PNG.sync.write(image);
  return { png, key: createHash("sha256").update(png).digest("hex"), name, alt: "Earnings by day, last 30 days" };
}

interface Call {
  method: string;
  payload: Record<string, unknown>;
  /** Files sent as multipart parts (an upload), by part name. */
  files: Map<string, Buffer>;
}

/** A multipart/form-data body's parts: text fields (reply_markup as JSON) and file parts. */
function multipart(body: Buffer, boundary: string): Pick<Call, "payload" | "files"> {
  const payload: Record<string, unknown> = {};
  const files = new Map<string, Buffer>();
  for (const part of body.toString("latin1").split(`--${boundary}`)) {
    const at = part.indexOf("\r\n\r\n");
    if (at < 0) continue;
    const head = part.slice(0, at);
    const name = head.match(/name="([^"]+)"/)?.[1];
    const value = part.slice(at + 4).replace(/\r\n$/, "");
    if (!name) continue;
    if (/filename=/.test(head)) files.set(name, Buffer.from(value, "latin1"));
    else {
      const text = Buffer.from(value, "latin1").toString("utf8");
      payload[name] = name === "reply_markup" ? JSON.parse(text) : text;
    }
  }
  return { payload, files };
}

/**
 * A Bot API on a fake fetch: records every call, answers sendPhoto with a photo in two sizes (a
 * new file_id per upload; a sent file_id comes back as it was), and refuses what it is told to.
 */
function fakeBotApi() {
  const calls: Call[] = [];
  const refusedFileIds = new Set<string>();
  let photosRefused = false;
  let uploads = 0;
  let messageId = 100;
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const method = String(url).split("/").pop()!;
    const type = new Headers(init?.headers).get("content-type") ?? "";
    const boundary = type.match(/boundary=(.+)$/)?.[1];
    const call: Call =
      typeof init?.body === "string"
        ? { method, payload: JSON.parse(init.body) as Record<string, unknown>, files: new Map() }
        : init?.body && boundary
          ? { method, ...multipart(Buffer.from(await new Response(init.body).arrayBuffer()), boundary) }
          : { method, payload: {}, files: new Map() };
    calls.push(call);
    const chat = { id: Number(call.payload.chat_id ?? 0), type: "private" };
    if (method === "sendPhoto") {
      const photo = String(call.payload.photo);
      if (photosRefused)
        return json({
          ok: false,
          error_code: 400,
          description: "Bad Request: not enough rights to send photos to the chat",
        });
      if (refusedFileIds.has(photo))
        return json({
          ok: false,
          error_code: 400,
          description: "Bad Request: wrong file identifier/HTTP URL specified",
        });
      const id = photo.startsWith("attach://") ? `photo-${++uploads}` : photo;
      return json({
        ok: true,
        result: {
          message_id: ++messageId,
          date: 0,
          chat,
          caption: call.payload.caption,
          photo: [
            { file_id: `${id}-small`, file_unique_id: `${id}-s`, width: 90, height: 60 },
            { file_id: id, file_unique_id: `${id}-l`, width: 1200, height: 800 },
          ],
        },
      });
    }
    if (method === "sendMessage")
      return json({ ok: true, result: { message_id: ++messageId, date: 0, chat, text: call.payload.text } });
    return json({ ok: true, result: true });
  };
  return {
    calls,
    fetch,
    refuseFileId: (id: string) => refusedFileIds.add(id),
    refusePhotos: (refused: boolean) => (photosRefused = refused),
  };
}

type TestContext = Context & { deps: PhotoDeps };

/**
 * A bot process whose every message and button press answers with `shown.view` (a button press
 * asks for it in place of the pressed message, as a flow's in-place step does).
 */
function botProcess(api: ReturnType<typeof fakeBotApi>, photoCache?: PhotoCache) {
  const shown: { view: View } = { view: { text: "nothing yet" } };
  const warnings: object[] = [];
  const deps: PhotoDeps = {
    photoCache,
    logger: { info: () => undefined, warn: (obj) => warnings.push(obj), error: () => undefined },
  };
  const bot = new Bot<TestContext>("123456:TEST-TOKEN-abcdefghijklmnopq", {
    botInfo: BOT_INFO,
    client: { fetch: api.fetch as typeof fetch },
  });
  bot.use((ctx, next) => ((ctx.deps = deps), next()));
  bot.on("message:text", (ctx) => renderView(ctx, shown.view));
  bot.on("callback_query:data", (ctx) => renderView(ctx, shown.view, { edit: true }));
  let updateId = 1;
  const chat = (type: "private" | "group") =>
    type === "private" ? { id: ALICE, type, first_name: "Alice" } : { id: -5000, type, title: "Community" };
  const from = { id: ALICE, is_bot: false, first_name: "Alice" };
  async function send(view: View, where: "private" | "group" = "private") {
    shown.view = view;
    const before = api.calls.length;
    await bot.handleUpdate({
      update_id: updateId++,
      message: { message_id: 1, date: 0, chat: chat(where), from, text: "/earnings" },
    } as never);
    return api.calls.slice(before);
  }
  async function press(view: View) {
    shown.view = view;
    const before = api.calls.length;
    await bot.handleUpdate({
      update_id: updateId++,
      callback_query: {
        id: String(updateId),
        from,
        chat_instance: "ci",
        data: "stats",
        message: { message_id: 50, date: 0, chat: chat("private"), text: "a factory's card" },
      },
    } as never);
    return api.calls.slice(before);
  }
  return { send, press, warnings };
}

const sent = (calls: readonly Call[]) => calls.filter((c) => c.method === "sendPhoto" || c.method === "sendMessage");
/** What a person reads of a message: its text or caption as Telegram shows it. */
const readText = (call: Call) => telegramVisibleText(String(call.payload.text ?? call.payload.caption ?? ""));
const keyboardOf = (call: Call) =>
  (call.payload.reply_markup as { inline_keyboard?: Array<Array<Record<string, unknown>>> } | undefined)
    ?.inline_keyboard ?? [];

const SHORT = "**Earnings** this month: 12.5 USDC\nBest day: 2026-11-30, 3 USDC";

describe("Telegram: views with a picture", () => {
  let db: Database;
  let cache: PhotoCache;
  beforeAll(async () => {
    db = await openDatabase({ kind: "pglite" });
    cache = chartFileStore(db.query);
  });
  afterAll(() => db.close());

  it("GIVEN a chart with a short text WHEN it is asked for twice THEN one captioned photo each time: uploaded first, then sent by its cached file_id", async () => {
    const api = fakeBotApi();
    const bot = botProcess(api, cache);
    const image = chart([200, 40, 40]);
    const view: View = { text: SHORT, image, buttons: [[action("Refresh", "stats")]] };

    const first = sent(await bot.send(view));
    expect(first.map((c) => c.method)).toEqual(["sendPhoto"]);
    expect(readText(first[0]!)).toBe("Earnings this month: 12.5 USDC\nBest day: 2026-11-30, 3 USDC");
    expect(first[0]!.payload.parse_mode).toBe("HTML");
    expect(keyboardOf(first[0]!)).toEqual([[{ text: "Refresh", callback_data: "stats" }]]);
    // An upload: the photo is a multipart file part holding the PNG's bytes, named as the view says.
    const photo = String(first[0]!.payload.photo);
    expect(photo).toMatch(/^attach:\/\//);
    expect(first[0]!.files.get(photo.slice("attach://".length))).toEqual(image.png);

    const second = sent(await bot.send(view));
    expect(second.map((c) => c.method)).toEqual(["sendPhoto"]);
    // The largest size's file_id, as a plain string: no multipart body, nothing uploaded.
    expect(second[0]!.payload.photo).toBe("photo-1");
    expect(second[0]!.files.size).toBe(0);
    expect(readText(second[0]!)).toBe(readText(first[0]!));
    expect(bot.warnings).toEqual([]);
  });

  it("GIVEN two bot processes sharing the cache WHEN the second sends a chart the first uploaded THEN it sends the file_id; a changed chart is uploaded", async () => {
    const api = fakeBotApi();
    const one = botProcess(api, cache);
    const two = botProcess(api, cache);
    const image = chart([40, 200, 40]);
    const [upload] = sent(await one.send({ text: SHORT, image }));
    expect(upload!.files.size).toBe(1);
    const [byId] = sent(await two.send({ text: SHORT, image }));
    expect(byId!.files.size).toBe(0);
    expect(byId!.payload.photo).toBe("photo-1");

    const changed = chart([40, 200, 41]);
    expect(changed.key).not.toBe(image.key);
    const [again] = sent(await two.send({ text: SHORT, image: changed }));
    expect(again!.files.size).toBe(1);
  });

  it("GIVEN a text longer than a caption WHEN it is shown THEN the photo comes captioned with what it shows, then the whole text with the buttons", async () => {
    const api = fakeBotApi();
    const bot = botProcess(api, cache);
    const lines = Array.from(
      { length: 60 },
      (_, i) => `2026-10-${String((i % 30) + 1).padStart(2, "0")}: **${i}.5** USDC`,
    );
    const text = lines.join("\n");
    const image = chart([40, 40, 200]);
    const calls = sent(await bot.send({ text, image, buttons: [[action("Back", "nav:profile")]] }));
    expect(calls.map((c) => c.method)).toEqual(["sendPhoto", "sendMessage"]);
    expect(readText(calls[0]!)).toBe(image.alt);
    expect(keyboardOf(calls[0]!)).toEqual([]);
    const shown = readText(calls[1]!);
    expect(shown.length).toBeGreaterThan(CAPTION_MAX);
    expect(shown).toBe(text.replace(/\*\*/g, ""));
    expect(keyboardOf(calls[1]!)).toEqual([[{ text: "Back", callback_data: "nav:profile" }]]);
  });

  it("GIVEN texts around the caption limit THEN whatever becomes a caption is at most 1024 visible characters, and bold markup does not count", async () => {
    const api = fakeBotApi();
    const bot = botProcess(api, cache);
    const image = chart([10, 10, 10]);
    const atLimit = `**${"é".repeat(CAPTION_MAX - 10)}**${"<&>".repeat(3)}x`;
    const over = `${"a".repeat(CAPTION_MAX)}😀`;
    const fits = sent(await bot.send({ text: atLimit, image }));
    expect(fits.map((c) => c.method)).toEqual(["sendPhoto"]);
    expect(readText(fits[0]!).length).toBe(CAPTION_MAX);
    const split = sent(await bot.send({ text: over, image }));
    expect(split.map((c) => c.method)).toEqual(["sendPhoto", "sendMessage"]);
    expect(readText(split[1]!)).toBe(over);
  });

  it("GIVEN a button pressed on a text message WHEN the in-place view has a picture THEN it comes as a new photo message and nothing is edited", async () => {
    const api = fakeBotApi();
    const bot = botProcess(api, cache);
    const calls = await bot.press({ text: SHORT, image: chart([90, 90, 0]) });
    expect(calls.some((c) => c.method.startsWith("edit"))).toBe(false);
    expect(sent(calls).map((c) => c.method)).toEqual(["sendPhoto"]);
    expect(readText(sent(calls)[0]!)).toContain("Earnings this month");
    expect(bot.warnings).toEqual([]);
  });

  it("GIVEN a cached file_id Telegram no longer accepts WHEN the chart is shown THEN it is uploaded once more and the new file_id replaces the old one", async () => {
    const api = fakeBotApi();
    const bot = botProcess(api, cache);
    const image = chart([1, 2, 3]);
    await bot.send({ text: SHORT, image });
    api.refuseFileId("photo-1");
    const calls = sent(await bot.send({ text: SHORT, image }));
    expect(calls.map((c) => [c.method, c.files.size])).toEqual([
      ["sendPhoto", 0],
      ["sendPhoto", 1],
    ]);
    expect(calls[0]!.payload.photo).toBe("photo-1");
    const [next] = sent(await bot.send({ text: SHORT, image }));
    expect(next!.payload.photo).toBe("photo-2");
  });

  it("GIVEN a Bot API that refuses photos THEN the text comes alone, with its buttons, and the refusal is logged", async () => {
    const api = fakeBotApi();
    const bot = botProcess(api, cache);
    api.refusePhotos(true);
    const calls = sent(
      await bot.send({ text: SHORT, image: chart([5, 5, 5]), buttons: [[action("Refresh", "stats")]] }),
    );
    expect(calls.map((c) => c.method)).toEqual(["sendPhoto", "sendMessage"]);
    expect(readText(calls[1]!)).toBe(SHORT.replace(/\*\*/g, ""));
    expect(keyboardOf(calls[1]!)).toEqual([[{ text: "Refresh", callback_data: "stats" }]]);
    expect(bot.warnings).toHaveLength(1);
  });

  it("GIVEN a cache whose database is down THEN the chart is still uploaded and shown, and the failures are logged", async () => {
    const api = fakeBotApi();
    const down = () => Promise.reject(new Error("connection refused"));
    const bot = botProcess(api, { get: down, put: down, delete: down });
    const calls = sent(await bot.send({ text: SHORT, image: chart([8, 8, 8]) }));
    expect(calls.map((c) => [c.method, c.files.size])).toEqual([["sendPhoto", 1]]);
    expect(readText(calls[0]!)).toContain("Earnings this month");
    expect(bot.warnings).toHaveLength(2);
  });

  it("GIVEN no cache configured THEN every chart is uploaded", async () => {
    const api = fakeBotApi();
    const bot = botProcess(api);
    const image = chart([7, 7, 7]);
    await bot.send({ text: SHORT, image });
    const [second] = sent(await bot.send({ text: SHORT, image }));
    expect(second!.files.size).toBe(1);
  });
});

describe("Telegram: Mini App buttons", () => {
  const view: View = {
    text: "Your earnings",
    buttons: [[webApp("📊 Dashboard", DASHBOARD), action("Back", "nav:profile")]],
  };

  it("GIVEN a private chat THEN the Dashboard button opens the Mini App (web_app) at its URL", async () => {
    const api = fakeBotApi();
    const [message] = sent(await botProcess(api).send(view));
    expect(keyboardOf(message!)).toEqual([
      [
        { text: "📊 Dashboard", web_app: { url: DASHBOARD } },
        { text: "Back", callback_data: "nav:profile" },
      ],
    ]);
  });

  it("GIVEN a group, where Telegram allows no Web App buttons THEN it is a link to the same URL", async () => {
    const api = fakeBotApi();
    const [message] = sent(await botProcess(api).send(view, "group"));
    expect(keyboardOf(message!)[0]![0]).toEqual({ text: "📊 Dashboard", url: DASHBOARD });
  });

  it("GIVEN a picture with a Dashboard button in a private chat THEN the photo carries the web_app button", async () => {
    const api = fakeBotApi();
    const [photo] = sent(await botProcess(api).send({ ...view, image: chart([3, 3, 3]) }));
    expect(photo!.method).toBe("sendPhoto");
    expect(keyboardOf(photo!)[0]![0]).toEqual({ text: "📊 Dashboard", web_app: { url: DASHBOARD } });
  });
});

describe("Telegram: a chart through telegram-test-api, a Bot API that knows no sendPhoto", () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let bot: Bot<TestContext>;
  const warnings: object[] = [];
  beforeAll(async () => {
    emulator = await startEmulator();
    bot = new Bot<TestContext>(E2E_TOKEN, { client: { apiRoot: emulator.apiRoot } });
    const deps: PhotoDeps = {
      logger: { info: () => undefined, warn: (obj) => warnings.push(obj), error: () => undefined },
    };
    bot.use((ctx, next) => ((ctx.deps = deps), next()));
    bot.command("earnings", (ctx) =>
      renderView(ctx, {
        text: SHORT,
        image: chart([50, 60, 70]),
        buttons: [[action("Refresh", "stats"), webApp("📊 Dashboard", DASHBOARD)]],
      }),
    );
    void bot.start({ drop_pending_updates: true });
    while (!bot.isRunning()) await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(async () => {
    await bot?.stop();
    await emulator?.stop();
  });

  it("GIVEN the photo refused WHEN a person asks for the chart THEN they read the text, with its buttons", async () => {
    const alice = new Person(emulator.server, 4001, "Alice", []);
    const [reply] = await alice.send("/earnings");
    expect(reply!.text).toBe(SHORT);
    expect(reply!.buttons[0]).toEqual(["Refresh", "stats"]);
    expect(warnings).toHaveLength(1);
  });
});
