// Notifications addressed to accounts, through the app's wiring: the notifier writes one outbox
// row per platform the person uses, and the delivery workers send them, Telegram's to a fake Bot
// API (test/support/fake-bot-api.ts), Discord's to the local Discord emulator. Postgres (PGlite),
// BullMQ and the Redis rate limiters are the real ones.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../app/logger.js";
import { createMetrics } from "../../app/metrics.js";
import { buildNotifications, startNotificationDelivery, type Notifications } from "../../app/notifications.js";
import { toDiscordMarkdown } from "../../bots/discord/render.js";
import { formatMessageRef } from "../../bots/notices/message-ref.js";
import { toHtml } from "../../bots/telegram/render.js";
import type { Account } from "../../core/accounts/account.js";
import { prismaCommunityStore } from "../../prisma/community-store.js";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { startDiscordEmulator, type DiscordEmulator } from "../support/discord/emulator.js";
import { FakeBotApi } from "../support/fake-bot-api.js";
import { startTestRedis } from "../support/redis.js";
import { must, scenario } from "../support/scenario.js";

const TOKEN = "123456:NOTIFY-TEST-abcdefghijklmnopqrstu";
const FINAL = new Set(["sent", "failed", "unreachable", "superseded"]);
const DORA = { id: "1234567890123456781", username: "dora" };
const ERIN = { id: "1234567890123456782", username: "erin" };
const GUS = { id: "1234567890123456784", username: "gus" };
const SNOWFLAKE = "1234567890123456789";

describe("notifications to an account on Telegram and Discord", () => {
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  let connection: Redis;
  let db: Database;
  let fake: FakeBotApi;
  let emulator: DiscordEmulator;
  let notifications: Notifications;
  let delivery: { close(): Promise<void> };
  let s: ReturnType<typeof scenario>;

  beforeAll(async () => {
    redis = await startTestRedis();
    connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    db = await openDatabase({ kind: "pglite" });
    fake = new FakeBotApi();
    const { apiRoot } = await fake.start();
    emulator = await startDiscordEmulator({
      users: [DORA, ERIN],
      guilds: [
        {
          name: "Forge Community",
          channels: [{ name: "general" }, { name: "announcements" }],
          members: [{ user: GUS }],
        },
      ],
    });
    s = scenario(prismaUnitOfWork(db.prisma, { query: db.query }));
    notifications = buildNotifications({
      db,
      connection,
      core: s.core,
      tokens: s.deps.tokens,
      platforms: new Set(["telegram", "discord"]),
      admins: [],
      explorer: (signature) => `https://explorer.example/tx/${signature}`,
      logger: createLogger("silent"),
    });
    delivery = await startNotificationDelivery({
      db,
      notifications,
      connection,
      telegram: { token: TOKEN, apiRoot },
      discord: { token: emulator.token, apiRoot: emulator.apiRoot },
      logger: createLogger("silent"),
      metrics: createMetrics(),
    });
  });

  afterAll(async () => {
    await delivery?.close();
    await notifications?.close();
    connection?.disconnect();
    await emulator?.close();
    await fake?.stop();
    await db?.close();
    await redis?.stop();
  });

  /** A person on Telegram (user and chat id `telegram`) and, when given, on Discord. */
  async function person(telegram: string, discord?: string): Promise<Account> {
    const account = must(await s.core.registerAccount({ platform: "telegram", externalId: telegram })).account;
    if (discord) must(await s.core.linkIdentity({ accountId: account.id, platform: "discord", externalId: discord }));
    return account;
  }

  async function rows(prefix: string): Promise<Array<{ id: string; platform: string; status: string }>> {
    return db.prisma.$queryRawUnsafe(
      `SELECT id, platform, status FROM notification WHERE id LIKE $1 || '%' ORDER BY id`,
      prefix,
    );
  }

  /** Waits until every one of these rows is sent, failed, unreachable or superseded; their statuses by id. */
  async function settled(ids: readonly string[], timeoutMs = 30_000): Promise<Record<string, string>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await db.prisma.$queryRawUnsafe<Array<{ id: string; status: string }>>(
        `SELECT id, status FROM notification WHERE id = ANY($1::text[])`,
        [...ids],
      );
      if (found.length === ids.length && found.every((r) => FINAL.has(r.status)))
        return Object.fromEntries(found.map((r) => [r.id, r.status]));
      if (Date.now() > deadline) throw new Error(`not settled in time: ${JSON.stringify(found)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const hello = "**Paid** 5 USDC for my_task, see `AbCd…WxYz`";

  it("GIVEN a person on both platforms WHEN told something THEN one row per platform, and both deliveries happen", async () => {
    const dora = await person("3001", DORA.id);
    expect(await notifications.notifier.dm("both:1", dora.id, () => hello)).toBe("stored");
    expect(await settled(["both:1", "both:1@discord"])).toEqual({ "both:1": "sent", "both:1@discord": "sent" });
    expect(fake.messagesTo("3001").map((m) => m.text)).toEqual([toHtml(hello)]);
    expect(emulator.dms(DORA.id).map((m) => m.content)).toEqual([toDiscordMarkdown(hello)]);
    expect(emulator.dms(DORA.id)[0]!.content).toBe("**Paid** 5 USDC for my\\_task, see `AbCd…WxYz`");

    // The same id again stores nothing new and sends nothing more.
    expect(await notifications.notifier.dm("both:1", dora.id, () => hello)).toBe("duplicate");
    expect((await rows("both:")).map((r) => r.id)).toEqual(["both:1", "both:1@discord"]);
  });

  it("GIVEN a person only on Telegram THEN only Telegram is told", async () => {
    const tom = await person("3002");
    expect(await notifications.notifier.dm("tom:1", tom.id, () => "hi")).toBe("stored");
    expect(await settled(["tom:1"])).toEqual({ "tom:1": "sent" });
    expect((await rows("tom:")).map((r) => [r.id, r.platform])).toEqual([["tom:1", "telegram"]]);
    expect(fake.messagesTo("3002").map((m) => m.text)).toEqual(["hi"]);
  });

  it("GIVEN a payment request shown on Discord WHEN its status is edited paid, then a late seen THEN the Discord message says paid, and Telegram is not touched", async () => {
    emulator.addUser({ id: "1234567890123456783", username: "fay" });
    const dora = await person("3003", "1234567890123456783");
    await notifications.notifier.dm("request:1", dora.id, () => "Pay 5 USDC");
    await settled(["request:1", "request:1@discord"]);
    const shown = emulator.dms("1234567890123456783")[0]!;
    expect((await notifications.store.get("request:1@discord"))?.messageId).toBe(shown.id);
    const ref = formatMessageRef({ platform: "discord", chatId: shown.channel_id, messageId: shown.id, kind: "photo" });
    const telegramBefore = fake.accepted.length;

    await notifications.notifier.edit("payment-edit:1:paid", dora.id, ref, 2, () => "**Paid** in full");
    expect(await settled(["payment-edit:1:paid@discord"])).toEqual({ "payment-edit:1:paid@discord": "sent" });
    await notifications.notifier.edit("payment-edit:1:seen", dora.id, ref, 1, () => "Seen on chain");
    expect(await settled(["payment-edit:1:seen@discord"])).toEqual({ "payment-edit:1:seen@discord": "superseded" });

    expect(emulator.dms("1234567890123456783").map((m) => [m.id, m.content])).toEqual([[shown.id, "**Paid** in full"]]);
    expect(fake.accepted.length).toBe(telegramBefore);
  });

  it("GIVEN a payment request shown on Telegram with a ref from before Discord THEN its edit goes to Telegram", async () => {
    const tess = await person("3004");
    await notifications.notifier.dm("request:2", tess.id, () => "Pay 1 SOL");
    await settled(["request:2"]);
    const messageId = Number((await notifications.store.get("request:2"))!.messageId);
    const oldRef = JSON.stringify({ chatId: 3004, messageId, kind: "text" });
    const discordBefore = emulator.requests.length;

    await notifications.notifier.edit("payment-edit:2:paid", tess.id, oldRef, 2, () => "**Paid**");
    expect(await settled(["payment-edit:2:paid"])).toEqual({ "payment-edit:2:paid": "sent" });
    expect(fake.messagesTo("3004").map((m) => [m.method, m.text])).toEqual([
      ["sendMessage", "Pay 1 SOL"],
      ["editMessageText", "<b>Paid</b>"],
    ]);
    expect(emulator.requests.length).toBe(discordBefore);
  });

  it("GIVEN closed DMs on Discord THEN that row ends unreachable, and later notifications skip Discord while Telegram still delivers", async () => {
    const erin = await person("3005", ERIN.id);
    emulator.closeDms(ERIN.id);
    await notifications.notifier.dm("erin:1", erin.id, () => "first");
    expect(await settled(["erin:1", "erin:1@discord"])).toEqual({ "erin:1": "sent", "erin:1@discord": "unreachable" });
    expect(await notifications.store.isUnreachable("discord", ERIN.id)).toBe(true);

    expect(await notifications.notifier.dm("erin:2", erin.id, () => "second")).toBe("stored");
    expect(await settled(["erin:2"])).toEqual({ "erin:2": "sent" });
    expect((await rows("erin:")).map((r) => r.id)).toEqual(["erin:1", "erin:1@discord", "erin:2"]);
    expect(fake.messagesTo("3005").map((m) => m.text)).toEqual(["first", "second"]);
    expect(emulator.dms(ERIN.id)).toEqual([]);
  });

  it("GIVEN closed DMs and a server with an announcements channel where the person uses the bot THEN the row ends unreachable and the channel tells them to open their DMs, without any detail", async () => {
    const gus = await person("3007", GUS.id);
    const guildId = [...emulator.world.guilds.keys()][0]!;
    const announcements = [...emulator.guild(guildId).channels.values()].find((c) => c.name === "announcements")!.id;
    const community = prismaCommunityStore(db.query);
    await community.saveGuildSettings({
      guildId,
      announceChannelId: announcements,
      noticeChannelId: null,
      featuredFactoryIds: [],
      locale: "en-US",
      updatedBy: null,
      updatedAt: new Date(),
    });
    await community.rememberMember(guildId, GUS.id, gus.id, new Date());
    emulator.closeDms(GUS.id);

    await notifications.notifier.dm("gus:1", gus.id, () => "**Paid** 12.5 USDC to `AbCd…WxYz` for Sum a column");
    expect(await settled(["gus:1", "gus:1@discord"])).toEqual({ "gus:1": "sent", "gus:1@discord": "unreachable" });
    expect(emulator.dms(GUS.id)).toEqual([]);
    const notices = emulator.messages(announcements);
    expect(notices.map((m) => m.content)).toEqual([
      `<@${GUS.id}> you have a new notification from me, but I cannot send you direct messages. Open your DMs with me, or enable direct messages from server members in this server's privacy settings, to read it.`,
    ]);
    for (const secret of ["12.5", "USDC", "AbCd", "Sum a column"]) expect(notices[0]!.content).not.toContain(secret);
  });

  it("GIVEN rows an older version stored (Telegram HTML, numeric message ids) THEN they are delivered as they are", async () => {
    const html = "<b>Paid</b> 5 USDC &amp; <code>AbCd</code>";
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO notification (id, account_id, platform, chat_id, payload, status, created_at, updated_at)
       VALUES ('old:1', NULL, 'telegram', '3006', $1::jsonb, 'pending', now(), now())`,
      JSON.stringify({ text: html }),
    );
    await notifications.outbox.enqueue([{ id: "old:1", chatId: "3006", platform: "telegram" }]);
    expect(await settled(["old:1"])).toEqual({ "old:1": "sent" });
    const messageId = Number((await notifications.store.get("old:1"))!.messageId);

    await db.prisma.$executeRawUnsafe(
      `INSERT INTO notification (id, account_id, platform, chat_id, payload, edit_message_id, edit_rank, status, created_at, updated_at)
       VALUES ('old:2', NULL, 'telegram', '3006', $1::jsonb, $2, 2, 'pending', now(), now())`,
      JSON.stringify({ text: "<i>edited</i>", edit: { messageId, kind: "text", rank: 2 } }),
      BigInt(messageId),
    );
    await notifications.outbox.enqueue([{ id: "old:2", chatId: "3006", platform: "telegram" }]);
    expect(await settled(["old:2"])).toEqual({ "old:2": "sent" });
    expect(fake.messagesTo("3006").map((m) => [m.method, m.text])).toEqual([
      ["sendMessage", html],
      ["editMessageText", "<i>edited</i>"],
    ]);
  });

  it("GIVEN a Discord snowflake message id beyond 2^53 THEN it round-trips exactly through the store", async () => {
    const { store } = notifications;
    const edit = { messageId: SNOWFLAKE, kind: "text" as const, rank: 2 };
    expect(
      await store.add([{ id: "snow:1", accountId: null, platform: "discord", chatId: "77", text: "x", edit }]),
    ).toEqual(["snow:1"]);
    // Each platform's sweeper re-queues only its own rows.
    const later = new Date(Date.now() + 60_000);
    expect((await store.listPending("discord", later, 100)).map((p) => p.id)).toContain("snow:1");
    expect((await store.listPending("telegram", later, 100)).map((p) => p.id)).not.toContain("snow:1");
    expect((await store.claim("snow:1"))?.edit).toEqual(edit);
    await store.sent("snow:1", SNOWFLAKE);
    expect((await store.get("snow:1"))?.messageId).toBe(SNOWFLAKE);
    // As JS numbers, …789 and …788 are the same; as stored, they are not.
    expect(await store.supersededEdit("discord", "77", SNOWFLAKE, 1)).toBe(true);
    expect(await store.supersededEdit("discord", "77", "1234567890123456788", 1)).toBe(false);
    expect(await store.supersededEdit("telegram", "77", SNOWFLAKE, 1)).toBe(false);
  });
});
