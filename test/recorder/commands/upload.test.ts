import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { upload } from "../../../recorder/commands/upload.js";
import { saveConfig } from "../../../recorder/home/forge-home.js";
import type { RetryPolicy } from "../../../recorder/upload/send-chunk.js";
import { buildRecording, eventAt, tempHome, testContext } from "../recording-builder.js";
import { DEVICE_TOKEN, startFakeUploadServer } from "../upload/fake-upload-server.js";

const FAST_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 1, sleep: async () => {} };
const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

let server: Awaited<ReturnType<typeof startFakeUploadServer>>;
beforeEach(async () => {
  server = await startFakeUploadServer(16 * 1024);
});
afterEach(async () => server.close());

async function pairedRecording() {
  const home = await tempHome();
  await saveConfig(home, { server: server.url, deviceToken: DEVICE_TOKEN, factoryId: "factory-1", taskId: "task-1" });
  const events = Array.from({ length: 200 }, (_, i) => eventAt(i * 10, "mousemove", { x: i, y: i }));
  const recording = await buildRecording(home, { seconds: 3, events });
  return { home, ...recording, ...testContext(home) };
}

describe("forge upload", () => {
  it("GIVEN a paired recorder THEN the zip goes up in chunks with correct checksums and the server's verdict is printed", async () => {
    const { ctx, io, id, paths } = await pairedRecording();
    await upload({ command: "upload", id }, ctx, FAST_RETRY);

    const [created] = [...server.uploads.values()];
    expect(created?.chunkCount).toBeGreaterThanOrEqual(3);
    expect(server.chunkRequests.map((r) => r.index)).toEqual([...Array(created?.chunkCount).keys()]);
    expect(server.chunkRequests.every((r) => r.outcome === "stored")).toBe(true);
    expect(io.lines.at(-1)).toMatch(/^Uploaded 20250101-120000-test: recording rec-\w+ accepted/);
    expect(JSON.parse(await readFile(paths.uploaded, "utf8"))).toMatchObject({ status: "accepted" });
    await expect(stat(paths.uploadState)).rejects.toThrow();
    expect(io.statuses.at(-1)).toMatch(/^\[#+\] 100%/);
  });

  it("GIVEN the connection drops in the middle of a chunk THEN that chunk alone is retried and the upload completes", async () => {
    const { ctx, id } = await pairedRecording();
    server.faults.dropChunk.set(1, 1);
    await upload({ command: "upload", id }, ctx, FAST_RETRY);

    const chunk1 = server.chunkRequests.filter((r) => r.index === 1).map((r) => r.outcome);
    expect(chunk1).toEqual(["dropped", "stored"]);
    const [created] = [...server.uploads.values()];
    expect(created?.status).toBe("completed");
  });

  it("GIVEN a chunk keeps failing THEN the command stops with a resume hint AND a re-run sends only the missing chunks", async () => {
    const { ctx, id, paths } = await pairedRecording();
    server.faults.dropChunk.set(2, FAST_RETRY.attempts);
    await expect(upload({ command: "upload", id }, ctx, FAST_RETRY)).rejects.toMatchObject({
      kind: "environment",
      message: expect.stringContaining(`Run forge upload ${id} again to resume`),
    });
    const firstRun = server.chunkRequests.length;
    expect(server.chunkRequests.filter((r) => r.outcome === "stored").map((r) => r.index)).toEqual([0, 1]);
    expect(JSON.parse(await readFile(paths.uploadState, "utf8"))).toHaveProperty("uploadId");

    const second = testContext(ctx.home);
    await upload({ command: "upload", id }, second.ctx, FAST_RETRY);

    const [created] = [...server.uploads.values()];
    expect(server.uploads.size).toBe(1); // resumed, not restarted
    expect(server.statusRequests).toEqual([created?.id]);
    const resent = server.chunkRequests.slice(firstRun).map((r) => r.index);
    expect(resent).toEqual([...Array(created?.chunkCount).keys()].filter((i) => i >= 2));
    expect(second.io.errors.join("\n")).toContain(`Resuming: 2/${created?.chunkCount} chunks already on the server`);
    const assembled = server.assembled(created?.id ?? "");
    expect(assembled && sha(assembled)).toBe(created?.sha256);
    for (const request of server.chunkRequests.filter((r) => r.outcome === "stored"))
      expect(request.headerSha).toBe(sha(created?.chunks.get(request.index) ?? Buffer.alloc(0)));
  });

  it("GIVEN the server refuses the archive THEN the person sees its message and code, as a user error", async () => {
    const { ctx, id, paths } = await pairedRecording();
    server.faults.refuseComplete = { code: "UPLOAD_ARCHIVE_INVALID", message: "meta.json is missing the quest." };
    await expect(upload({ command: "upload", id }, ctx, FAST_RETRY)).rejects.toMatchObject({
      kind: "user",
      message: "the server refused: meta.json is missing the quest. (UPLOAD_ARCHIVE_INVALID)",
    });
    await expect(stat(paths.uploadState)).rejects.toThrow(); // the token is spent: next run starts over
  });

  it("GIVEN the recorder is not paired THEN it says to log in first", async () => {
    const home = await tempHome();
    const { id } = await buildRecording(home, { seconds: 1, events: [] });
    await expect(upload({ command: "upload", id }, testContext(home).ctx)).rejects.toMatchObject({
      kind: "user",
      message: expect.stringContaining("forge login"),
    });
  });

  it("GIVEN the server is unreachable THEN it is an environment error naming the server", async () => {
    const { ctx, id } = await pairedRecording();
    await server.close();
    await expect(upload({ command: "upload", id }, ctx, FAST_RETRY)).rejects.toMatchObject({
      kind: "environment",
      message: expect.stringContaining(`cannot reach the Forge server at ${server.url}`),
    });
  });
});
