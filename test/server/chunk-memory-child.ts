// The server side of chunk-memory.test.ts, in its own process (run with --expose-gc) so that
// only the server's memory is measured: the upload API storing chunks on S3 (the fake runs in
// the test's process). Answers "measure" with its memory after a full GC, and "peak" with the
// most it used since the last "measure".
import { s3Storage, type S3Options } from "../../server/uploads/s3-storage.js";
import { startUploadHarness } from "./uploads/upload-harness.js";

const MiB = 1024 * 1024;
const s3 = JSON.parse(process.argv[2]!) as S3Options;
const gc = (globalThis as { gc?: () => void }).gc!;

const used = () => {
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, external: m.external, rss: m.rss };
};
let peak = used();
setInterval(() => {
  const now = used();
  for (const k of Object.keys(peak) as Array<keyof typeof peak>) peak[k] = Math.max(peak[k], now[k]);
}, 5).unref();

const h = await startUploadHarness(
  { maxUploadBytes: 512 * MiB, maxChunksPerUpload: 64, maxChunksPerAccount: 64 },
  undefined,
  { storage: s3Storage(s3) },
);
process.on("message", (message: string) => {
  if (message === "measure") {
    for (let i = 0; i < 3; i++) gc();
    peak = used();
    process.send!({ measure: peak });
  } else if (message === "peak") process.send!({ peak });
  else void h.close().then(() => process.exit(0));
});
process.send!({ url: h.url, code: h.issueCode("acc-1") });
