// A bounded load test on loopback: slow clients (headers a line at a time, bodies a byte at a
// time) are cut by the server within its timeouts while an honest upload completes, and
// connections over the cap are refused. Small timeouts are injected; nothing here is timed.
import { writeFile } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer, type HttpLimits } from "../../server/http-server.js";
import { uploadWithCode } from "../support/recorder-upload.js";
import { recordingEntries, sha256, zipOf } from "./uploads/archive-builder.js";
import { postJson, startUploadHarness, type Harness } from "./uploads/upload-harness.js";

const LIMITS: Partial<HttpLimits> = {
  headersTimeoutMs: 300,
  bodyTimeoutMs: 300,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 300,
  timeoutCheckMs: 50,
};
const CHUNK = 16 * 1024;

/** A raw connection that sends `start`, then `drip` every 50 ms until the server closes it. */
function slowClient(port: number, start: string, drip: string): { socket: Socket; cut: Promise<string> } {
  const socket = connect(port, "127.0.0.1");
  let answer = "";
  socket.on("data", (d) => (answer += d.toString()));
  socket.on("error", () => undefined);
  socket.write(start);
  const dripping = setInterval(() => socket.writable && socket.write(drip), 50);
  const cut = new Promise<string>((resolve) =>
    socket.on("close", () => {
      clearInterval(dripping);
      resolve(answer.split("\r\n")[0] ?? "");
    }),
  );
  return { socket, cut };
}

/** What settled within `ms` (all of them, as soon as they have): a bound for the test, not a measurement. */
const settledWithin = <T>(promises: Array<Promise<T>>, ms: number) =>
  new Promise<T[]>((resolve) => {
    const done: T[] = [];
    const timer = setTimeout(() => resolve(done), ms);
    for (const p of promises)
      void p.then((v) => {
        if (done.push(v) < promises.length) return;
        clearTimeout(timer);
        resolve(done);
      });
  });

describe("GIVEN a server with small timeouts", () => {
  let h: Harness;
  let port: number;
  beforeAll(async () => {
    h = await startUploadHarness(
      { chunkSize: CHUNK, maxUploadBytes: 1024 * 1024, minChunkBytesPerSecond: 64 * 1024, chunkGraceMs: 300 },
      undefined,
      { limits: { ...LIMITS, maxConnections: 200 } },
    );
    port = Number(new URL(h.url).port);
  });
  afterAll(() => h.close());

  const json = (path: string, body: unknown, token?: string) => postJson(h.url, path, body, token);

  it("WHEN 30 clients trickle headers and bodies THEN an honest upload still completes and the server cuts all 30", async () => {
    const video = Buffer.alloc(60 * 1024, 9);
    const zip = await zipOf([{ name: "recording.mp4", data: video, compress: false }, ...recordingEntries().slice(1)]);
    const file = join(h.sandbox, "honest.zip");
    await writeFile(file, zip);
    // Chunk tricklers hold real upload tokens, one person each (the per-person cap is not what is tested).
    const uploads = [];
    for (let i = 0; i < 10; i++) {
      const { deviceToken } = await json("/api/recorder/login", { code: h.issueCode(`slow-${i}`) });
      const body = { factoryId: "f1", taskId: "t1", size: zip.length, sha256: sha256(zip) };
      uploads.push(await json("/api/uploads", body, deviceToken));
    }
    const slow = [
      ...Array.from({ length: 10 }, () =>
        slowClient(port, "POST /api/recorder/login HTTP/1.1\r\nHost: forge\r\n", "X-Slow: 1\r\n"),
      ),
      ...Array.from({ length: 10 }, () =>
        slowClient(
          port,
          "POST /api/recorder/login HTTP/1.1\r\nHost: forge\r\nContent-Type: application/json\r\nContent-Length: 900\r\n\r\n{",
          " ",
        ),
      ),
      ...uploads.map((up) =>
        slowClient(
          port,
          `PUT /api/uploads/${up.uploadId}/chunks/0 HTTP/1.1\r\nHost: forge\r\nAuthorization: Bearer ${up.uploadToken}\r\n` +
            `X-Chunk-Sha256: ${"a".repeat(64)}\r\nContent-Length: ${CHUNK}\r\n\r\n`,
          "z",
        ),
      ),
    ];

    const honest = await uploadWithCode(h.url, { code: h.issueCode("honest"), zip: file });
    expect(honest.recordingId).toBe(`rec-${h.accepted.length}`);
    expect(h.accepted.at(-1)?.video.equals(video)).toBe(true);

    const cut = await settledWithin(
      slow.map((c) => c.cut),
      5_000,
    );
    slow.forEach((c) => c.socket.destroy());
    expect(cut).toHaveLength(30);
    // Slow headers are answered 408 by Node; a trickled body's connection is just closed.
    expect(cut.filter((line) => line.startsWith("HTTP/1.1 408")).length).toBeGreaterThanOrEqual(10);
    expect(cut.filter((line) => line.startsWith("HTTP/1.1 2"))).toEqual([]);
  });
});

describe("GIVEN a server with a cap of 4 connections", () => {
  it("WHEN 4 are held open THEN a fifth is closed unanswered, and once they are gone requests are served", async () => {
    const server = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      checks: {},
      metrics: async () => ({ contentType: "text/plain", body: "" }),
      onError: () => undefined,
      limits: { ...LIMITS, headersTimeoutMs: 60_000, requestTimeoutMs: 60_000, maxConnections: 4 },
    });
    const port = Number(new URL(server.url).port);
    try {
      const holders = Array.from({ length: 4 }, () => slowClient(port, "GET /healthz HTTP/1.1\r\n", ""));
      await Promise.all(holders.map((c) => new Promise((r) => c.socket.once("connect", r))));
      await new Promise((r) => setTimeout(r, 50)); // the server accepts them
      const fifth = slowClient(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", "");
      expect(await settledWithin([fifth.cut], 5_000)).toEqual([""]);
      holders.forEach((c) => c.socket.destroy());
      await Promise.all(holders.map((c) => c.cut));
      await new Promise((r) => setTimeout(r, 50)); // the server sees them go
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
