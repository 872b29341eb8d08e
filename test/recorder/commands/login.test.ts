import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { login } from "../../../recorder/commands/login.js";
import { tempHome, testContext } from "../recording-builder.js";
import { DEVICE_TOKEN, startFakeUploadServer } from "../upload/fake-upload-server.js";

let server: Awaited<ReturnType<typeof startFakeUploadServer>>;
beforeEach(async () => {
  server = await startFakeUploadServer();
});
afterEach(async () => server.close());

describe("forge login", () => {
  it("GIVEN a valid pairing code THEN the device token and granted task are saved privately and never printed", async () => {
    const home = await tempHome();
    const { ctx, io } = testContext(home);
    await login({ command: "login", code: "PAIR-1234", server: server.url }, ctx);

    const path = join(home, "config.json");
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path, "utf8"))).toMatchObject({
      server: server.url,
      deviceToken: DEVICE_TOKEN,
      factoryId: "factory-1",
      taskId: "task-1",
      taskTitle: "Fill the invoice",
    });
    expect(io.lines.join("\n")).toContain("Task: Fill the invoice (Spreadsheets)");
    expect([...io.lines, ...io.errors].join("\n")).not.toContain(DEVICE_TOKEN);
  });

  it("GIVEN an unknown code THEN the server's reason is shown as a user error and nothing is saved", async () => {
    const home = await tempHome();
    const { ctx } = testContext(home);
    await expect(login({ command: "login", code: "WRONG-0000", server: server.url }, ctx)).rejects.toMatchObject({
      kind: "user",
      message: "the server refused: This code is unknown or expired. (PAIRING_CODE_INVALID)",
    });
    await expect(stat(join(home, "config.json"))).rejects.toThrow();
  });

  it("GIVEN no server named and none at the default address THEN it says to pass the bot's address with --server", async () => {
    const home = await tempHome();
    const { ctx } = testContext(home);
    const offline: typeof fetch = () => Promise.reject(new TypeError("fetch failed"));
    await expect(
      login({ command: "login", code: "PAIR-1234" }, { ...ctx, env: {}, fetch: offline }),
    ).rejects.toMatchObject({
      kind: "environment",
      message: expect.stringContaining("forge login PAIR-1234 --server <address>"),
    });
    // Named explicitly: the plain network error, naming that server.
    await expect(
      login({ command: "login", code: "PAIR-1234", server: "http://127.0.0.1:9" }, { ...ctx, env: {}, fetch: offline }),
    ).rejects.toMatchObject({
      kind: "environment",
      message: expect.stringContaining("cannot reach the Forge server at http://127.0.0.1:9"),
    });
  });
});
