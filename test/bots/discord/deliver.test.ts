// The Discord delivery against the local Discord emulator (its REST API): what Discord is asked,
// and the outcome the delivery queue acts on.
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { ButtonStyle, ComponentType, REST } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discordDeliverer, discordRest } from "../../../bots/discord/deliver.js";
import type { StoredNotification } from "../../../core/ports/notifications.js";
import { startDiscordEmulator, type DiscordEmulator } from "../../support/discord/emulator.js";

const DORA = { id: "1234567890123456781", username: "dora" };
const ERIN = { id: "1234567890123456782", username: "erin" };
const NOBODY = "1234567890123456789";

const note = (over: Partial<StoredNotification> = {}): StoredNotification => ({
  id: "n1",
  accountId: null,
  platform: "discord",
  chatId: DORA.id,
  format: "markup",
  text: "**Paid** 5 USDC to `AbCd…WxYz` for my_task",
  status: "sending",
  attempts: 0,
  createdAt: new Date(),
  ...over,
});

describe("Discord delivery", () => {
  let emulator: DiscordEmulator;
  let deliver: ReturnType<typeof discordDeliverer>;

  beforeAll(async () => {
    emulator = await startDiscordEmulator({ users: [DORA, ERIN], closedDms: [ERIN.id] });
    deliver = discordDeliverer(discordRest({ token: emulator.token, apiRoot: emulator.apiRoot }));
  });
  afterAll(async () => emulator?.close());

  it("GIVEN a notification to a user id WHEN delivered THEN it lands in their DMs as Discord markdown with its buttons, pinging nobody", async () => {
    const outcome = await deliver(
      note({
        buttons: [
          [
            { label: "Appeal", data: "appeal:r1" },
            { label: "Explorer", url: "https://explorer.solana.com/tx/1" },
          ],
        ],
      }),
    );
    const [message] = emulator.dms(DORA.id);
    expect(outcome).toEqual({ kind: "sent", messageId: message!.id });
    expect(message!.id).toMatch(/^\d{17,20}$/);
    expect(message!.content).toBe("**Paid** 5 USDC to `AbCd…WxYz` for my\\_task");
    expect(message!.components).toEqual([
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: "Appeal", custom_id: "appeal:r1" },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Link,
            label: "Explorer",
            url: "https://explorer.solana.com/tx/1",
          },
        ],
      },
    ]);
    const post = emulator.requests.find((r) => r.method === "POST" && r.path.endsWith("/messages"));
    expect(post?.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it("GIVEN a message sent earlier WHEN an edit names its channel and id THEN that message changes and its buttons go", async () => {
    await deliver(note({ id: "n2", text: "waiting", buttons: [[{ label: "Open", url: "https://x.example" }]] }));
    const message = emulator.dms(DORA.id).at(-1)!;
    const outcome = await deliver(
      note({
        id: "n3",
        chatId: message.channel_id,
        text: "**paid**",
        edit: { messageId: message.id, kind: "photo", rank: 2 },
      }),
    );
    expect(outcome).toEqual({ kind: "sent", messageId: message.id });
    const edited = emulator.dms(DORA.id).find((m) => m.id === message.id)!;
    expect(edited.content).toBe("**paid**");
    expect(edited.components ?? []).toEqual([]);
  });

  it("GIVEN a person whose DMs are closed (50007) or an unknown user THEN unreachable, and nothing is posted", async () => {
    expect(await deliver(note({ chatId: ERIN.id }))).toMatchObject({ kind: "unreachable" });
    expect(await deliver(note({ chatId: NOBODY }))).toMatchObject({ kind: "unreachable" });
    expect(emulator.dms(ERIN.id)).toEqual([]);
  });

  it("GIVEN Discord answers 429 THEN rate limited with its retry_after, and nothing is posted", async () => {
    const before = emulator.dms(DORA.id).length;
    emulator.rateLimitOnce("POST", /^\/channels\/\d+\/messages$/, 2.5);
    const outcome = await deliver(note());
    // retry_after, plus the small offset @discordjs/rest adds to every reset.
    expect(outcome).toMatchObject({ kind: "rate_limited" });
    expect(outcome.kind === "rate_limited" && outcome.retryAfterMs).toBeGreaterThanOrEqual(2_500);
    expect(emulator.dms(DORA.id)).toHaveLength(before);
  });

  it("GIVEN a client that waits out 429s itself (a plain REST) THEN the message still lands once", async () => {
    const plain = discordDeliverer(new REST({ api: emulator.apiRoot }).setToken(emulator.token));
    const before = emulator.dms(DORA.id).length;
    emulator.rateLimitOnce("POST", /^\/channels\/\d+\/messages$/);
    expect(await plain(note())).toMatchObject({ kind: "sent" });
    expect(emulator.dms(DORA.id)).toHaveLength(before + 1);
  });

  it("GIVEN Discord cannot be reached THEN retry (nothing can have been sent)", async () => {
    const closed = await closedPort();
    const offline = discordDeliverer(discordRest({ token: emulator.token, apiRoot: `http://127.0.0.1:${closed}/api` }));
    expect(await offline(note())).toMatchObject({ kind: "retry" });
  });

  it("GIVEN an old row holding Telegram HTML THEN it is not sent to Discord", async () => {
    const before = emulator.dms(DORA.id).length;
    expect(await deliver(note({ format: "html", text: "<b>old</b>" }))).toMatchObject({ kind: "failed" });
    expect(emulator.dms(DORA.id)).toHaveLength(before);
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
