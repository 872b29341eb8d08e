// The notification queues the queue dashboard lists before their first job: one per platform
// notifications go to.
import { describe, expect, it } from "vitest";
import { notificationQueues } from "../../app/notifications.js";

describe("notification queues on the dashboard", () => {
  it("GIVEN no DISCORD_TOKEN THEN only Telegram's queue", () => {
    expect(notificationQueues({})).toEqual(["notify-telegram"]);
  });

  it("GIVEN DISCORD_TOKEN THEN Discord's queue too", () => {
    expect(notificationQueues({ DISCORD_TOKEN: "x".repeat(60) })).toEqual(["notify-telegram", "notify-discord"]);
  });
});
