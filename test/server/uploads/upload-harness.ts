// An upload API on a real HTTP server, PGlite, local blob storage and fakes for the bot's
// pairing codes, the factory catalog and the recording intake.
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { Transform, type Readable } from "node:stream";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "../../../prisma/database.js";
import { prismaUploadRepository } from "../../../prisma/repositories/uploads.js";
import { startHttpServer, type HttpServerOptions } from "../../../server/http-server.js";
import type { IntakeResult, UploadIntake, UploadRoutesDeps } from "../../../server/uploads/deps.js";
import { uploadRoutes } from "../../../server/uploads/routes.js";
import { localDiskStorage, type BlobStorage } from "../../../server/uploads/storage.js";

/** POSTs `body` as JSON to the harness at `url` (with a bearer token when given); the answer's JSON. */
export async function postJson(url: string, path: string, body: unknown, token?: string) {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, string>;
}

export interface Harness {
  readonly url: string;
  readonly deps: UploadRoutesDeps;
  readonly sandbox: string;
  readonly work: string;
  readonly logs: unknown[];
  readonly accepted: Array<{ uploadId: string; accountId: string; video: Buffer; log: string }>;
  /** Bytes that have reached blob storage's put so far, streamed or whole. */
  bytesStored(): number;
  /** A pairing code the fake bot issued for this account, factory f1 and task t1. */
  issueCode(accountId: string): string;
  advance(ms: number): void;
  /** Awaited before each open → completing claim, to line racing requests up. */
  beforeClaim: () => Promise<void>;
  intakeBehaviour: (input: Parameters<UploadIntake["accept"]>[0]) => Promise<IntakeResult | "read">;
  close(): Promise<void>;
}

export async function startUploadHarness(
  limits: UploadRoutesDeps["limits"] = {},
  rateLimit?: UploadRoutesDeps["rateLimit"],
  server: Pick<HttpServerOptions, "trustProxy" | "limits"> & { storage?: BlobStorage } = {},
): Promise<Harness> {
  const sandbox = await mkdtemp(join(tmpdir(), "uploads-api-"));
  const work = join(sandbox, "work");
  await mkdir(work);
  const db: Database = await openDatabase({ kind: "pglite" });
  let clock = new Date("2026-11-25T10:00:00.000Z").getTime();
  const codes = new Map<string, string>();
  let codeSeq = 0;
  const logs: unknown[] = [];
  const log = (fields: object, message: string) => void logs.push({ ...fields, message });
  const accepted: Harness["accepted"] = [];
  const harness = {
    intakeBehaviour: async () => "read" as const,
    beforeClaim: async () => undefined,
  } as Pick<Harness, "intakeBehaviour" | "beforeClaim">;
  const repo = prismaUploadRepository(db.prisma);
  const { storage, ...serverOptions } = server;
  const stored = counted(storage ?? localDiskStorage(join(sandbox, "blobs")));
  const deps: UploadRoutesDeps = {
    rateLimit,
    repo: {
      ...repo,
      transition: async (id, from, to, fields) => {
        if (to === "completing") await harness.beforeClaim();
        return repo.transition(id, from, to, fields);
      },
    },
    storage: stored.storage,
    pairing: {
      redeem: async (code) => {
        const accountId = codes.get(code);
        codes.delete(code);
        return accountId ? { accountId, factoryId: "f1", taskId: "t1" } : null;
      },
    },
    catalog: {
      task: async (factoryId, taskId) =>
        factoryId === "f1" && (taskId === "t1" || taskId === "closed")
          ? {
              factoryName: "Editors",
              taskTitle: "Open gedit",
              taskPrompt: "Open gedit and type hi",
              open: taskId === "t1",
            }
          : null,
    },
    intake: {
      accept: async (input) => {
        const behaviour = await harness.intakeBehaviour(input);
        if (behaviour !== "read") return behaviour;
        const [video, log] = await Promise.all([readFile(input.files.video), readFile(input.files.inputLog, "utf8")]);
        accepted.push({ uploadId: input.uploadId, accountId: input.accountId, video, log });
        return { ok: true, recordingId: `rec-${accepted.length}` };
      },
    },
    limits,
    now: () => new Date(clock),
    workDir: work,
    logger: { info: log, warn: log },
  };
  const http = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    checks: {},
    metrics: async () => ({ contentType: "text/plain", body: "" }),
    routes: uploadRoutes(deps),
    onError: (error) => void logs.push({ error: String(error) }),
    ...serverOptions,
  });
  return Object.assign(harness, {
    url: http.url,
    deps,
    sandbox,
    work,
    logs,
    accepted,
    bytesStored: stored.bytes,
    issueCode: (accountId: string) => {
      const code = `CODE-${++codeSeq}-${accountId}`;
      codes.set(code, accountId);
      return code;
    },
    advance: (ms: number) => void (clock += ms),
    close: async () => {
      await http.close();
      await db.close();
      await rm(sandbox, { recursive: true, force: true });
    },
  });
}

/** A storage that counts the bytes reaching put as they arrive. */
function counted(inner: BlobStorage): { storage: BlobStorage; bytes(): number } {
  let bytes = 0;
  const tap = (body: Readable) =>
    body.pipe(
      new Transform({
        transform(data: Buffer, _encoding, done) {
          bytes += data.length;
          done(null, data);
        },
      }),
    );
  const storage: BlobStorage = {
    ...inner,
    put: (key, body, size) => {
      if (Buffer.isBuffer(body)) {
        bytes += body.length;
        return inner.put(key, body);
      }
      const tapped = tap(body);
      body.on("error", (error) => tapped.destroy(error));
      // Storage may take the stream after an await: its pipeline still sees the error (errored).
      tapped.on("error", () => undefined);
      return inner.put(key, tapped, size);
    },
  };
  return { storage, bytes: () => bytes };
}
