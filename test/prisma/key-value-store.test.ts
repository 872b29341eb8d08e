import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prismaKeyValueStore, purgeKeyValues } from "../../prisma/key-value-store.js";
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
      const other = prismaKeyValueStore<{ step: number }>(store.db!.prisma, "other");
      expect(await sessions.read("42")).toBeUndefined();
      await sessions.write("42", { step: 1, tags: ["a"] });
      await sessions.write("42", { step: 2, tags: ["a", "b"] });
      expect(await sessions.read("42")).toEqual({ step: 2, tags: ["a", "b"] });
      expect(await other.read("42")).toBeUndefined();
      await sessions.delete("42");
      await sessions.delete("42");
      expect(await sessions.read("42")).toBeUndefined();
    });

    it("purges a namespace's entries written before a time, and nothing else", async () => {
      const wizards = prismaKeyValueStore<{ kind: string }>(store.db!.prisma, "wizard");
      const sessions = prismaKeyValueStore<{ kind: string }>(store.db!.prisma, "session");
      await wizards.write("old", { kind: "newfactory" });
      await sessions.write("old", { kind: "session" });
      await store.db!.query(`UPDATE bot_state SET updated_at = now() - interval '25 hours'`, []);
      await wizards.write("fresh", { kind: "fund" });
      const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000);
      expect(await purgeKeyValues(store.db!.query, "wizard", dayAgo)).toBe(1);
      expect(await wizards.read("old")).toBeUndefined();
      expect(await wizards.read("fresh")).toEqual({ kind: "fund" });
      expect(await sessions.read("old")).toEqual({ kind: "session" });
      expect(await purgeKeyValues(store.db!.query, "wizard", dayAgo)).toBe(0);
    });
  },
);
