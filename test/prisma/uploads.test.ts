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
    await repo.createDevice({ tokenHash: "dev-1", accountId: "acc-1", label: "laptop (linux)", createdAt: t0 });
    const found = await repo.findDevice("dev-1");
    expect(found).toMatchObject({ tokenHash: "dev-1", accountId: "acc-1", label: "laptop (linux)", revokedAt: null });
    expect(found?.id).toMatch(/^[0-9a-f-]{36}$/);
    const t1 = new Date(t0.getTime() + 60_000);
    await repo.touchDevice("dev-1", t1, t0);
    // Noted once: a second use within the interval writes nothing.
    await repo.touchDevice("dev-1", new Date(t1.getTime() + 1), t0);
    expect((await repo.findDevice("dev-1"))?.lastUsedAt).toEqual(t1);
    expect(await repo.revokeDevice("dev-1", t0)).toBe(true);
    expect(await repo.revokeDevice("dev-1", t1)).toBe(false);
    expect((await repo.findDevice("dev-1"))?.revokedAt).toEqual(t0);
    expect(await repo.findDevice("unknown")).toBeNull();
  });

  it("GIVEN two people's devices WHEN one revokes by id THEN only their own device can be revoked", async () => {
    await repo.createDevice({ tokenHash: "dev-a1", accountId: "acc-a", label: null, createdAt: t0 });
    await repo.createDevice({ tokenHash: "dev-a2", accountId: "acc-a", label: null, createdAt: t0 });
    await repo.createDevice({ tokenHash: "dev-b1", accountId: "acc-b", label: null, createdAt: t0 });
    const [bobs] = await repo.listDevices("acc-b");
    expect(await repo.revokeDeviceById("acc-a", bobs!.id, t0)).toBe(false);
    expect(await repo.listDevices("acc-b")).toHaveLength(1);
    const alices = await repo.listDevices("acc-a");
    expect(await repo.revokeDeviceById("acc-a", alices[0]!.id, t0)).toBe(true);
    expect(await repo.revokeAllDevices("acc-a", t0)).toBe(1);
    expect(await repo.listDevices("acc-a")).toEqual([]);
    expect(await repo.listDevices("acc-b")).toHaveLength(1);
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
