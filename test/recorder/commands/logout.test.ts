import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { logout } from "../../../recorder/commands/logout.js";
import { parseCommand } from "../../../recorder/cli/parse-command.js";
import { saveConfig } from "../../../recorder/home/forge-home.js";
import { tempHome, testContext } from "../recording-builder.js";

const TOKEN = "fdt_device-token-secret-logout-0000000000000000";
const SERVER = "http://forge.test";

/** A paired home, and a fetch that records calls and answers with `status` (or fails). */
async function paired(answer: number | "offline") {
  const home = await tempHome();
  await saveConfig(home, { server: SERVER, deviceToken: TOKEN, accountId: "acc-1", factoryId: "f1", taskId: "t1" });
  const calls: Array<{ url: string; method?: string; authorization?: string }> = [];
  const fetcher = (async (url: string, init?: RequestInit) => {
    calls.push({
      url: String(url),
      method: init?.method,
      authorization: (init?.headers as Record<string, string> | undefined)?.authorization,
    });
    if (answer === "offline") throw new TypeError("fetch failed");
    return new Response(answer === 200 ? JSON.stringify({ revoked: true }) : "{}", { status: answer });
  }) as typeof fetch;
  const { ctx, io } = testContext(home, { fetch: fetcher });
  const saved = async () => JSON.parse(await readFile(join(home, "config.json"), "utf8")) as Record<string, unknown>;
  return { home, ctx, io, calls, saved };
}

describe("forge logout", () => {
  it("parses as a command of its own, without arguments", () => {
    expect(parseCommand(["logout"])).toEqual({ ok: true, command: { command: "logout" } });
    expect(parseCommand(["logout", "extra"])).toMatchObject({ ok: false });
  });

  it("GIVEN a paired recorder THEN the server revokes the token and it is removed locally, never printed", async () => {
    const p = await paired(200);
    await logout(p.ctx);
    expect(p.calls).toEqual([
      { url: `${SERVER}/api/recorder/logout`, method: "POST", authorization: `Bearer ${TOKEN}` },
    ]);
    expect(await p.saved()).toEqual({ server: SERVER });
    expect((await stat(join(p.home, "config.json"))).mode & 0o777).toBe(0o600);
    expect(p.io.lines.join("\n")).toContain("revoked this recorder's token");
    expect([...p.io.lines, ...p.io.errors].join("\n")).not.toContain(TOKEN);
  });

  it("GIVEN the server is unreachable THEN the token is still removed locally and it says the server did not revoke it", async () => {
    const p = await paired("offline");
    await expect(logout(p.ctx)).rejects.toMatchObject({
      kind: "environment",
      message: expect.stringMatching(/removed from this machine, but .* could not be reached .*\/devices/),
    });
    expect(await p.saved()).toEqual({ server: SERVER });
  });

  it("GIVEN a server failing with 500 THEN it does not claim the token was revoked", async () => {
    const p = await paired(500);
    await expect(logout(p.ctx)).rejects.toMatchObject({ message: expect.stringContaining("answered 500") });
    expect(await p.saved()).toEqual({ server: SERVER });
  });

  it("GIVEN a recorder that is not paired THEN it says so and calls nobody", async () => {
    const home = await tempHome();
    const calls: string[] = [];
    const { ctx, io } = testContext(home, { fetch: (async (url: string) => void calls.push(url)) as never });
    await logout(ctx);
    expect(calls).toEqual([]);
    expect(io.lines.join("\n")).toContain("not paired");
  });
});
