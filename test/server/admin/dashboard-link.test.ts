// From the bot to the dashboard: an admin's /admin menu has a 📋 Queues button whose link signs
// them in to the server's queue dashboard once; nobody else gets a link.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { redisAdminSessions } from "../../../server/admin/admin-sessions.js";
import { queueHandles } from "../../../server/admin/queue-handles.js";
import { adminLoginLink, queueDashboardRoutes } from "../../../server/admin/queue-dashboard.js";
import { startHttpServer } from "../../../server/http-server.js";
import { startTestRedis } from "../../support/redis.js";
import { buttons, telegramHarness, texts } from "../../support/telegram-harness.js";

const ADMIN = 42;
let redis: Awaited<ReturnType<typeof startTestRedis>>;
let connection: Redis;
let server: Awaited<ReturnType<typeof startHttpServer>>;
let handles: ReturnType<typeof queueHandles>;
let sessions: ReturnType<typeof redisAdminSessions>;

beforeAll(async () => {
  redis = await startTestRedis();
  connection = new Redis(redis.url);
  sessions = redisAdminSessions(connection, `test-link-${randomBytes(4).toString("hex")}:`);
  handles = queueHandles(connection, ["settlement"], `test-link-${randomBytes(4).toString("hex")}`);
  server = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    checks: {},
    metrics: async () => ({ contentType: "text/plain", body: "" }),
    routes: queueDashboardRoutes({
      sessions,
      isAdmin: (id) => id === `telegram:${ADMIN}`,
      queues: handles.list,
      secureCookie: false,
    }),
    onError: (error) => {
      throw error;
    },
  });
});

afterAll(async () => {
  await server?.close();
  await handles?.close();
  connection?.disconnect();
  await redis?.stop();
});

const signIn = (token: string) =>
  fetch(`${server.url}/admin/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `t=${token}`,
    redirect: "manual",
  });

it("GIVEN an admin WHEN they press 📋 Queues THEN they get a one-time link that signs them in to the dashboard", async () => {
  const h = telegramHarness({ adminIds: [String(ADMIN)] });
  Object.assign(h.deps, { queueDashboard: { loginLink: adminLoginLink(sessions, "https://forge.example.com/") } });
  expect(buttons(await h.send(ADMIN, "/admin"))).toContainEqual(["📋 Queues", "admin:queues"]);
  const [reply] = texts(await h.press(ADMIN, "admin:queues"));
  expect(reply).toContain("one use within 10 minutes");
  const token = /https:\/\/forge\.example\.com\/admin\/login\?t=(fal_[\w-]{43})/.exec(reply!)?.[1];
  expect(token, reply).toBeDefined();
  const first = await signIn(token!);
  expect(first.status).toBe(303);
  const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
  expect((await fetch(`${server.url}/admin/queues`, { headers: { cookie } })).status).toBe(200);
  expect((await signIn(token!)).status).toBe(401);
});

it("GIVEN someone who is not an admin WHEN they press the button anyway THEN no link is made", async () => {
  let issued = 0;
  const h = telegramHarness({ adminIds: [String(ADMIN)] });
  Object.assign(h.deps, {
    queueDashboard: { loginLink: async () => (issued++, { url: "https://x/admin/login?t=x", minutes: 10 }) },
  });
  expect(texts(await h.press(7, "admin:queues"))[0]).toContain("for admins");
  expect(issued).toBe(0);
});

it("GIVEN no PUBLIC_URL WHEN an admin presses the button THEN they are told which setting turns the dashboard on", async () => {
  const h = telegramHarness({ adminIds: [String(ADMIN)] });
  const [reply] = texts(await h.press(ADMIN, "admin:queues"));
  expect(reply).toContain("set PUBLIC_URL");
});
