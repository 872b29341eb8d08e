// Recordings sent to the Telegram bot: downloaded from the Bot API (a loopback stand-in for
// getFile and the file endpoint), size-capped while streaming, then the uploads' safe path.
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../app/local-redis.js";
import { telegramRecordings } from "../../app/uploads.js";
import type { UploadIntake } from "../../server/uploads/deps.js";
import { MemoryStore } from "../support/memory-store.js";
import { makeRecording, zipRecording } from "../support/recording-fixtures.js";
import { scenario } from "../support/scenario.js";
import { recordingEntries, renameBytes, zipOf } from "../server/uploads/archive-builder.js";

const TOKEN = "123456:TEST-token-for-files_abcdefghij";

describe("recordings sent to the Telegram bot", () => {
  const work = mkdtempSync(join(tmpdir(), "forge-tg-docs-"));
  const files = new Map<string, Buffer>();
  let server: Server;
  let apiRoot = "";
  const accepted: unknown[] = [];
  const intake: UploadIntake = {
    accept: async (input) => {
      accepted.push({ ...input, meta: JSON.parse(readFileSync(input.files.meta, "utf8")) as unknown });
      return { ok: true, recordingId: input.uploadId };
    },
  };
  const regrades: string[] = [];
  const s = scenario(new MemoryStore());
  const recordings = (maxBytes = 5 * 1024 * 1024) =>
    telegramRecordings({
      core: s.core,
      token: TOKEN,
      apiRoot,
      intake,
      appeal: async (id) => void regrades.push(id),
      workDir: join(work, "scratch"),
      maxBytes,
    });

  beforeAll(async () => {
    const port = await freePort();
    server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === `/bot${TOKEN}/getFile`) {
        const id = url.searchParams.get("file_id") ?? "";
        const body = files.has(id)
          ? { ok: true, result: { file_id: id, file_path: `documents/${id}.zip` } }
          : { ok: false, error_code: 400, description: "Bad Request: invalid file_id" };
        return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
      }
      const match = new RegExp(`^/file/bot${TOKEN}/documents/(.+)\\.zip$`).exec(url.pathname);
      const data = match ? files.get(match[1]!) : undefined;
      if (!data) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "application/zip" }).end(data);
    });
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
    apiRoot = `http://127.0.0.1:${port}`;
    const good = makeRecording(join(work, "good"), { factoryId: "f1", taskId: "t1", seconds: 3 });
    files.set("good", readFileSync(await zipRecording(good, join(work, "good.zip"))));
    const evil = await zipOf([...recordingEntries(), { name: "Q9/evil", data: "x" }]);
    files.set("evil", renameBytes(evil, "Q9/evil", "../evil"));
    files.set("big", Buffer.concat([files.get("good")!, Buffer.alloc(3 * 1024 * 1024, 1)]));
  });
  afterAll(() => {
    server.close();
    rmSync(work, { recursive: true, force: true });
  });

  const send = (fileId: string, maxBytes?: number) =>
    recordings(maxBytes).fromChat({
      accountId: "a1",
      factoryId: "f1",
      taskId: "t1",
      fileId,
      fileName: "r.zip",
      size: 10,
    });

  it("GIVEN a recorder's zip THEN it is unpacked safely and handed to the same intake as uploads", async () => {
    const result = await send("good");
    expect(result).toMatchObject({ ok: true });
    expect(accepted.at(-1)).toMatchObject({
      accountId: "a1",
      factoryId: "f1",
      taskId: "t1",
      meta: { quest: { pool_id: "f1" } },
    });
  });

  it("GIVEN a zip with an entry climbing out THEN it is refused and the intake never sees it", async () => {
    const before = accepted.length;
    expect(await send("evil")).toMatchObject({ ok: false, code: "ARCHIVE_UNSAFE_PATH" });
    expect(accepted.length).toBe(before);
  });

  it("GIVEN a file larger than allowed, whatever the message claimed THEN the download stops and nothing is taken", async () => {
    const before = accepted.length;
    expect(await send("big", 1024 * 1024)).toMatchObject({ ok: false, code: "UPLOAD_TOO_LARGE" });
    expect(accepted.length).toBe(before);
  });

  it("GIVEN a file Telegram does not know THEN a clear refusal", async () => {
    expect(await send("nope")).toMatchObject({ ok: false, code: "UPLOAD_NOT_FOUND" });
  });

  it("GIVEN an appeal of someone else's or an unknown recording THEN no regrade is queued", async () => {
    expect(await recordings().appeal("a1", "missing")).toEqual({ ok: false, code: "RECORDING_NOT_FOUND" });
    expect(regrades).toEqual([]);
  });

  it("leaves nothing behind in its scratch folder", () => {
    expect(readdirSync(join(work, "scratch"))).toEqual([]);
  });
});
