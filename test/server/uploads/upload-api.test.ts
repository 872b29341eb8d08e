// The upload API over real HTTP: pairing, chunked upload, resume, completion and every refusal.
import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { readdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeExpiredUploads } from "../../../server/uploads/purge-expired-uploads.js";
import { deflatedZeros, rawZipOf, recordingEntries, renameBytes, sha256, stored, zipOf } from "./archive-builder.js";
import { startUploadHarness, type Harness } from "./upload-harness.js";

const CHUNK = 4096;
let h: Harness;
let archive: Buffer;
let video: Buffer;
beforeAll(async () => {
  h = await startUploadHarness({ chunkSize: CHUNK, maxUploadBytes: 64 * 1024 });
  video = randomBytes(18_000);
  archive = await zipOf([{ name: "recording.mp4", data: video, compress: false }, ...recordingEntries().slice(1)]);
});
afterAll(() => h.close());

type Reply = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(
  method: string,
  path: string,
  o: { token?: string; json?: unknown; body?: Buffer; sha?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.json !== undefined) headers["content-type"] = "application/json";
  if (o.sha) headers["x-chunk-sha256"] = o.sha;
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers,
    body: o.body ?? (o.json === undefined ? undefined : JSON.stringify(o.json)),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const login = async (account = "acc-1"): Promise<string> => {
  const r = await call("POST", "/api/recorder/login", { json: { code: h.issueCode(account) } });
  expect(r.status).toBe(200);
  return r.body.deviceToken as string;
};

interface Opened {
  uploadId: string;
  uploadToken: string;
  chunkCount: number;
}
const open = async (device: string, file = archive, over: Record<string, unknown> = {}): Promise<Opened> => {
  const r = await call("POST", "/api/uploads", {
    token: device,
    json: { factoryId: "f1", taskId: "t1", size: file.length, sha256: sha256(file), ...over },
  });
  expect(r.status).toBe(201);
  return r.body as Opened;
};
const chunkOf = (file: Buffer, i: number) => file.subarray(i * CHUNK, (i + 1) * CHUNK);
const put = (up: Opened, i: number, data: Buffer, sha = sha256(data)) =>
  call("PUT", `/api/uploads/${up.uploadId}/chunks/${i}`, { token: up.uploadToken, body: data, sha });
const sendAll = async (up: Opened, file = archive) => {
  for (let i = up.chunkCount - 1; i >= 0; i--) expect((await put(up, i, chunkOf(file, i))).status).toBe(204);
};
const status = (up: Opened, token = up.uploadToken) => call("GET", `/api/uploads/${up.uploadId}`, { token });
const complete = (up: Opened, token = up.uploadToken) =>
  call("POST", `/api/uploads/${up.uploadId}/complete`, { token });
const filesUnder = async (dir: string) =>
  (await readdir(dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name);

describe("GIVEN a paired recorder", () => {
  it("WHEN it uploads a recording in chunks and completes THEN the intake gets it and nothing is left behind", async () => {
    const paired = await call("POST", "/api/recorder/login", { json: { code: h.issueCode("acc-1") } });
    expect(paired.body).toMatchObject({
      accountId: "acc-1",
      factoryId: "f1",
      taskId: "t1",
      factoryName: "Editors",
      taskTitle: "Open gedit",
    });
    const up = await open(paired.body.deviceToken);
    expect(up).toMatchObject({ chunkSize: CHUNK, chunkCount: Math.ceil(archive.length / CHUNK) });
    await sendAll(up);
    expect((await status(up)).body).toMatchObject({ status: "open", received: [0, 1, 2, 3, 4], size: archive.length });
    const done = await complete(up);
    expect(done).toEqual({ status: 200, body: { recordingId: expect.stringMatching(/^rec-/), status: "accepted" } });
    const got = h.accepted.find((a) => a.uploadId === up.uploadId)!;
    expect(got.accountId).toBe("acc-1");
    expect(got.video.equals(video)).toBe(true);
    expect((await status(up)).body).toMatchObject({ status: "completed", recordingId: done.body.recordingId });
    expect(await h.deps.storage.list(`uploads/${up.uploadId}/`)).toEqual([]);
    expect(await readdir(h.work)).toEqual([]);
    const secrets = [paired.body.deviceToken, up.uploadToken];
    expect(secrets.some((s) => JSON.stringify(h.logs).includes(s))).toBe(false);
  });

  it("WHEN the connection drops in the middle of a chunk THEN status shows what arrived and the upload resumes", async () => {
    const up = await open(await login());
    expect((await put(up, 0, chunkOf(archive, 0))).status).toBe(204);
    await dropMidChunk(up, 1, chunkOf(archive, 1));
    expect((await status(up)).body.received).toEqual([0]);
    for (let i = 1; i < up.chunkCount; i++) expect((await put(up, i, chunkOf(archive, i))).status).toBe(204);
    expect((await put(up, 2, chunkOf(archive, 2))).status).toBe(204); // a re-sent chunk is harmless
    expect((await complete(up)).status).toBe(200);
  });

  it("WHEN a chunk arrives slowly THEN its bytes reach storage as they come, not once the whole chunk is in memory", async () => {
    const up = await open(await login());
    const data = chunkOf(archive, 0);
    const before = h.bytesStored();
    const req = request(`${h.url}/api/uploads/${up.uploadId}/chunks/0`, {
      method: "PUT",
      headers: { authorization: `Bearer ${up.uploadToken}`, "x-chunk-sha256": sha256(data), "content-length": CHUNK },
    });
    const answered = new Promise<number>((resolve) =>
      req.on("response", (res) => (res.resume(), resolve(res.statusCode!))),
    );
    req.write(data.subarray(0, CHUNK / 2));
    // The checker holds its latest read back until the sha256 is known: a byte at a time after
    // the first half pushes that half on to storage, long before the chunk ends.
    let sent = CHUNK / 2;
    await until(() => {
      if (h.bytesStored() - before >= CHUNK / 2) return true;
      if (sent < CHUNK - 1) req.write(data.subarray(sent, ++sent));
      return false;
    }, "the first half to reach storage");
    expect(sent).toBeLessThan(CHUNK - 1);
    req.end(data.subarray(sent));
    expect(await answered).toBe(204);
    expect((await status(up)).body.received).toEqual([0]);
  });

  it("WHEN the pairing code is used a second time THEN it is refused", async () => {
    const code = h.issueCode("acc-1");
    expect((await call("POST", "/api/recorder/login", { json: { code } })).status).toBe(200);
    const again = await call("POST", "/api/recorder/login", { json: { code } });
    expect(again).toMatchObject({ status: 401, body: { error: { code: "UPLOAD_PAIRING_INVALID" } } });
  });
});

describe("GIVEN tokens that are not the right ones", () => {
  it("WHEN an upload is opened without a device token, with an upload token or garbage THEN it is refused", async () => {
    const up = await open(await login());
    const body = { factoryId: "f1", taskId: "t1", size: 10, sha256: "a".repeat(64) };
    for (const token of [undefined, up.uploadToken, "fdt_" + "x".repeat(43), "garbage"])
      expect(await call("POST", "/api/uploads", { token, json: body })).toMatchObject({
        status: 401,
        body: { error: { code: "UPLOAD_UNAUTHORIZED" } },
      });
  });

  it("WHEN someone uses their own upload token on another person's upload THEN nothing is revealed or changed", async () => {
    const mine = await open(await login("acc-1"));
    const theirs = await open(await login("acc-2"));
    const data = chunkOf(archive, 0);
    for (const r of [
      await put({ ...mine, uploadToken: theirs.uploadToken }, 0, data),
      await status(mine, theirs.uploadToken),
      await complete(mine, theirs.uploadToken),
      await call("DELETE", `/api/uploads/${mine.uploadId}`, { token: theirs.uploadToken }),
      await status(mine, "fut_" + "A".repeat(43)),
    ])
      expect(r).toMatchObject({ status: 401, body: { error: { code: "UPLOAD_UNAUTHORIZED" } } });
    expect((await status(mine)).body).toMatchObject({ status: "open", received: [] });
  });

  it("WHEN a completed upload's token is reused THEN chunks, complete and cancel are refused", async () => {
    const up = await open(await login());
    await sendAll(up);
    expect((await complete(up)).status).toBe(200);
    for (const r of [
      await put(up, 0, chunkOf(archive, 0)),
      await complete(up),
      await call("DELETE", `/api/uploads/${up.uploadId}`, { token: up.uploadToken }),
    ])
      expect(r).toMatchObject({ status: 409, body: { error: { code: "UPLOAD_NOT_OPEN" } } });
  });

  it("WHEN an upload outlives its 24 hours THEN it is refused, shown expired, and the purge frees its chunks", async () => {
    const up = await open(await login());
    await put(up, 0, chunkOf(archive, 0));
    h.advance(24 * 3600_000 + 1);
    expect(await put(up, 1, chunkOf(archive, 1))).toMatchObject({
      status: 410,
      body: { error: { code: "UPLOAD_EXPIRED" } },
    });
    expect(await complete(up)).toMatchObject({ status: 410 });
    expect((await status(up)).body.status).toBe("expired");
    expect(await purgeExpiredUploads(h.deps.repo, h.deps.storage, h.deps.now())).toBeGreaterThanOrEqual(1);
    expect(await h.deps.storage.list(`uploads/${up.uploadId}/`)).toEqual([]);
    expect((await h.deps.repo.findUpload(up.uploadId))?.status).toBe("expired");
  });

  it("WHEN a complete is still running at the deadline THEN the purge leaves its chunks, until it is an hour stuck", async () => {
    const up = await open(await login());
    await put(up, 0, chunkOf(archive, 0));
    expect(await h.deps.repo.transition(up.uploadId, ["open"], "completing")).toBe(true);
    h.advance(24 * 3600_000 + 1);
    await purgeExpiredUploads(h.deps.repo, h.deps.storage, h.deps.now());
    expect((await h.deps.repo.findUpload(up.uploadId))?.status).toBe("completing");
    expect(await h.deps.storage.list(`uploads/${up.uploadId}/`)).not.toEqual([]);
    h.advance(3600_000);
    await purgeExpiredUploads(h.deps.repo, h.deps.storage, h.deps.now());
    expect((await h.deps.repo.findUpload(up.uploadId))?.status).toBe("expired");
    expect(await h.deps.storage.list(`uploads/${up.uploadId}/`)).toEqual([]);
  });
});

describe("GIVEN a person with uploads in progress", () => {
  it("WHEN they open a sixth at once THEN it is refused until one is finished or cancelled", async () => {
    const device = await login("acc-quota");
    const opened = [];
    for (let i = 0; i < 5; i++) opened.push(await open(device));
    const refused = await call("POST", "/api/uploads", {
      token: device,
      json: { factoryId: "f1", taskId: "t1", size: archive.length, sha256: sha256(archive) },
    });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "UPLOAD_TOO_MANY_OPEN" } } });
    expect(refused.body.error.message).toContain("finish or cancel one first");
    const cancelled = await call("DELETE", `/api/uploads/${opened[0]!.uploadId}`, { token: opened[0]!.uploadToken });
    expect(cancelled.status).toBe(204);
    await open(device);
    await open(await login("acc-other")); // others are not affected
  });
});

describe("GIVEN bad chunks and bad requests", () => {
  it("WHEN a chunk's bytes, size or index are wrong THEN each is refused with its own code", async () => {
    const up = await open(await login());
    const data = chunkOf(archive, 0);
    const cases: Array<[Promise<Reply>, number, string]> = [
      [put(up, 0, data, sha256(Buffer.from("other"))), 422, "UPLOAD_CHUNK_CHECKSUM"],
      [put(up, 0, data.subarray(1)), 422, "UPLOAD_CHUNK_SIZE"],
      [put(up, 0, Buffer.concat([data, Buffer.alloc(10)])), 422, "UPLOAD_CHUNK_SIZE"],
      [put(up, up.chunkCount, data), 422, "UPLOAD_CHUNK_INDEX"],
      [
        call("PUT", `/api/uploads/${up.uploadId}/chunks/x1`, { token: up.uploadToken, body: data, sha: sha256(data) }),
        422,
        "UPLOAD_CHUNK_INDEX",
      ],
      [
        call("PUT", `/api/uploads/${up.uploadId}/chunks/0`, { token: up.uploadToken, body: data }),
        400,
        "UPLOAD_BAD_REQUEST",
      ],
      [call("GET", `/api/uploads/not-a-uuid`, { token: up.uploadToken }), 404, "UPLOAD_NOT_FOUND"],
    ];
    for (const [reply, code, name] of cases)
      expect(await reply).toMatchObject({ status: code, body: { error: { code: name } } });
    expect((await status(up)).body.received).toEqual([]);
    expect(await h.deps.storage.list(`uploads/${up.uploadId}/`)).toEqual([]);
  });

  it("WHEN a chunk is refused before its body is read THEN the answer comes at once and the connection closes", async () => {
    const up = await open(await login());
    // Headers only: a server that read the body first would wait for 4 KiB that never come.
    const refused = await new Promise<{ status: number; connection: string | undefined; body: string }>((resolve) => {
      const req = request(`${h.url}/api/uploads/${up.uploadId}/chunks/0`, {
        method: "PUT",
        headers: {
          authorization: "Bearer fut_" + "A".repeat(43),
          "x-chunk-sha256": "a".repeat(64),
          "content-length": CHUNK,
        },
      });
      req.on("error", () => undefined);
      req.on("response", (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
      });
      req.flushHeaders();
    });
    expect(refused).toMatchObject({ status: 401, connection: "close" });
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "UPLOAD_UNAUTHORIZED" } });
  });

  it("WHEN a JSON body comes as another type, or is not JSON THEN it is refused in the API's shape", async () => {
    const device = await login();
    const asText = await fetch(`${h.url}/api/uploads`, {
      method: "POST",
      headers: { authorization: `Bearer ${device}`, "content-type": "text/plain" },
      body: "{}",
    });
    expect({ status: asText.status, body: await asText.json() }).toMatchObject({
      status: 415,
      body: { error: { code: "UPLOAD_BAD_REQUEST", message: expect.stringContaining("application/json") } },
    });
    const broken = await fetch(`${h.url}/api/recorder/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect({ status: broken.status, body: await broken.json() }).toEqual({
      status: 400,
      body: { error: { code: "UPLOAD_BAD_REQUEST", message: "The request body is not valid JSON." } },
    });
  });

  it("WHEN an upload is too large, for a closed or unknown task, or malformed THEN it is not opened", async () => {
    const device = await login();
    const body = { factoryId: "f1", taskId: "t1", size: 100, sha256: "a".repeat(64) };
    const cases: Array<[unknown, number, string]> = [
      [{ ...body, size: 64 * 1024 + 1 }, 413, "UPLOAD_TOO_LARGE"],
      [{ ...body, taskId: "closed" }, 409, "UPLOAD_TASK_CLOSED"],
      [{ ...body, factoryId: "f9" }, 404, "UPLOAD_TASK_NOT_FOUND"],
      [{ ...body, size: -1 }, 400, "UPLOAD_BAD_REQUEST"],
      [{ ...body, sha256: "zz" }, 400, "UPLOAD_BAD_REQUEST"],
      [{ ...body, extra: 1 }, 400, "UPLOAD_BAD_REQUEST"],
      [{ ...body, pad: "x".repeat(20_000) }, 413, "UPLOAD_BAD_REQUEST"],
    ];
    for (const [json, code, name] of cases)
      expect(await call("POST", "/api/uploads", { token: device, json })).toMatchObject({
        status: code,
        body: { error: { code: name } },
      });
  });

  it("WHEN complete comes before every chunk THEN it says which is missing and the upload stays open", async () => {
    const up = await open(await login());
    await put(up, 0, chunkOf(archive, 0));
    expect(await complete(up)).toMatchObject({
      status: 409,
      body: { error: { code: "UPLOAD_INCOMPLETE", message: expect.stringMatching(/first #1/) } },
    });
    expect((await status(up)).body.status).toBe("open");
  });

  it("WHEN the whole file's checksum differs from the declared one THEN complete cancels the upload", async () => {
    const up = await open(await login(), archive, { sha256: sha256(Buffer.from("something else")) });
    await sendAll(up);
    expect(await complete(up)).toMatchObject({ status: 422, body: { error: { code: "UPLOAD_CHECKSUM" } } });
    expect((await status(up)).body.status).toBe("cancelled");
    expect(await h.deps.storage.list(`uploads/${up.uploadId}/`)).toEqual([]);
  });

  it("WHEN the archive is hostile THEN complete refuses it and nothing is written outside the work folder", async () => {
    const evil = renameBytes(
      await zipOf([...recordingEntries(), { name: "Q9/evil", data: "pwned" }]),
      "Q9/evil",
      "../evil",
    );
    const up = await open(await login(), evil);
    await sendAll(up, evil);
    const before = await filesUnder(h.sandbox);
    expect(await complete(up)).toMatchObject({ status: 422, body: { error: { code: "ARCHIVE_UNSAFE_PATH" } } });
    expect((await filesUnder(h.sandbox)).filter((f) => !before.includes(f))).toEqual([]);
    expect(await readdir(h.work)).toEqual([]);
  });

  it.each([
    ["says so", undefined, "ARCHIVE_ENTRY_TOO_LARGE"],
    ["claims 4 KiB", 4096, "ARCHIVE_SIZE_MISMATCH"],
  ])(
    "WHEN a valid recording comes with a 32 MiB zip bomb named notes.bin whose header %s THEN complete refuses it and the intake never sees it",
    async (_claim, size, code) => {
      const bomb = { ...deflatedZeros(32), name: "notes.bin", ...(size === undefined ? {} : { size }) };
      const file = rawZipOf([...recordingEntries().map(stored), bomb]);
      const up = await open(await login(), file);
      await sendAll(up, file);
      const accepted = h.accepted.length;
      expect(await complete(up)).toMatchObject({ status: 422, body: { error: { code } } });
      expect(h.accepted.length).toBe(accepted);
      expect((await status(up)).body.status).toBe("cancelled");
      expect(await readdir(h.work)).toEqual([]);
    },
  );
});

describe("GIVEN a complete upload", () => {
  it("WHEN two completes race THEN exactly one is accepted and the intake runs once", async () => {
    const up = await open(await login());
    await sendAll(up);
    const before = h.accepted.length;
    let arrived = 0;
    let release = () => undefined as void;
    const bothThere = new Promise<void>((resolve) => (release = resolve));
    // Both requests pass every check before either claims the upload.
    h.beforeClaim = () => (++arrived === 2 && release(), bothThere);
    const replies = await Promise.all([complete(up), complete(up)]);
    h.beforeClaim = async () => undefined;
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(h.accepted.length).toBe(before + 1);
  });

  it("WHEN the intake fails for an infrastructure reason THEN the upload stays open and complete can be retried", async () => {
    const up = await open(await login());
    await sendAll(up);
    h.intakeBehaviour = async () => {
      throw new Error("storage unavailable");
    };
    expect((await complete(up)).status).toBe(500);
    expect((await status(up)).body.status).toBe("open");
    h.intakeBehaviour = async () => "read";
    expect((await complete(up)).status).toBe(200);
  });

  it("WHEN the intake refuses the recording THEN its code reaches the client and the upload is cancelled", async () => {
    const up = await open(await login());
    await sendAll(up);
    h.intakeBehaviour = async () => ({ ok: false, code: "RECORDING_DUPLICATE", message: "Already submitted." });
    expect(await complete(up)).toEqual({
      status: 422,
      body: { error: { code: "RECORDING_DUPLICATE", message: "Already submitted." } },
    });
    h.intakeBehaviour = async () => "read";
    expect((await status(up)).body.status).toBe("cancelled");
  });

  it("WHEN it is cancelled THEN its chunks are deleted and its token is spent", async () => {
    const up = await open(await login());
    await put(up, 0, chunkOf(archive, 0));
    expect((await call("DELETE", `/api/uploads/${up.uploadId}`, { token: up.uploadToken })).status).toBe(204);
    expect(await h.deps.storage.list(`uploads/${up.uploadId}/`)).toEqual([]);
    expect((await status(up)).body.status).toBe("cancelled");
    expect((await put(up, 0, chunkOf(archive, 0))).status).toBe(409);
  });
});

/** Polls `condition` until it holds; fails naming what never happened. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Sends half a chunk with a full Content-Length, then cuts the connection. */
function dropMidChunk(up: Opened, index: number, data: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const req = request(`${h.url}/api/uploads/${up.uploadId}/chunks/${index}`, {
      method: "PUT",
      headers: {
        authorization: `Bearer ${up.uploadToken}`,
        "x-chunk-sha256": sha256(data),
        "content-length": data.length,
      },
    });
    req.on("error", () => undefined);
    req.write(data.subarray(0, data.length / 2), () => setTimeout(() => (req.destroy(), setTimeout(resolve, 100)), 50));
  });
}
