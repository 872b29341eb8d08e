// /devices in the Telegram bot: the list, Revoke, Revoke all, and forged buttons refused; and a
// pairing code whose message never arrived is voided.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pairingCodes } from "../../../app/pairing.js";
import { recorderDevices } from "../../../app/uploads.js";
import { openDatabase, type Database } from "../../../prisma/database.js";
import { sqlPairingStore } from "../../../prisma/pairing-codes.js";
import { prismaUploadRepository } from "../../../prisma/repositories/uploads.js";
import { must } from "../../support/scenario.js";
import { buttons, telegramHarness, texts } from "../../support/telegram-harness.js";

const ALICE = 111;
const BOB = 222;
let db: Database;
beforeAll(async () => {
  db = await openDatabase({ kind: "pglite" });
});
afterAll(() => db.close());

async function withDevices() {
  const h = telegramHarness();
  Object.assign(h.deps, { devices: recorderDevices(db) });
  const account = async (userId: number) => {
    await h.send(userId, "/start");
    return must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(userId) })).account.id;
  };
  const repo = prismaUploadRepository(db.prisma);
  let n = 0;
  const pair = async (accountId: string, label: string | null, createdAt = new Date()) => {
    await repo.createDevice({ tokenHash: `hash-${accountId}-${++n}`, accountId, label, createdAt });
    return `hash-${accountId}-${n}`;
  };
  return { h, account, pair, repo };
}

describe("Telegram bot: devices", () => {
  it("GIVEN two paired recorders THEN /devices lists each with a Revoke button, and Revoke all", async () => {
    const { h, account, pair } = await withDevices();
    const alice = await account(ALICE);
    await pair(alice, "laptop (linux)");
    await pair(alice, null, new Date(Date.now() - 31 * 86_400_000));
    const calls = await h.send(ALICE, "/devices");
    const text = texts(calls)[0]!;
    expect(text).toContain("2. <b>Recorder</b>: paired");
    expect(text).toContain("Expired: unused for 30 days");
    expect(text.match(/Expired/g)).toHaveLength(1);
    expect(text).toContain("Your recorders");
    expect(text).toContain("<b>laptop (linux)</b>: paired");
    expect(text).toContain("last used never");
    const labels = buttons(calls).map(([label]) => label);
    expect(labels).toHaveLength(3);
    expect(labels.at(-1)).toBe("✖ Revoke all");
    expect(buttons(calls).every(([, data]) => data.startsWith("dev:"))).toBe(true);
  });

  it("GIVEN Alice's recorder WHEN she revokes it THEN its token stops working and she is told so", async () => {
    const { h, account, pair, repo } = await withDevices();
    const alice = await account(ALICE);
    const hash = await pair(alice, "desk (darwin)");
    const revoke = buttons(await h.send(ALICE, "/devices")).find(([label]) => label.includes("desk"))![1];
    const calls = await h.press(ALICE, revoke);
    expect(texts(calls)[0]).toContain("Revoked: that recorder can no longer upload");
    expect((await repo.findDevice(hash))?.revokedAt).not.toBeNull();
    expect(texts(calls).at(-1)).toContain("No recorder is paired");
  });

  it("GIVEN Alice's recorder WHEN Bob presses a forged Revoke with its id THEN it is refused and still works", async () => {
    const { h, account, pair, repo } = await withDevices();
    const alice = await account(ALICE);
    await account(BOB);
    const hash = await pair(alice, "studio");
    const revoke = buttons(await h.send(ALICE, "/devices")).find(([label]) => label.includes("studio"))![1];
    const calls = await h.press(BOB, revoke);
    expect(texts(calls)[0]).toContain("not one of yours");
    expect(JSON.stringify(calls)).not.toContain("studio");
    expect((await repo.findDevice(hash))?.revokedAt).toBeNull();
  });

  it("GIVEN three recorders WHEN Alice confirms Revoke all THEN every one is revoked, and only hers", async () => {
    const { h, account, pair, repo } = await withDevices();
    const alice = await account(ALICE);
    const bob = await account(BOB);
    const hashes = [await pair(alice, "a"), await pair(alice, "b"), await pair(alice, "c")];
    const bobs = await pair(bob, "bob's");
    const ask = await h.press(ALICE, "dev:allask");
    expect(texts(ask)[0]).toContain("Revoke all 3 of your recorders?");
    // Asking changes nothing.
    for (const hash of hashes) expect((await repo.findDevice(hash))?.revokedAt).toBeNull();
    const done = await h.press(ALICE, buttons(ask).find(([label]) => label.startsWith("Yes"))![1]);
    expect(texts(done)[0]).toContain("Revoked 3 recorders");
    for (const hash of hashes) expect((await repo.findDevice(hash))?.revokedAt).not.toBeNull();
    expect((await repo.findDevice(bobs))?.revokedAt).toBeNull();
    expect(texts(await h.press(ALICE, "dev:all"))[0]).toContain("nothing changed");
  });

  it("GIVEN /profile THEN it offers the Devices list", async () => {
    const { h, account } = await withDevices();
    await account(ALICE);
    expect(buttons(await h.send(ALICE, "/profile"))).toContainEqual(["🖥 Devices", "dev:list"]);
  });
});

describe("Telegram bot: a pairing code whose message failed", () => {
  it("GIVEN the message with the code cannot be sent THEN the code no longer redeems, and the next press gives a new one", async () => {
    const h = telegramHarness();
    const codes = pairingCodes(sqlPairingStore(db.query));
    const issued: string[] = [];
    Object.assign(h.deps, {
      pairing: { ...codes, issue: async (input: never) => issued[issued.push(await codes.issue(input)) - 1]! },
    });
    await h.send(ALICE, "/start");
    const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    const f = await h.s.factory(alice);
    await h.s.fund(f, 5_000_000n);
    h.blocked.add(ALICE);
    await h.press(ALICE, `task:${f.id}:0`);
    expect(issued).toHaveLength(1);
    expect(await codes.redeem(issued[0]!)).toBeNull();
    h.blocked.delete(ALICE);
    const shown = texts(await h.press(ALICE, `task:${f.id}:0`))[0]!;
    expect(issued[1]).not.toBe(issued[0]);
    expect(shown).toContain(issued[1]);
    expect(await codes.redeem(issued[1]!)).toMatchObject({ accountId: alice.id, factoryId: f.id });
  });
});
