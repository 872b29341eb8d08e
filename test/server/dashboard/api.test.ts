// The dashboard's API: Telegram launch data or a one-time Discord login becomes a session;
// forged, stale or spent ones do not; a session sees and acts on its own account's factories
// only, through the same core use cases as the bots' card.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../../core/accounts/account.js";
import type { Factory } from "../../../core/factories/factory.js";
import { USDC } from "../../support/scenario.js";
import { BOT_TOKEN, startDashboardRig, type DashboardRig } from "./harness.js";

let rig: DashboardRig;
let alice: Account;
let bob: Account;
let alicesLive: Factory;
let alicesPaused: Factory;
let bobs: Factory;

const post = (path: string, body: unknown, session?: string) =>
  fetch(`${rig.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(session ? { authorization: `Bearer ${session}` } : {}) },
    body: JSON.stringify(body),
  });
const get = (path: string, session?: string) =>
  fetch(`${rig.url}${path}`, { headers: session ? { authorization: `Bearer ${session}` } : {} });

const opened = new Map<number, string>();
/** A session for the Telegram user, opened once per file: sign-ins are rate-limited per address. */
async function sessionFor(telegramId: number): Promise<string> {
  const known = opened.get(telegramId);
  if (known) return known;
  const res = await post("/api/app/session", { initData: rig.initData(telegramId) });
  expect(res.status).toBe(200);
  const { session } = (await res.json()) as { session: string };
  opened.set(telegramId, session);
  return session;
}

const statusOf = async (f: Factory) => must(await rig.world.core.getFactoryOverview(f.id)).factory.status;
const poolOf = async (f: Factory) => must(await rig.world.core.getFactoryOverview(f.id)).available;
function must<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

beforeAll(async () => {
  rig = await startDashboardRig();
  alice = await rig.telegramPerson(1001, "es");
  bob = await rig.telegramPerson(2002);
  alicesLive = await rig.world.factory(alice, { name: "Alice sheets" });
  alicesPaused = await rig.world.factory(alice, { name: "Alice forms" });
  bobs = await rig.world.factory(bob, { name: "Bob secret factory" });
  await rig.world.fund(alicesPaused, USDC(12));
  await rig.world.fund(bobs, USDC(30));
  must(
    await rig.world.core.changeFactoryStatus({
      actor: { accountId: alice.id, isAdmin: false },
      factoryId: alicesPaused.id,
      action: "pause",
    }),
  );
});

afterAll(async () => rig?.close());

describe("signing in", () => {
  it("GIVEN launch data Telegram signed for a known user THEN a session in the account's language", async () => {
    const res = await post("/api/app/session", { initData: rig.initData(1001) });
    expect(res.status).toBe(200);
    expect(res.headers["get"]("cache-control")).toBe("no-store");
    const body = (await res.json()) as { session: string; expiresAt: string; locale: string };
    expect(body.session).toMatch(/^fms_/);
    expect(body.locale).toBe("es");
    const left = Date.parse(body.expiresAt) - Date.now();
    expect(left).toBeGreaterThan(59 * 60_000);
    expect(left).toBeLessThanOrEqual(60 * 60_000);
  });

  it("GIVEN launch data signed with another bot's token (a forged hash) THEN 401 and no session", async () => {
    const res = await post("/api/app/session", { initData: rig.initData(1001, { token: `${BOT_TOKEN}x` }) });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { code: string; session?: string };
    expect(body.code).toBe("INIT_DATA_INVALID");
    expect(body.session).toBeUndefined();
  });

  it("GIVEN valid launch data whose user was changed after signing THEN 401", async () => {
    const forged = new URLSearchParams(rig.initData(2002));
    forged.set("user", JSON.stringify({ id: 1001, first_name: "Alice" }));
    const res = await post("/api/app/session", { initData: forged.toString() });
    expect(res.status).toBe(401);
  });

  it("GIVEN launch data signed more than an hour ago THEN 401", async () => {
    const stale = rig.initData(1001, { authDate: new Date(Date.now() - 61 * 60_000) });
    const res = await post("/api/app/session", { initData: stale });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe("INIT_DATA_INVALID");
  });

  it("GIVEN a Telegram user who never opened the bot THEN 401 saying to open the bot first", async () => {
    const res = await post("/api/app/session", { initData: rig.initData(3003, { languageCode: "es" }) });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe("NO_ACCOUNT");
    expect(body.message).toMatch(/bot/);
  });

  it("GIVEN a one-time login from the Discord bot THEN it signs in once, then 401", async () => {
    const token = await rig.login(bob.id);
    const first = await post("/api/app/session", { login: token });
    expect(first.status).toBe(200);
    const { session } = (await first.json()) as { session: string };
    const list = (await (await get("/api/app/factories", session)).json()) as { factories: Array<{ id: string }> };
    expect(list.factories.map((f) => f.id)).toEqual([bobs.id]);
    const again = await post("/api/app/session", { login: token });
    expect(again.status).toBe(401);
    expect(((await again.json()) as { code: string }).code).toBe("LOGIN_SPENT");
  });

  it("GIVEN one login token redeemed by two requests at once THEN exactly one gets a session", async () => {
    const token = await rig.login(alice.id);
    const answers = await Promise.all([1, 2, 3].map(() => post("/api/app/session", { login: token })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401, 401]);
    // Stored by its hash only: the token itself is nowhere in Redis.
    const keys = await rig.redis.keys("*app:*");
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((k) => k.includes(token))).toBe(false);
  });

  it("GIVEN no session, a made-up one or a malformed header THEN nothing under /api/app answers", async () => {
    for (const session of [undefined, "fms_" + "A".repeat(43), "nonsense"]) {
      const res = await get("/api/app/factories", session);
      expect(res.status).toBe(401);
      const text = await res.text();
      expect(text).not.toContain("Alice");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect((await post(`/api/app/factories/${alicesLive.id}/pause`, {}, session)).status).toBe(401);
    }
    expect(await statusOf(alicesLive)).toBe("active");
  });

  it("GIVEN a malformed body THEN 400 with a JSON error", async () => {
    const res = await post("/api/app/session", { initData: 42 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("BAD_REQUEST");
  });
});

describe("a creator's factories", () => {
  it("GIVEN two creators THEN each sees only their own, with the card's numbers", async () => {
    const res = await get("/api/app/factories", await sessionFor(1001));
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { factories } = (await res.json()) as { factories: Array<Record<string, unknown>> };
    expect(factories.map((f) => f.name).sort()).toEqual(["Alice forms", "Alice sheets"]);
    const paused = factories.find((f) => f.id === alicesPaused.id)!;
    expect(paused).toMatchObject({ status: "paused", token: "USDC", available: "12", canWithdraw: true });
    expect(paused).toHaveProperty("threshold", alicesPaused.threshold);
    expect(paused).toHaveProperty("submissions", 0);
    expect(JSON.stringify(factories)).not.toContain("Bob");
  });

  it("GIVEN the owner THEN pause and resume change the factory in the core", async () => {
    const session = await sessionFor(1001);
    const paused = await post(`/api/app/factories/${alicesLive.id}/pause`, {}, session);
    expect(paused.status).toBe(200);
    expect(((await paused.json()) as { factory: { status: string } }).factory.status).toBe("paused");
    expect(await statusOf(alicesLive)).toBe("paused");
    const again = await post(`/api/app/factories/${alicesLive.id}/pause`, {}, session);
    expect(again.status).toBe(409);
    const refusal = (await again.json()) as { code: string; message: string };
    expect(refusal.code).toBe("FACTORY_STATUS_UNCHANGED");
    expect(refusal.message.length).toBeGreaterThan(5);
    expect((await post(`/api/app/factories/${alicesLive.id}/resume`, {}, session)).status).toBe(200);
    expect(await statusOf(alicesLive)).toBe("active");
  });

  it("GIVEN another creator's factory THEN every action is refused and nothing changes", async () => {
    const session = await sessionFor(1001);
    const before = { status: await statusOf(bobs), pool: await poolOf(bobs) };
    for (const [action, body] of [
      ["pause", {}],
      ["resume", {}],
      ["withdraw", { nonce: "abcdefgh" }],
      ["fund", { amount: "5" }],
    ] as const) {
      const res = await post(`/api/app/factories/${bobs.id}/${action}`, body, session);
      expect([403, 404]).toContain(res.status);
      expect(await res.text()).not.toContain("30");
    }
    expect(await statusOf(bobs)).toBe(before.status);
    expect(await poolOf(bobs)).toBe(before.pool);
    const unknown = await post(`/api/app/factories/no-such-factory/pause`, {}, session);
    expect(unknown.status).toBe(404);
  });

  it("GIVEN a paused funded factory WHEN withdraw is pressed twice with one nonce THEN it withdraws once", async () => {
    const session = await sessionFor(1001);
    const press = () => post(`/api/app/factories/${alicesPaused.id}/withdraw`, { nonce: "n0nce-one" }, session);
    const [a, b] = await Promise.all([press(), press()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const first = (await a.json()) as { withdrawn: { id: string; units: string }; factory: { available: string } };
    const second = (await b.json()) as { withdrawn: { id: string } };
    expect(second.withdrawn.id).toBe(first.withdrawn.id);
    expect(first.withdrawn.units).toBe(USDC(12).toString());
    expect(await poolOf(alicesPaused)).toBe(0n);
    // Nothing left: a fresh nonce finds an empty pool.
    const empty = await post(`/api/app/factories/${alicesPaused.id}/withdraw`, { nonce: "n0nce-two" }, session);
    expect(empty.status).toBe(409);
    expect(((await empty.json()) as { code: string }).code).toBe("INSUFFICIENT_FUNDS");
  });

  it("GIVEN a live factory WHEN withdraw THEN refused (pause first) and the pool is untouched", async () => {
    const session = await sessionFor(1001);
    await rig.world.fund(alicesLive, USDC(3));
    const res = await post(`/api/app/factories/${alicesLive.id}/withdraw`, { nonce: "n0nce-live" }, session);
    expect(res.status).toBe(409);
    expect(await poolOf(alicesLive)).toBe(USDC(3));
  });

  it("GIVEN an amount as typed THEN fund answers the Solana Pay URL and its QR as a PNG", async () => {
    const session = await sessionFor(1001);
    const res = await post(`/api/app/factories/${alicesLive.id}/fund`, { amount: "2,5" }, session);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { url: string; qr: string; expiresAt: string };
    expect(body.url).toMatch(/^solana:/);
    expect(new URL(body.url.replace(/^solana:/, "https://x/")).searchParams.get("amount")).toBe("2.5");
    const png = Buffer.from(body.qr.replace(/^data:image\/png;base64,/, ""), "base64");
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(rig.world.deps.clock.now().getTime());
    const bad = await post(`/api/app/factories/${alicesLive.id}/fund`, { amount: "lots" }, session);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe("AMOUNT_INVALID");
  });
});

describe("a factory's insights", () => {
  it("GIVEN graded recordings THEN the owner gets scores, days, pool and the best and worst with keyframes", async () => {
    const f = await rig.world.factory(alice, { name: "Alice insights", threshold: 60 });
    await rig.world.fund(f, USDC(20));
    const best = await rig.gradedRecording(f, 97, 6);
    const worst = await rig.gradedRecording(f, 23, 2);
    await rig.gradedRecording(f, 75, 1);
    await rig.gradedRecording(f, 64, 1);
    const session = await sessionFor(1001);
    const res = await get(`/api/app/factories/${f.id}/insights`, session);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as {
      days: string[];
      scoreBins: number[];
      threshold: number;
      submissions: Record<string, number[]>;
      pool: Array<{ at: string; amount: string }>;
      best: Array<{ recordingId: string; score: number; keyframes: number[] }>;
      worst: Array<{ recordingId: string; score: number; keyframes: number[] }>;
    };
    expect(body.days).toHaveLength(30);
    expect(body.scoreBins).toHaveLength(10);
    expect(body.scoreBins.reduce((a, b) => a + b, 0)).toBe(4);
    expect(body.scoreBins[9]).toBe(1);
    expect(body.threshold).toBe(60);
    expect(body.submissions.passed!.at(-1)).toBe(3);
    expect(body.submissions.failed!.at(-1)).toBe(1);
    const card = must(await rig.world.core.getFactoryOverview(f.id));
    expect(body.pool.at(-1)!.amount).toBe(String(Number(card.available) / 1e6));
    expect(body.best[0]).toMatchObject({ recordingId: best, score: 97 });
    // Six keyframes: four shown, spread over the recording, first and last included.
    expect(body.best[0]!.keyframes).toEqual([0, 2, 3, 5]);
    // Three best; the worst are the rest (a recording is in one list only).
    expect(body.best.map((r) => r.score)).toEqual([97, 75, 64]);
    expect(body.worst.map((r) => r.recordingId)).toEqual([worst]);
    const frame = await get(`/api/app/recordings/${best}/keyframes/5`, session);
    expect(frame.status).toBe(200);
    expect(frame.headers.get("content-type")).toBe("image/png");
    const bytes = Buffer.from(await frame.arrayBuffer());
    const stored = await rig.storage.get(`recordings/${best.toLowerCase()}/frames/frame-5.png`);
    const chunks: Buffer[] = [];
    for await (const c of stored!) chunks.push(c as Buffer);
    expect(bytes.equals(Buffer.concat(chunks))).toBe(true);
    expect((await get(`/api/app/recordings/${best}/keyframes/6`, session)).status).toBe(404);
  });

  it("GIVEN another creator THEN neither the insights nor the keyframes are theirs to see", async () => {
    const recording = await rig.gradedRecording(bobs, 88, 2);
    const session = await sessionFor(1001);
    const insights = await get(`/api/app/factories/${bobs.id}/insights`, session);
    expect([403, 404]).toContain(insights.status);
    expect(await insights.text()).not.toContain(recording);
    const frame = await get(`/api/app/recordings/${recording}/keyframes/0`, session);
    expect([403, 404]).toContain(frame.status);
    expect(frame.headers.get("content-type")).toMatch(/json/);
    expect((await get(`/api/app/recordings/${recording}/keyframes/0`)).status).toBe(401);
    expect((await get(`/api/app/recordings/no-such/keyframes/0`, session)).status).toBe(404);
  });
});

describe("payments off", () => {
  it("GIVEN no payments port THEN fund answers a clear message naming TREASURY_ADDRESS", async () => {
    const off = await startDashboardRig({ payments: false });
    try {
      const carol = await off.telegramPerson(4004);
      const f = await off.world.factory(carol);
      const signedIn = await fetch(`${off.url}/api/app/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ initData: off.initData(4004) }),
      });
      const { session } = (await signedIn.json()) as { session: string };
      const res = await fetch(`${off.url}/api/app/factories/${f.id}/fund`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${session}` },
        body: JSON.stringify({ amount: "5" }),
      });
      expect(res.status).toBe(503);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe("PAYMENTS_NOT_CONFIGURED");
      expect(body.message).toContain("TREASURY_ADDRESS");
    } finally {
      await off.close();
    }
  });
});

describe("the page", () => {
  it("GIVEN GET /app THEN a small HTML page with a strict CSP that loads nothing else to work", async () => {
    const res = await get("/app");
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).not.toContain("unsafe-inline");
    const html = await res.text();
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(Buffer.byteLength(html)).toBeLessThan(24 * 1024);
  });
});

describe("rate limit", () => {
  it("GIVEN many sign-ins from one address within a minute THEN 429 with Retry-After", async () => {
    let last: Response | undefined;
    for (let i = 0; i < 25; i++) {
      last = await post("/api/app/session", { initData: "user=%7B%7D&hash=00" });
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
