// The chat's stored state around an update: the session read only by handlers that use it, a
// session left unchanged not written back, a wizard carried from update to update.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KeyValueStore } from "../../../bots/telegram/context.js";
import { openDatabase, type Database } from "../../../prisma/database.js";
import type { SqlQuery } from "../../../prisma/direct-sql.js";
import { sqlKeyValueStore } from "../../../prisma/key-value-store.js";
import { prismaUnitOfWork } from "../../../prisma/unit-of-work.js";
import type { WizardState } from "../../../bots/flows/wizard.js";
import { must } from "../../support/scenario.js";
import { memoryKeyValue, telegramHarness, texts } from "../../support/telegram-harness.js";

/** A memory store that records each call. */
function recorded<T>() {
  const store = memoryKeyValue<T>();
  const log: string[] = [];
  const wrapped: KeyValueStore<T> & { data: Map<string, T> } = {
    data: store.data,
    read: (key) => (log.push(`read ${key}`), store.read(key)),
    write: (key, value) => (log.push(`write ${key} ${JSON.stringify(value)}`), store.write(key, value)),
    delete: (key) => (log.push(`delete ${key}`), store.delete(key)),
  };
  return { store: wrapped, log };
}

describe("Telegram bot: the session around an update", () => {
  it("GIVEN a session a handler reads but leaves as it was THEN it is not written back; a changed one is", async () => {
    const sessions = recorded<never>();
    const t = telegramHarness({ sessions: sessions.store });
    await t.send(1, "/browse");
    expect(sessions.log).toEqual(["read 1", `write 1 {"browsePage":0}`]); // first time: the initial session

    sessions.log.length = 0;
    await t.send(1, "/browse"); // page 0 again: nothing changed
    expect(sessions.log).toEqual(["read 1"]);

    sessions.log.length = 0;
    await t.press(1, "page:1");
    expect(sessions.log).toEqual(["read 1", `write 1 {"browsePage":1}`]);
    expect(sessions.store.data.get("1")).toEqual({ browsePage: 1 });

    sessions.log.length = 0;
    await t.press(1, "nav:browse"); // reads page 1, shows it, leaves it
    expect(sessions.log).toEqual(["read 1"]);
  });

  it("GIVEN a person the bot knows THEN an update reads their session once and nothing else", async () => {
    const sessions = recorded<never>();
    const t = telegramHarness({ sessions: sessions.store });
    await t.send(2, "/browse");
    sessions.log.length = 0;
    await t.send(2, "/browse");
    expect(sessions.log).toEqual(["read 2"]);
  });

  it("GIVEN group chatter THEN no chat state is read at all", async () => {
    const sessions = recorded<never>();
    const t = telegramHarness({ sessions: sessions.store });
    await t.send(3, "hello everyone", { chat: "group" });
    expect(sessions.log).toEqual([]);
  });
});

describe("Telegram bot: statements per update on the database", () => {
  let db: Database;
  const statements: string[] = [];
  /** The keys each chat state read asked for. */
  const keysRead: unknown[] = [];
  let t: ReturnType<typeof telegramHarness>;

  beforeAll(async () => {
    db = await openDatabase({ kind: "pglite" });
    const counted: SqlQuery = (sql, params) => {
      statements.push(sql.replace(/\s+/g, " ").trim());
      if (sql.includes("FROM bot_state")) keysRead.push(...params.flat());
      return db.query(sql, params);
    };
    t = telegramHarness({
      uow: prismaUnitOfWork(db.prisma, { query: counted }),
      sessions: sqlKeyValueStore<never>(counted, "tg-session"),
      wizards: sqlKeyValueStore<WizardState>(counted, "wizard"),
    });
    await t.send(10, "/start");
    await t.send(11, "/start");
  });
  afterAll(() => db.close());

  const chatStateReads = () => statements.filter((s) => s.includes("FROM bot_state"));

  it("GIVEN a known person's command that needs no session THEN one statement: the account, no chat state", async () => {
    statements.length = 0;
    expect(texts(await t.send(10, "/help"))).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve)); // a read left behind would be sent by now
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/FROM account a JOIN identity i/);
  });

  it("GIVEN a command that uses the session THEN one statement reads the chat's session alone, none writes it unchanged", async () => {
    await t.send(10, "/browse");
    statements.length = 0;
    keysRead.length = 0;
    await t.send(10, "/browse");
    expect(keysRead).toEqual(["tg-session:10"]);
    expect(chatStateReads()).toHaveLength(1);
    expect(statements.filter((s) => s.includes("bot_state"))).toHaveLength(1);
  });

  it("GIVEN updates from two chats handled at once THEN their sessions are read by one statement", async () => {
    await t.send(11, "/browse");
    statements.length = 0;
    keysRead.length = 0;
    await Promise.all([t.send(10, "/browse"), t.send(11, "/browse")]);
    expect(chatStateReads()).toHaveLength(1);
    expect([...keysRead].sort()).toEqual(["tg-session:10", "tg-session:11"]);
    expect(statements.filter((s) => /FROM account a JOIN identity i/.test(s))).toHaveLength(2);
  });

  it("GIVEN a wizard begun on one update THEN it is stored by account, the next update continues it, /cancel forgets it", async () => {
    const asked = texts(await t.send(10, "/newfactory"));
    expect(asked.length).toBeGreaterThan(0);
    const account = must(await t.s.core.registerAccount({ platform: "telegram", externalId: "10" })).account;
    const key = `wizard:${account.id}`;
    expect(await db.query("SELECT key FROM bot_state WHERE key = $1", [key])).toHaveLength(1);
    expect(texts(await t.send(10, "Spreadsheet skills"))[0]).toContain("(2/8)");
    await t.send(10, "/cancel");
    expect(await db.query("SELECT key FROM bot_state WHERE key = $1", [key])).toEqual([]);
  });
});
