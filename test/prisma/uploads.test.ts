// The upload repository on real databases: conditional state changes are the race guard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prismaUploadRepository } from "../../prisma/repositories/uploads.js";
import type { UploadRepository } from "../../server/uploads/upload-repository.js";
import { openStore, postgresUrl, type StoreUnderTest } from "../support/databases.js";

const t0 = new Date("2026-11-25T10:00:00.000Z");
const upload = (id: string, over: { expiresAt?: Date } = {}) => ({
  id,
  accountId: "acc-1",
  factoryId: "f1",
  taskId: "t1",
  tokenHash: `hash-${id}`,
  size: 3_000_000_000, // past 2^31: the column is bigint
  sha256: "a".repeat(64),
  chunkSize: 8_388_608,
  chunkCount: 358,
  expiresAt: over.expiresAt ?? new Date(t0.getTime() + 86_400_000),
  createdAt: t0,
});

describe.each(postgresUrl() ? (["pglite", "postgres"] as const) : (["pglite"] as const))("uploads on %s", (kind) => {
  let store: StoreUnderTest;
  let repo: UploadRepository;
  beforeAll(async () => {
    store = await openStore(kind);
    repo = prismaUploadRepository(store.db!.prisma);
  });
  afterAll(() => store.close());

  it("GIVEN a paired device WHEN it is used and then revoked THEN lookups say so", async () => {
    await repo.createDevice({ tokenHash: "dev-1", accountId: "acc-1", createdAt: t0 });
    expect(await repo.useDevice("dev-1", t0)).toEqual({ tokenHash: "dev-1", accountId: "acc-1", revokedAt: null });
    await repo.revokeDevice("dev-1", t0);
    expect((await repo.useDevice("dev-1", t0))?.revokedAt).toEqual(t0);
    expect(await repo.useDevice("unknown", t0)).toBeNull();
  });

  it("GIVEN an upload WHEN found by its token hash THEN every field round-trips", async () => {
    await repo.createUpload(upload("u-1"));
    expect(await repo.findUploadByToken("hash-u-1")).toEqual({
      ...upload("u-1"),
      status: "open",
      completedAt: null,
      recordingId: null,
    });
    expect(await repo.findUploadByToken("hash-nope")).toBeNull();
  });

  it("GIVEN a chunk sent twice WHEN listed THEN it appears once with the last checksum", async () => {
    await repo.createUpload(upload("u-2"));
    await repo.recordChunk("u-2", { index: 1, sha256: "b".repeat(64), size: 10 });
    await repo.recordChunk("u-2", { index: 0, sha256: "c".repeat(64), size: 10 });
    await repo.recordChunk("u-2", { index: 1, sha256: "d".repeat(64), size: 10 });
    expect(await repo.listChunks("u-2")).toEqual([
      { index: 0, sha256: "c".repeat(64), size: 10 },
      { index: 1, sha256: "d".repeat(64), size: 10 },
    ]);
  });

  it("GIVEN an open upload WHEN two requests race to complete it THEN exactly one wins", async () => {
    await repo.createUpload(upload("u-3"));
    const wins = await Promise.all(Array.from({ length: 5 }, () => repo.transition("u-3", ["open"], "completing")));
    expect(wins.filter(Boolean)).toHaveLength(1);
    const done = await repo.transition("u-3", ["completing"], "completed", { completedAt: t0, recordingId: "rec-3" });
    expect(done).toBe(true);
    expect(await repo.findUpload("u-3")).toMatchObject({ status: "completed", completedAt: t0, recordingId: "rec-3" });
    expect(await repo.transition("u-3", ["open"], "cancelled")).toBe(false);
  });

  it("GIVEN uploads past and before their expiry WHEN expired ones are listed THEN only open past ones come", async () => {
    const past = new Date(t0.getTime() - 1000);
    await repo.createUpload(upload("u-4", { expiresAt: past }));
    await repo.createUpload(upload("u-5", { expiresAt: past }));
    await repo.transition("u-5", ["open"], "cancelled");
    expect((await repo.listExpired(t0, 10)).map((u) => u.id)).toEqual(["u-4"]);
  });
});
