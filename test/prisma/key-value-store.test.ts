import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pairingCodes, type PairingGrant } from "../../app/pairing.js";
import { prismaKeyValueStore } from "../../prisma/key-value-store.js";
import { openStore, postgresUrl, type StoreUnderTest } from "../support/databases.js";

describe.each(postgresUrl() ? (["pglite", "postgres"] as const) : (["pglite"] as const))(
  "chat state store on %s",
  (kind) => {
    let store: StoreUnderTest;
    beforeAll(async () => {
      store = await openStore(kind);
    });
    afterAll(() => store.close());

    it("reads what was written, per namespace, and forgets deleted keys", async () => {
      const sessions = prismaKeyValueStore<{ step: number; tags: string[] }>(store.db!.prisma, "session");
      const other = prismaKeyValueStore<{ step: number }>(store.db!.prisma, "conversation");
      expect(await sessions.read("42")).toBeUndefined();
      await sessions.write("42", { step: 1, tags: ["a"] });
      await sessions.write("42", { step: 2, tags: ["a", "b"] });
      expect(await sessions.read("42")).toEqual({ step: 2, tags: ["a", "b"] });
      expect(await other.read("42")).toBeUndefined();
      await sessions.delete("42");
      await sessions.delete("42");
      expect(await sessions.read("42")).toBeUndefined();
    });

    it("GIVEN a pairing code WHEN ten recorders redeem it at once THEN exactly one gets the grant", async () => {
      const codes = pairingCodes(prismaKeyValueStore<PairingGrant>(store.db!.prisma, "pairing"));
      const code = await codes.issue({ accountId: "a1", factoryId: "f1", taskId: "t1" });
      const grants = await Promise.all(Array.from({ length: 10 }, () => codes.redeem(code.toLowerCase())));
      expect(grants.filter(Boolean)).toEqual([expect.objectContaining({ accountId: "a1", factoryId: "f1" })]);
    });

    it("GIVEN a pairing code older than 15 minutes THEN it redeems to nothing", async () => {
      let now = new Date("2026-11-25T12:00:00Z");
      const codes = pairingCodes(prismaKeyValueStore<PairingGrant>(store.db!.prisma, "pairing"), () => now);
      const code = await codes.issue({ accountId: "a1", factoryId: "f1", taskId: "t1" });
      now = new Date(now.getTime() + 15 * 60_000 + 1);
      expect(await codes.redeem(code)).toBeNull();
    });
  },
);
