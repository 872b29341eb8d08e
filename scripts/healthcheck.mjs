#!/usr/bin/env node
// A container healthcheck without curl (the slim image has none): `node scripts/healthcheck.mjs
// <url> [timeout-ms]` exits 0 only when the URL answers HTTP 200 within the timeout (default
// 5000 ms). Otherwise it prints why (the body of a 503 names the failing check) and exits 1;
// Docker keeps that output in `docker inspect`.
/* global fetch, AbortSignal */
const [url, timeoutArg = "5000"] = process.argv.slice(2);
const timeoutMs = Number(timeoutArg);

if (!url || !URL.canParse(url) || !(timeoutMs > 0)) {
  console.error("usage: node scripts/healthcheck.mjs <url> [timeout-ms]");
  process.exit(1); // Docker reserves exit code 2
}

try {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const body = (await response.text()).slice(0, 1_000);
  if (response.status === 200) process.exit(0);
  console.error(`${url}: HTTP ${response.status} ${body}`);
} catch (error) {
  const timedOut = error instanceof Error && error.name === "TimeoutError";
  console.error(
    `${url}: ${timedOut ? `no answer within ${timeoutMs} ms` : (error?.cause?.code ?? error?.cause?.message ?? String(error))}`,
  );
}
process.exit(1);
