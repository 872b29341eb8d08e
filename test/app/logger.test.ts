import { spawnSync } from "node:child_process";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, throttledErrors } from "../../app/logger.js";

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
