// Pairing codes on real databases: expiry and deletion, a cap per person, reuse per task, and
// revocation, shared by every process through Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAIRING_CODES_PER_PERSON, PAIRING_TTL_MS, pairingCodes, postgresPairingCodes } from "../../app/pairing.js";
import { sqlPairingStore } from "../../prisma/pairing-codes.js";
import { openStore, postgresUrl, type StoreUnderTest } from "../support/databases.js";

const task = (accountId: string, taskId: string) => ({ accountId, factoryId: "f1", taskId });

describe.each(postgresUrl() ? (["pglite", "postgres"] as const) : (["pglite"] as const))(
  "pairing codes on %s",
  (kind) => {
    let store: StoreUnderTest;
    let now: Date;
    let codes: ReturnType<typeof pairingCodes>;
    const liveRows = async (accountId: string) =>
      (await store.db!.query<{ code: string }>(`SELECT code FROM pairing_code WHERE account_id = $1`, [accountId])).map(
        (r) => r.code,
      );
    beforeAll(async () => {
      store = await openStore(kind);
      now = new Date("2026-11-25T12:00:00Z");
      codes = pairingCodes(sqlPairingStore(store.db!.query), () => now);
    });
    afterAll(() => store.close());

    it("GIVEN a pairing code WHEN ten recorders redeem it at once THEN exactly one gets the grant", async () => {
      const shared = postgresPairingCodes(store.db!);
      const code = await shared.issue(task("a1", "t1"));
      const grants = await Promise.all(Array.from({ length: 10 }, () => shared.redeem(code.toLowerCase())));
      expect(grants.filter(Boolean)).toEqual([expect.objectContaining({ accountId: "a1", factoryId: "f1" })]);
    });

    it("GIVEN the same task button pressed twice THEN the second press shows the same live code", async () => {
      const first = await codes.issue(task("a2", "t1"));
      expect(await codes.issue(task("a2", "t1"))).toBe(first);
      expect(await liveRows("a2")).toEqual([first]);
      // Another person pressing the same task gets their own code.
      expect(await codes.issue(task("b2", "t1"))).not.toBe(first);
    });

    it("GIVEN three live codes WHEN a fourth task is pressed THEN the oldest stops working and the rest still do", async () => {
      expect(PAIRING_CODES_PER_PERSON).toBe(3);
      const issued: string[] = [];
      for (const taskId of ["t1", "t2", "t3", "t4"]) {
        issued.push(await codes.issue(task("a3", taskId)));
        now = new Date(now.getTime() + 1_000);
      }
      expect((await liveRows("a3")).sort()).toEqual(issued.slice(1).sort());
      expect(await codes.redeem(issued[0]!)).toBeNull();
      expect(await codes.redeem(issued[3]!)).toMatchObject({ accountId: "a3", taskId: "t4" });
    });

    it("GIVEN a hundred presses over many tasks THEN one person never holds more than three codes", async () => {
      for (let i = 0; i < 100; i++) await codes.issue(task("a4", `t${i % 7}`));
      expect((await liveRows("a4")).length).toBe(PAIRING_CODES_PER_PERSON);
    });

    it("GIVEN expired codes THEN they redeem to nothing and the purge deletes them, sparing live ones", async () => {
      const old = await codes.issue(task("a5", "t1"));
      await codes.issue(task("a6", "t1"));
      now = new Date(now.getTime() + PAIRING_TTL_MS + 1);
      const fresh = await codes.issue(task("a7", "t1"));
      expect(await codes.redeem(old)).toBeNull();
      expect(await codes.purgeExpired()).toBeGreaterThanOrEqual(1);
      expect(await liveRows("a6")).toEqual([]);
      expect(await liveRows("a7")).toEqual([fresh]);
    });

    it("GIVEN an expired code for a task WHEN the task is pressed again THEN a new code replaces it", async () => {
      const first = await codes.issue(task("a8", "t1"));
      now = new Date(now.getTime() + PAIRING_TTL_MS + 1);
      const second = await codes.issue(task("a8", "t1"));
      expect(second).not.toBe(first);
      expect(await codes.redeem(first)).toBeNull();
      expect(await codes.redeem(second)).toMatchObject({ accountId: "a8" });
    });

    it("GIVEN a revoked code THEN it redeems to nothing, and the task's next press mints a new one", async () => {
      const code = await codes.issue(task("a9", "t1"));
      await codes.revoke(code.toLowerCase());
      expect(await codes.redeem(code)).toBeNull();
      expect(await codes.issue(task("a9", "t1"))).not.toBe(code);
    });
  },
);
