// The notifier addresses an account: one outbox row per platform the person uses (among those
// with a bot), none for a chat marked unreachable, and edits on the platform their ref names.
import { describe, expect, it } from "vitest";
import { accountNotifier } from "../../../bots/notices/account-notifier.js";
import { formatMessageRef } from "../../../bots/notices/message-ref.js";
import { adminAddresses } from "../../../config/admin-ids.js";
import type { Platform } from "../../../core/accounts/account.js";
import type { NewNotification } from "../../../core/ports/notifications.js";
import { MemoryStore } from "../../support/memory-store.js";
import { must, scenario } from "../../support/scenario.js";

const BOTH = new Set<Platform>(["telegram", "discord"]);

async function rig(options: { platforms?: ReadonlySet<Platform>; unreachable?: string[]; admins?: string[] } = {}) {
  const s = scenario(new MemoryStore());
  const rows: NewNotification[] = [];
  const outbox = {
    async add(notifications: readonly NewNotification[]) {
      const fresh = notifications.filter((n) => !rows.some((r) => r.id === n.id));
      rows.push(...fresh);
      return fresh.map((n) => n.id);
    },
  };
  const unreachable = new Set(options.unreachable ?? []);
  const notifier = accountNotifier({
    core: s.core,
    outbox,
    reachability: { isUnreachable: async (platform, chatId) => unreachable.has(`${platform}:${chatId}`) },
    platforms: options.platforms ?? BOTH,
    admins: adminAddresses(options.admins ?? []),
  });
  /** A person on Telegram (chat "tg-<name>") and, when `discord` is given, on Discord with that user id. */
  const person = async (name: string, discord?: string) => {
    const account = must(
      await s.core.registerAccount({ platform: "telegram", externalId: `tg-${name}`, username: name }),
    ).account;
    if (discord) must(await s.core.linkIdentity({ accountId: account.id, platform: "discord", externalId: discord }));
    return account;
  };
  return { notifier, rows, person, core: s.core };
}

const hello = () => ({ text: "**Hello** `there`", buttons: [[{ label: "Open", action: "open:1" }]] });

describe("the account notifier", () => {
  it("GIVEN a person on Telegram and Discord WHEN told something THEN one row per platform, in our markup, Telegram's keeping the id", async () => {
    const r = await rig();
    const dora = await r.person("dora", "1234567890123456789");
    expect(await r.notifier.dm("grade:1", dora.id, hello)).toBe("stored");
    expect(r.rows).toEqual([
      expect.objectContaining({ id: "grade:1", platform: "telegram", chatId: "tg-dora", text: "**Hello** `there`" }),
      expect.objectContaining({ id: "grade:1@discord", platform: "discord", chatId: "1234567890123456789" }),
    ]);
    expect(r.rows[1]).toMatchObject({ accountId: dora.id, buttons: [[{ label: "Open", data: "open:1" }]] });
  });

  it("GIVEN the same id twice THEN nothing new is stored: duplicate", async () => {
    const r = await rig();
    const dora = await r.person("dora", "1234567890123456789");
    await r.notifier.dm("payout:1", dora.id, hello);
    expect(await r.notifier.dm("payout:1", dora.id, hello)).toBe("duplicate");
    expect(r.rows).toHaveLength(2);
  });

  it("GIVEN Discord without a bot configured THEN only Telegram is told, and a Discord-only person has no chat", async () => {
    const r = await rig({ platforms: new Set(["telegram"]) });
    const dora = await r.person("dora", "1234567890123456789");
    expect(await r.notifier.dm("a", dora.id, hello)).toBe("stored");
    expect(r.rows.map((row) => row.platform)).toEqual(["telegram"]);
    const discordOnly = must(await r.core.registerAccount({ platform: "discord", externalId: "42" })).account;
    expect(await r.notifier.dm("b", discordOnly.id, hello)).toBe("no_chat");
  });

  it("GIVEN a person only on Telegram THEN only Telegram is told", async () => {
    const r = await rig();
    const tom = await r.person("tom");
    expect(await r.notifier.dm("a", tom.id, hello)).toBe("stored");
    expect(r.rows.map((row) => `${row.platform}:${row.id}`)).toEqual(["telegram:a"]);
  });

  it("GIVEN closed DMs on Discord THEN Discord is skipped and Telegram still told; with every chat unreachable, no chat", async () => {
    const r = await rig({ unreachable: ["discord:1234567890123456789"] });
    const dora = await r.person("dora", "1234567890123456789");
    expect(await r.notifier.dm("a", dora.id, hello)).toBe("stored");
    expect(r.rows.map((row) => row.platform)).toEqual(["telegram"]);
    const closed = await rig({ unreachable: ["discord:1", "telegram:tg-ed"] });
    const ed = await closed.person("ed", "1");
    expect(await closed.notifier.dm("a", ed.id, hello)).toBe("no_chat");
    expect(closed.rows).toEqual([]);
  });

  it("GIVEN payment refs WHEN the status is edited THEN the edit goes to the platform the ref names (old refs without one are Telegram's)", async () => {
    const r = await rig();
    const dora = await r.person("dora", "1234567890123456789");
    const discordRef = formatMessageRef({
      platform: "discord",
      chatId: "1111111111111111111",
      messageId: "9007199254740993123",
      kind: "text",
    });
    await r.notifier.edit("payment-edit:p1:paid", dora.id, discordRef, 2, () => "paid");
    await r.notifier.edit(
      "payment-edit:p2:seen",
      dora.id,
      JSON.stringify({ chatId: 42, messageId: 7, kind: "photo" }),
      1,
      () => "seen",
    );
    await r.notifier.edit("payment-edit:p3:seen", dora.id, "not a ref", 1, () => "seen");
    expect(r.rows).toEqual([
      expect.objectContaining({
        id: "payment-edit:p1:paid@discord",
        platform: "discord",
        chatId: "1111111111111111111",
        edit: { messageId: "9007199254740993123", kind: "text", rank: 2 },
      }),
      expect.objectContaining({
        id: "payment-edit:p2:seen",
        platform: "telegram",
        chatId: "42",
        edit: { messageId: "7", kind: "photo", rank: 1 },
      }),
    ]);
  });

  it("GIVEN ADMIN_IDS on both platforms THEN each admin is told on theirs, once per id", async () => {
    const r = await rig({ admins: ["123", "tg:124", "dc:1234567890123456789"] });
    await r.notifier.admins("alert:1", () => "careful");
    await r.notifier.admins("alert:1", () => "careful");
    expect(r.rows.map((row) => [row.id, row.platform, row.chatId])).toEqual([
      ["alert:1:123", "telegram", "123"],
      ["alert:1:124", "telegram", "124"],
      ["alert:1:1234567890123456789@discord", "discord", "1234567890123456789"],
    ]);
    const telegramOnly = await rig({ platforms: new Set(["telegram"]), admins: ["dc:5"] });
    await telegramOnly.notifier.admins("alert:2", () => "careful");
    expect(telegramOnly.rows).toEqual([]);
  });
});
