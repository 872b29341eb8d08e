// The queue dashboard behind admin sign-in: a one-time link from the bot becomes a session
// cookie; without a live session of a current admin nothing of the dashboard is served.
import { randomBytes } from "node:crypto";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisAdminSessions, type AdminSessions } from "../../../server/admin/admin-sessions.js";
import { queueHandles, type QueueHandles } from "../../../server/admin/queue-handles.js";
import { queueDashboardRoutes } from "../../../server/admin/queue-dashboard.js";
import { startHttpServer } from "../../../server/http-server.js";
import { finished, startTestRedis } from "../../support/redis.js";

/** The queues the application declares (the composition root passes them in). */
const DECLARED = ["grading", "maintenance", "notify-telegram", "payment-watch", "payouts", "settlement"];
const ADMIN = "telegram:42";

let redis: Awaited<ReturnType<typeof startTestRedis>>;
let connection: Redis;
let sessions: AdminSessions;
let handles: QueueHandles;
let server: Awaited<ReturnType<typeof startHttpServer>>;
const admins = new Set([ADMIN]);
// Unique prefixes: several test files may share one Redis.
const run = randomBytes(4).toString("hex");
const bull = `test-dash-${run}`;
const sessionPrefix = `test-admin-${run}:`;
const opened: Array<{ close(): Promise<void> }> = [];

const serve = (secureCookie = false, queues = handles) =>
  startHttpServer({
    host: "127.0.0.1",
    port: 0,
    checks: {},
    metrics: async () => ({ contentType: "text/plain", body: "" }),
    routes: queueDashboardRoutes({ sessions, isAdmin: (id) => admins.has(id), queues: queues.list, secureCookie }),
    onError: (error) => {
      throw error;
    },
  });

/** A queue that exists in Redis (BullMQ writes its meta) before the server looks. */
async function queue(name: string): Promise<Queue> {
  const q = new Queue(name, { connection, prefix: bull });
  await q.waitUntilReady();
  opened.push(q);
  return q;
}

beforeAll(async () => {
  redis = await startTestRedis();
  connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  sessions = redisAdminSessions(connection, sessionPrefix);
  await (await queue("settlement")).add("settle", { submissionId: "s1", score: 90 });
  // A queue nobody declared (a scheduler's own) is found in Redis.
  await queue("notify-sweep-telegram");
  // A failed job, for the read-only check.
  const grading = await queue("grading");
  const worker = new Worker(
    "grading",
    async () => {
      throw new Error("ffprobe missing");
    },
    { connection, prefix: bull },
  );
  opened.push(worker);
  await grading.add("grade", { recordingId: "r1" }, { jobId: "g1" });
  await expect(finished(grading, "g1")).rejects.toThrow("ffprobe missing");
  await worker.close();
  handles = queueHandles(connection, DECLARED, bull);
  server = await serve();
});

afterAll(async () => {
  await server?.close();
  await handles?.close();
  for (const o of opened) await o.close();
  connection?.disconnect();
  await redis?.stop();
});

const get = (path: string, cookie?: string) =>
  fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });

const signIn = (token: string, url = server.url) =>
  fetch(`${url}/admin/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ t: token }).toString(),
    redirect: "manual",
  });

/** Signs in with a fresh token for `adminId`; the session cookie to send back. */
async function session(adminId = ADMIN): Promise<string> {
  const res = await signIn(await sessions.issueLogin(adminId));
  expect(res.status).toBe(303);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

const queueNames = async (cookie: string) => {
  const res = await get("/admin/queues/api/queues", cookie);
  expect(res.status).toBe(200);
  return ((await res.json()) as { queues: Array<{ name: string }> }).queues.map((q) => q.name).sort();
};

describe("GIVEN no session", () => {
  it("WHEN the dashboard, its assets or its API are asked for THEN each is refused with how to sign in", async () => {
    for (const path of [
      "/admin/queues",
      "/admin/queues/",
      "/admin/queues/queue/settlement",
      "/admin/queues/api/queues",
      "/admin/queues/static/favicon-32x32.png",
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(401);
      expect(await res.text(), path).toContain("/admin and presses 📋 Queues");
    }
  });

  it("WHEN a forged session cookie is sent THEN it is refused", async () => {
    expect((await get("/admin/queues", `forge_admin=fas_${randomBytes(32).toString("base64url")}`)).status).toBe(401);
    expect((await get("/admin/queues", "forge_admin=anything")).status).toBe(401);
  });
});

describe("GIVEN a sign-in link", () => {
  it("WHEN it is opened (GET, as link previews do) THEN it only shows a button, and the token still works once", async () => {
    const token = await sessions.issueLogin(ADMIN);
    for (let i = 0; i < 2; i++) {
      const page = await get(`/admin/login?t=${token}`);
      expect(page.status).toBe(200);
      expect(page.headers.get("set-cookie")).toBeNull();
      expect(await page.text()).toContain(`name="t" value="${token}"`);
    }
    expect((await signIn(token)).status).toBe(303);
  });

  it("WHEN its token is real THEN one sign-in gives an HttpOnly, SameSite=Strict cookie, the dashboard, and its API lists every queue", async () => {
    const token = await sessions.issueLogin(ADMIN);
    const res = await signIn(token);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/queues");
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(
      /^forge_admin=fas_[A-Za-z0-9_-]{43}; Path=\/admin; Max-Age=43200; HttpOnly; SameSite=Strict$/,
    );
    const cookie = setCookie.split(";")[0]!;
    const board = await get("/admin/queues", cookie);
    expect(board.status).toBe(200);
    expect(board.headers.get("content-type")).toContain("text/html");
    expect(await board.text()).toContain("CLONES Forge");
    expect((await get("/admin/queues/static/favicon-32x32.png", cookie)).status).toBe(200);
    expect(await queueNames(cookie)).toEqual([...DECLARED, "notify-sweep-telegram"].sort());
    // Used up: the same link cannot sign in anyone else.
    const again = await signIn(token);
    expect(again.status).toBe(401);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await again.text()).toContain("already used, has expired");
  });

  it("WHEN its token is forged, malformed or missing THEN no session is opened", async () => {
    const forged = await signIn(`fal_${randomBytes(32).toString("base64url")}`);
    expect(forged.status).toBe(401);
    expect(forged.headers.get("set-cookie")).toBeNull();
    expect((await signIn("<script>")).status).toBe(400);
    expect((await get("/admin/login")).status).toBe(400);
  });

  it("WHEN it has expired THEN it is refused; tokens and sessions live in Redis with their TTLs", async () => {
    const token = await sessions.issueLogin(ADMIN);
    const [loginKey] = await connection.keys(`${sessionPrefix}login:*`);
    expect(await connection.ttl(loginKey!)).toBeGreaterThan(0);
    expect(await connection.ttl(loginKey!)).toBeLessThanOrEqual(600);
    await connection.pexpire(loginKey!, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await signIn(token)).status).toBe(401);
    await session();
    const [sessionKey] = await connection.keys(`${sessionPrefix}session:*`);
    expect(await connection.ttl(sessionKey!)).toBeGreaterThan(12 * 3600 - 60);
    expect(await connection.ttl(sessionKey!)).toBeLessThanOrEqual(12 * 3600);
    // Only hashes are keys: the token itself is nowhere in Redis.
    expect((await connection.keys(`${sessionPrefix}*`)).join(" ")).not.toContain(token.slice(4));
  });

  it("WHEN two sign-ins race with one token THEN exactly one gets a session", async () => {
    const token = await sessions.issueLogin(ADMIN);
    const statuses = (await Promise.all([signIn(token), signIn(token)])).map((r) => r.status).sort();
    expect(statuses).toEqual([303, 401]);
  });

  it("WHEN it was issued to someone who is not an admin THEN it is refused", async () => {
    const res = await signIn(await sessions.issueLogin("telegram:666"));
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});

describe("GIVEN a signed-in admin", () => {
  it("WHEN another server process (same Redis) is asked THEN the session works there too", async () => {
    const cookie = await session();
    const other = await serve(false, queueHandles(connection, DECLARED, bull));
    try {
      const res = await fetch(`${other.url}/admin/queues/api/queues`, { headers: { cookie } });
      expect(res.status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it("WHEN a queue appears after the server started THEN it is listed from the next sign-in", async () => {
    await queue("payouts-reconcile");
    expect(await queueNames(await session())).toContain("payouts-reconcile");
  });

  it("WHEN they try to retry or clean jobs THEN the dashboard refuses (read-only) and the job stays failed", async () => {
    const cookie = await session();
    const retry = await fetch(`${server.url}/admin/queues/api/queues/grading/retry/failed`, {
      method: "PUT",
      headers: { cookie },
    });
    expect(retry.status).toBe(405);
    const clean = await fetch(`${server.url}/admin/queues/api/queues/grading/clean/failed`, {
      method: "PUT",
      headers: { cookie },
    });
    expect(clean.status).toBe(405);
    expect(await (await queue("grading")).getJobState("g1")).toBe("failed");
  });

  it("WHEN they sign out THEN the session is over here and on every other server process, and the cookie is cleared", async () => {
    const cookie = await session();
    const other = await serve(false, queueHandles(connection, DECLARED, bull));
    try {
      const form = await get("/admin/logout", cookie);
      expect(await form.text()).toContain('action="/admin/logout"');
      expect((await get("/admin/queues", cookie)).status).toBe(200); // a GET (a link preview) signs nobody out
      const out = await fetch(`${server.url}/admin/logout`, { method: "POST", headers: { cookie } });
      expect(out.status).toBe(200);
      expect(out.headers.get("set-cookie")).toMatch(
        /^forge_admin=; Path=\/admin; Max-Age=0; HttpOnly; SameSite=Strict/,
      );
      expect((await get("/admin/queues", cookie)).status).toBe(401);
      expect((await fetch(`${other.url}/admin/queues`, { headers: { cookie } })).status).toBe(401);
      // Signing out twice, or without a session, is harmless.
      expect((await fetch(`${server.url}/admin/logout`, { method: "POST", headers: { cookie } })).status).toBe(200);
      expect((await fetch(`${server.url}/admin/logout`, { method: "POST" })).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it("WHEN they are removed from ADMIN_IDS THEN their session no longer opens the dashboard", async () => {
    admins.add("telegram:7");
    const cookie = await session("telegram:7");
    expect((await get("/admin/queues", cookie)).status).toBe(200);
    admins.delete("telegram:7");
    expect((await get("/admin/queues", cookie)).status).toBe(401);
  });
});

it("GIVEN the public URL is https THEN the session cookie is Secure", async () => {
  const secure = await serve(true);
  try {
    const res = await signIn(await sessions.issueLogin(ADMIN), secure.url);
    expect(res.headers.get("set-cookie")).toMatch(/; Secure$/);
  } finally {
    await secure.close();
  }
});
