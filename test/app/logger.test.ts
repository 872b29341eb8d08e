import { spawnSync } from "node:child_process";
import { Writable } from "node:stream";
import { Api, GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { freePort } from "../../app/local-redis.js";
import { createLogger, throttledErrors } from "../../app/logger.js";
import { DomainError } from "../../core/shared/errors.js";

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger("debug", stream), lines };
}

describe("logs of a dependency that is down", () => {
  it("show one line per source and kind per period, with how many were not shown since", async () => {
    const { logger, lines } = capture();
    const report = throttledErrors(logger, 100);
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379"), { code: "ECONNREFUSED" });
    for (let i = 0; i < 50; i++) report("redis", refused);
    report("postgres", new Error("terminating connection due to administrator command"));
    expect(lines.map((l) => [l.source, l.notShownSince])).toEqual([
      ["redis", 0],
      ["postgres", 0],
    ]);
    await new Promise((r) => setTimeout(r, 150));
    report("redis", refused);
    expect(lines.at(-1)).toMatchObject({ source: "redis", notShownSince: 49, msg: "redis connection error" });
  });
});

describe("process warnings", () => {
  it("are JSON lines on stdout, once each, and nothing on stderr", () => {
    const script = `
      const { createLogger, logProcessWarnings } = await import("./app/logger.ts");
      logProcessWarnings(createLogger("info"));
      for (let i = 0; i < 3; i++) process.emitWarning("Node 20 is no longer supported", "NodeDeprecationWarning");
      process.emitWarning("something else");
      await new Promise((r) => setTimeout(r, 50));`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
      cwd: new URL("../..", import.meta.url).pathname,
    });
    expect(run.stderr).toBe("");
    const lines = run.stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { level: number; msg: string; warning: { name: string; message: string } });
    expect(lines.map((l) => [l.level, l.msg, l.warning.name, l.warning.message])).toEqual([
      [40, "process warning", "NodeDeprecationWarning", "Node 20 is no longer supported"],
      [40, "process warning", "Warning", "something else"],
    ]);
  });
});

describe("errors in the logs", () => {
  const TOKEN = "7012345678:AAF-secretTokenPart_abcdefghijklmnop";

  it("a refused Bot API call keeps the method, error code and description, not the message it carried", () => {
    const { logger, lines } = capture();
    const refused = new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } },
      "sendMessage",
      {
        chat_id: 111,
        text: "Run <code>forge login KX7QM4PZ</code>",
        caption: "caption-marker",
        reply_markup: { inline_keyboard: [[{ text: "button-marker", callback_data: "task:f1:0" }]] },
      },
    );
    logger.error({ err: refused }, "send failed");
    expect(lines[0]!.err).toEqual({
      type: "GrammyError",
      message: "Call to 'sendMessage' failed! (429: Too Many Requests: retry after 7)",
      method: "sendMessage",
      error_code: 429,
      description: "Too Many Requests: retry after 7",
      retry_after: 7,
      stack: expect.stringContaining("GrammyError: Call to 'sendMessage' failed!"),
    });
    expect(JSON.stringify(lines)).not.toMatch(/KX7QM4PZ|caption-marker|button-marker|task:f1/);
  });

  it("a network failure keeps its code, with the bot token scrubbed from every URL that named it", async () => {
    const { logger, lines } = capture();
    const api = new Api(TOKEN, { apiRoot: `http://127.0.0.1:${await freePort()}` });
    const failure = await api.getMe().then(
      () => expect.fail("nobody listens there"),
      (error: unknown) => error as HttpError,
    );
    expect(failure).toBeInstanceOf(HttpError);
    expect(String((failure.error as Error).message)).toContain(TOKEN); // what would have leaked
    logger.warn({ error: failure }, "Bot API unreachable");
    logger.warn(failure.error as Error); // logged bare: its message becomes the line's msg
    expect(lines[0]!.error).toMatchObject({
      type: "HttpError",
      message: "Network request for 'getMe' failed!",
      error: { code: "ECONNREFUSED", message: expect.stringContaining("/bot[redacted]/getMe failed") },
    });
    expect(lines[1]!.msg).toMatch(/^request to http:\/\/127\.0\.0\.1:\d+\/bot\[redacted\]\/getMe failed/);
    expect(JSON.stringify(lines)).not.toContain("secretTokenPart");
  });

  it("keeps an error's cause and the ids in a domain error's context, and drops contexts, updates and bodies", () => {
    const { logger, lines } = capture();
    const domain = new DomainError("AMOUNT_INVALID", { input: "typed-marker", factoryId: "f1", limit: 3 });
    const wrapped = Object.assign(new Error("handler failed", { cause: domain }), {
      ctx: { update: { message: { text: "typed-marker", from: { first_name: "Alicia" } } } },
      update: { update_id: 9, message: { text: "typed-marker" } },
      body: '{"text":"typed-marker"}',
      config: { token: TOKEN },
    });
    logger.error({ err: wrapped }, "failed");
    expect(lines[0]!.err).toEqual({
      type: "Error",
      message: "handler failed",
      stack: expect.any(String),
      cause: {
        type: "DomainError",
        message: "AMOUNT_INVALID",
        code: "AMOUNT_INVALID",
        context: { factoryId: "f1", limit: 3 },
        stack: expect.any(String),
      },
    });
    expect(JSON.stringify(lines)).not.toMatch(/typed-marker|Alicia|secretTokenPart/);
  });

  it("a bot token in a plain string or a log message is scrubbed too", () => {
    const { logger, lines } = capture();
    logger.error({ err: `getUpdates failed for ${TOKEN}` }, `polling stopped: https://api.telegram.org/bot${TOKEN}/x`);
    expect(lines[0]).toMatchObject({
      err: "getUpdates failed for [redacted]",
      msg: "polling stopped: https://api.telegram.org/bot[redacted]/x",
    });
  });
});
