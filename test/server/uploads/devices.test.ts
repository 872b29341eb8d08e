// Recorder devices over real HTTP: a label at login, expiry on inactivity, a use noted at most
// hourly, and logout that revokes the token for good.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEVICE_IDLE_MS, DEVICE_TOUCH_EVERY_MS } from "../../../server/uploads/authorize.js";
import { hashToken } from "../../../server/tokens.js";
import { startUploadHarness, type Harness } from "./upload-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startUploadHarness();
});
afterAll(() => h.close());

type Reply = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(method: string, path: string, o: { token?: string; json?: unknown } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.json !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers,
    body: o.json === undefined ? undefined : JSON.stringify(o.json),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const login = async (account: string, label?: string): Promise<string> => {
  const r = await call("POST", "/api/recorder/login", { json: { code: h.issueCode(account), label } });
  expect(r.status).toBe(200);
  return r.body.deviceToken as string;
};
/** Starts an upload, which needs a working device token: 201 when it works. */
const init = (token: string) =>
  call("POST", "/api/uploads", { token, json: { factoryId: "f1", taskId: "t1", size: 100, sha256: "a".repeat(64) } });

describe("recorder devices", () => {
  it("GIVEN a label with control and bidi characters THEN it is stored clean and short", async () => {
    const token = await login("acc-label", `evil\u202Ebox\u0007 ${"x".repeat(300)}`.slice(0, 200));
    const device = await h.deps.repo.findDevice(hashToken(token));
    expect(device?.label).toMatch(/^evil box x+$/);
    expect([...device!.label!].length).toBeLessThanOrEqual(48);
  });

  it("GIVEN a device WHEN it is unused for longer than the idle limit THEN it is refused as expired, asking to pair again", async () => {
    const token = await login("acc-idle");
    expect((await init(token)).status).toBe(201);
    h.advance(DEVICE_IDLE_MS + 60_000);
    const refused = await init(token);
    expect(refused).toMatchObject({ status: 401, body: { error: { code: "UPLOAD_DEVICE_EXPIRED" } } });
    expect(refused.body.error.message).toContain("forge login");
    // A fresh pairing works at once.
    expect((await init(await login("acc-idle"))).status).toBe(201);
  });

  it("GIVEN a device used regularly THEN it never expires, and its last use is written at most once an hour", async () => {
    const token = await login("acc-busy");
    for (let day = 0; day < 3; day++) {
      h.advance(DEVICE_IDLE_MS - 60_000);
      expect((await init(token)).status).toBe(201);
    }
    const noted = (await h.deps.repo.findDevice(hashToken(token)))!.lastUsedAt;
    h.advance(DEVICE_TOUCH_EVERY_MS / 2);
    expect((await init(token)).status).toBe(201);
    expect((await h.deps.repo.findDevice(hashToken(token)))!.lastUsedAt).toEqual(noted);
    h.advance(DEVICE_TOUCH_EVERY_MS);
    expect((await init(token)).status).toBe(201);
    expect((await h.deps.repo.findDevice(hashToken(token)))!.lastUsedAt!.getTime()).toBeGreaterThan(noted!.getTime());
  });

  it("GIVEN a device WHEN it logs out THEN its token is refused from then on, and a second logout is still fine", async () => {
    const token = await login("acc-out");
    const other = await login("acc-out");
    expect((await init(token)).status).toBe(201);
    expect(await call("POST", "/api/recorder/logout", { token })).toEqual({ status: 200, body: { revoked: true } });
    expect(await init(token)).toMatchObject({ status: 401, body: { error: { code: "UPLOAD_UNAUTHORIZED" } } });
    expect(await call("POST", "/api/recorder/logout", { token })).toEqual({ status: 200, body: { revoked: true } });
    // Only that recorder: the person's other one still works.
    expect((await init(other)).status).toBe(201);
  });

  it("GIVEN a token this server never issued WHEN it logs out THEN it is refused and nothing changes", async () => {
    const r = await call("POST", "/api/recorder/logout", { token: `fdt_${"A".repeat(43)}` });
    expect(r).toMatchObject({ status: 401, body: { error: { code: "UPLOAD_UNAUTHORIZED" } } });
    expect((await call("POST", "/api/recorder/logout", {})).status).toBe(401);
  });

  it("GIVEN a device revoked from the bot THEN the upload API refuses its token", async () => {
    const token = await login("acc-bot");
    const [device] = await h.deps.repo.listDevices("acc-bot");
    expect(await h.deps.repo.revokeDeviceById("acc-bot", device!.id, new Date())).toBe(true);
    expect(await init(token)).toMatchObject({ status: 401, body: { error: { code: "UPLOAD_UNAUTHORIZED" } } });
  });
});
