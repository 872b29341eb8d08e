import { Writable } from "node:stream";
import { expect, it } from "vitest";
import { createLogger } from "../../app/logger.js";

it("never writes secrets to the logs", () => {
  let out = "";
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => ((out += chunk.toString()), done()) });
  const logger = createLogger("info", sink);
  logger.info(
    { TREASURY_KEYPAIR: "[9,9,9]", config: { TELEGRAM_BOT_TOKEN: "123:SECRETSECRETSECRETSECRET" }, token: "t0k3n" },
    "hello",
  );
  expect(out).toContain("hello");
  expect(out).not.toContain("[9,9,9]");
  expect(out).not.toContain("SECRETSECRET");
  expect(out).not.toContain("t0k3n");
  expect(out).toContain("[redacted]");
});
