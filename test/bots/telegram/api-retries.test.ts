// A dead network must not hang a handler or a notification job: calls give up after a few
// retries; polling alone keeps trying, and says so in the log.
import { Api, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { apiRetries } from "../../../bots/telegram/api-retries.js";

const TOKEN = "123456:RETRY-TOKEN-abcdefghijklmnopqrstu";

/** An Api whose requests fail at the network level `failures` times, then succeed. */
function apiOverFlakyNetwork(failures: number, options: Parameters<typeof apiRetries>[0] = {}) {
  const calls: string[] = [];
  let left = failures;
  const fetch = (async (url: string | URL | Request) => {
    const method = String(url).split("/").pop()!;
    calls.push(method);
    if (left-- > 0) throw new TypeError("fetch failed: connect ECONNREFUSED");
    const result =
      method === "getUpdates" ? [] : { message_id: 1, date: 0, chat: { id: 1, type: "private" }, text: "hi" };
    return new Response(JSON.stringify({ ok: true, result }), { headers: { "content-type": "application/json" } });
  }) as typeof globalThis.fetch;
  const api = new Api(TOKEN, { fetch });
  api.config.use(...apiRetries({ delaysMs: [1, 1, 1], pollingMaxDelayMs: 4, ...options }));
  return { api, calls };
}

describe("Bot API calls over a failing network", () => {
  it("GIVEN the network is down THEN a send tries 4 times in all and then fails with the network error", async () => {
    const { api, calls } = apiOverFlakyNetwork(Infinity);
    await expect(api.sendMessage(1, "hi")).rejects.toBeInstanceOf(HttpError);
    expect(calls).toEqual(["sendMessage", "sendMessage", "sendMessage", "sendMessage"]);
  });

  it("GIVEN the network comes back within the retries THEN the send goes through once", async () => {
    const { api, calls } = apiOverFlakyNetwork(2);
    expect((await api.sendMessage(1, "hi")).message_id).toBe(1);
    expect(calls).toHaveLength(3);
  });

  it("GIVEN polling over a network down for a while THEN getUpdates keeps trying, reporting each failure", async () => {
    const reported: number[] = [];
    const { api, calls } = apiOverFlakyNetwork(8, { onPollingFailure: (_e, ms) => reported.push(ms) });
    expect(await api.getUpdates()).toEqual([]);
    expect(calls).toHaveLength(9);
    expect(reported).toHaveLength(8);
    expect(Math.max(...reported)).toBeLessThanOrEqual(4);
  });

  it("GIVEN Telegram answers with an error THEN it is not a network failure: no retry", async () => {
    let n = 0;
    const api = new Api(TOKEN, {
      fetch: (async () => {
        n++;
        return new Response(JSON.stringify({ ok: false, error_code: 403, description: "Forbidden: bot was blocked" }), {
          headers: { "content-type": "application/json" },
        });
      }) as typeof globalThis.fetch,
    });
    api.config.use(...apiRetries({ delaysMs: [1, 1, 1] }));
    await expect(api.sendMessage(1, "hi")).rejects.toThrow(/blocked/);
    expect(n).toBe(1);
  });
});
