// Webhook mode: Telegram posts updates to our HTTP server with the secret token we gave it.
import { request } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createI18n } from "../../bots/i18n.js";
import { TELEGRAM_WEBHOOK_PATH, webhookRoute } from "../../app/telegram.js";
import { startHttpServer } from "../../server/http-server.js";
import { telegramHarness, texts } from "../support/telegram-harness.js";

const SECRET = "s3cret-token-for-webhooks_0123";
const h = telegramHarness();
let server: Awaited<ReturnType<typeof startHttpServer>>;

beforeAll(async () => {
  server = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    checks: {},
    metrics: async () => ({ contentType: "text/plain", body: "" }),
    routes: webhookRoute({ bot: h.bot, i18n: createI18n() }, SECRET),
    onError: () => undefined,
  });
});
afterAll(() => server.close());

const update = (id: number) => ({
  update_id: id,
  message: {
    message_id: id,
    date: 0,
    chat: { id: 77, type: "private", first_name: "W" },
    from: { id: 77, is_bot: false, first_name: "W", language_code: "en" },
    text: "/help",
    entities: [{ type: "bot_command", offset: 0, length: 5 }],
  },
});

const post = (body: unknown, secret?: string) =>
  fetch(`${server.url}${TELEGRAM_WEBHOOK_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
    body: JSON.stringify(body),
  });

it("refuses updates without the secret token, or with a wrong one, and handles nothing", async () => {
  const before = h.calls.length;
  expect((await post(update(1))).status).toBe(401);
  expect((await post(update(2), "wrong-secret-wrong-secret")).status).toBe(401);
  expect(h.calls.length).toBe(before);
});

it("handles an update that carries the secret", async () => {
  const before = h.calls.length;
  expect((await post(update(3), SECRET)).status).toBe(200);
  expect(texts(h.calls.slice(before))[0]).toContain("Commands");
});

it("refuses a request without the secret before reading its body", async () => {
  // Headers only, announcing a large body: a server that read the body first would wait forever.
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(`${server.url}${TELEGRAM_WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": 500_000 },
    });
    req.on("error", reject);
    req.on("response", (res) => (res.resume(), resolve(res.statusCode!)));
    req.flushHeaders();
  });
  expect(status).toBe(401);
});
