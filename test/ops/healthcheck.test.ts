// scripts/healthcheck.mjs, the containers' healthcheck: healthy only on HTTP 200 in time.
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../app/local-redis.js";

let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/ok") res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    else if (req.url === "/degraded")
      res.writeHead(503).end('{"status":"degraded","checks":{"database":"ok","redis":"failing"}}');
    // /hang: never answers
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function healthcheck(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ["scripts/healthcheck.mjs", ...args], (_error, _stdout, stderr) =>
      resolve({ code: child.exitCode, stderr }),
    );
  });
}

describe("scripts/healthcheck.mjs", () => {
  it("GIVEN /healthz answers 200 THEN it exits 0", async () => {
    expect(await healthcheck(`${base}/ok`)).toEqual({ code: 0, stderr: "" });
  });

  it("GIVEN a 503 THEN it exits 1 and prints the failing check", async () => {
    const result = await healthcheck(`${base}/degraded`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HTTP 503 {"status":"degraded","checks":{"database":"ok","redis":"failing"}}');
  });

  it("GIVEN no answer within the timeout THEN it exits 1 and says so", async () => {
    const result = await healthcheck(`${base}/hang`, "300");
    expect(result).toEqual({ code: 1, stderr: `${base}/hang: no answer within 300 ms\n` });
  });

  it("GIVEN nothing listens THEN it exits 1 with the connection error", async () => {
    const url = `http://127.0.0.1:${await freePort()}/healthz`;
    expect(await healthcheck(url)).toEqual({ code: 1, stderr: `${url}: ECONNREFUSED\n` });
  });

  it("GIVEN no URL THEN it exits 1 (Docker reserves 2) with its usage", async () => {
    expect(await healthcheck()).toEqual({
      code: 1,
      stderr: "usage: node scripts/healthcheck.mjs <url> [timeout-ms]\n",
    });
  });
});
