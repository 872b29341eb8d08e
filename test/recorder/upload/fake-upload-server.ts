// A loopback server implementing the upload contract (/tmp/h/contract.md) for the recorder's
// tests, with switches to drop connections mid-chunk and to refuse requests.
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const DEVICE_TOKEN = "device-token-secret-123";
const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

interface Upload {
  id: string;
  token: string;
  size: number;
  sha256: string;
  chunkSize: number;
  chunkCount: number;
  chunks: Map<number, Buffer>;
  status: "open" | "completed";
}

export interface ChunkRequest {
  readonly index: number;
  readonly headerSha: string | undefined;
  readonly outcome: "stored" | "dropped" | "checksum";
}

export async function startFakeUploadServer(chunkSize = 16 * 1024) {
  const uploads = new Map<string, Upload>();
  const chunkRequests: ChunkRequest[] = [];
  const statusRequests: string[] = [];
  const faults = {
    dropChunk: new Map<number, number>(),
    refuseComplete: null as null | { code: string; message: string },
  };

  const json = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  const fail = (res: ServerResponse, status: number, code: string, message: string) =>
    json(res, status, { error: { code, message } });
  const body = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const parts: Buffer[] = [];
      req.on("data", (c: Buffer) => parts.push(c));
      req.on("end", () => resolve(Buffer.concat(parts)));
      req.on("error", reject);
    });
  const bearer = (req: IncomingMessage) => /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];

  const server = createServer((req, res) => {
    void (async () => {
      const url = req.url ?? "";
      if (req.method === "POST" && url === "/api/recorder/login") {
        const { code } = JSON.parse((await body(req)).toString()) as { code: string };
        if (code !== "PAIR-1234") return fail(res, 400, "PAIRING_CODE_INVALID", "This code is unknown or expired.");
        return json(res, 200, {
          deviceToken: DEVICE_TOKEN,
          accountId: "acc-1",
          factoryId: "factory-1",
          taskId: "task-1",
          factoryName: "Spreadsheets",
          taskTitle: "Fill the invoice",
          taskPrompt: "Open the invoice and fill every field",
        });
      }
      if (req.method === "POST" && url === "/api/uploads") {
        if (bearer(req) !== DEVICE_TOKEN) return fail(res, 401, "UPLOAD_UNAUTHORIZED", "Pair the recorder again.");
        const init = JSON.parse((await body(req)).toString()) as { size: number; sha256: string };
        const upload: Upload = {
          id: randomUUID(),
          token: randomUUID(),
          size: init.size,
          sha256: init.sha256,
          chunkSize,
          chunkCount: Math.ceil(init.size / chunkSize),
          chunks: new Map(),
          status: "open",
        };
        uploads.set(upload.id, upload);
        const { id: uploadId, token: uploadToken } = upload;
        return json(res, 201, {
          uploadId,
          uploadToken,
          chunkSize,
          chunkCount: upload.chunkCount,
          expiresAt: "2099-01-01",
        });
      }
      const match = /^\/api\/uploads\/([^/]+)(?:\/(chunks)\/(\d+)|\/(complete))?$/.exec(url);
      const upload = match ? uploads.get(match[1] ?? "") : undefined;
      if (!match || !upload) return fail(res, 404, "UPLOAD_NOT_FOUND", "No such upload.");
      if (bearer(req) !== upload.token) return fail(res, 401, "UPLOAD_TOKEN_INVALID", "Upload token invalid.");
      if (req.method === "PUT" && match[2]) {
        const index = Number(match[3]);
        const headerSha = req.headers["x-chunk-sha256"] as string | undefined;
        const drops = faults.dropChunk.get(index) ?? 0;
        if (drops > 0) {
          // Cut the connection after the first bytes of the chunk have arrived.
          faults.dropChunk.set(index, drops - 1);
          chunkRequests.push({ index, headerSha, outcome: "dropped" });
          req.once("data", () => req.socket.destroy());
          return;
        }
        const bytes = await body(req);
        if (sha(bytes) !== headerSha) {
          chunkRequests.push({ index, headerSha, outcome: "checksum" });
          return fail(res, 422, "UPLOAD_CHUNK_CHECKSUM", "Chunk checksum mismatch.");
        }
        chunkRequests.push({ index, headerSha, outcome: "stored" });
        upload.chunks.set(index, bytes);
        return res.writeHead(204).end();
      }
      if (req.method === "GET" && !match[2] && !match[4]) {
        statusRequests.push(upload.id);
        const received = [...upload.chunks.keys()].sort((a, b) => a - b);
        const { status, chunkSize: size, chunkCount } = upload;
        return json(res, 200, { status, received, chunkSize: size, chunkCount, size: upload.size });
      }
      if (req.method === "POST" && match[4]) {
        if (faults.refuseComplete) return fail(res, 422, faults.refuseComplete.code, faults.refuseComplete.message);
        const whole = Buffer.concat(
          [...Array(upload.chunkCount).keys()].map((i) => upload.chunks.get(i) ?? Buffer.alloc(0)),
        );
        if (sha(whole) !== upload.sha256)
          return fail(res, 422, "UPLOAD_CHECKSUM", "The file does not match its checksum.");
        upload.status = "completed";
        return json(res, 200, { recordingId: `rec-${upload.id.slice(0, 8)}`, status: "accepted" });
      }
      return fail(res, 405, "METHOD", "Not allowed.");
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    uploads,
    chunkRequests,
    statusRequests,
    faults,
    assembled: (id: string) => {
      const upload = uploads.get(id);
      return upload
        ? Buffer.concat([...Array(upload.chunkCount).keys()].map((i) => upload.chunks.get(i) ?? Buffer.alloc(0)))
        : null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
