// The judge against a local OpenAI-compatible server on loopback: request shape, parsing,
// retries and the two error codes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLlmJudge, type LlmJudgeOptions } from "../../llm/judge.js";
import { startOpenAiServer, type OpenAiServer } from "../support/openai-server.js";
import { capturingLogger, shoppingListInput, typing } from "./builders.js";

const API_KEY = "sk-test-SUPERSECRETKEY-1234567890";
const verdict = (v: unknown) => ({ content: JSON.stringify(v) });

describe("LLM judge over an OpenAI-compatible API", () => {
  let server: OpenAiServer;
  beforeAll(async () => {
    server = await startOpenAiServer();
  });
  afterAll(() => server.close());
  afterEach(() => void server.requests.splice(0));

  const judgeWith = (o: Partial<LlmJudgeOptions> = {}) =>
    createLlmJudge({ baseUrl: server.baseUrl, model: "mock-grader", retryBaseMs: 10, ...o });

  it("GIVEN a relevant recording WHEN judged THEN the grader's score and reasons come back", async () => {
    const result = await judgeWith().judge(shoppingListInput());
    expect(result).toEqual({
      ok: true,
      value: { score: expect.any(Number), reasons: [expect.stringMatching(/task keywords appear/)], flags: [] },
    });
    if (!result.ok) return;
    expect(result.value.score).toBeGreaterThanOrEqual(40);
    expect(Number.isInteger(result.value.score)).toBe(true);
  });

  it("GIVEN an unrelated recording WHEN judged THEN it scores lower than the relevant one", async () => {
    const judge = judgeWith();
    const good = await judge.judge(shoppingListInput());
    const bad = await judge.judge(shoppingListInput({ actions: [typing("lorem ipsum", 0)] }));
    expect(good.ok && bad.ok && bad.value.score < good.value.score).toBe(true);
  });

  it("sends model, temperature 0, JSON mode, a system and a user message and the bearer key, and never logs the key", async () => {
    const { logger, output } = capturingLogger();
    server.replyNext({ status: 503, body: `{"error":{"message":"busy"}}` });
    await judgeWith({ apiKey: API_KEY, logger }).judge(shoppingListInput());
    const request = server.requests.at(-1)!;
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.body).toMatchObject({
      model: "mock-grader",
      temperature: 0,
      response_format: { type: "json_object" },
    });
    expect(request.body?.messages?.map((m) => m.role)).toEqual(["system", "user"]);
    expect(output()).toContain("LLM judge retrying");
    expect(output()).toContain("LLM judge request");
    expect(output()).not.toContain("SUPERSECRETKEY");
  });

  it("GIVEN no api key WHEN judged THEN no Authorization header is sent", async () => {
    await judgeWith().judge(shoppingListInput());
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("GIVEN two 503s WHEN judged with 2 retries THEN the third attempt's verdict is returned", async () => {
    server.replyNext({ status: 503 }, { status: 502 }, verdict({ score: 77, reasons: ["fine"], flags: [] }));
    const result = await judgeWith().judge(shoppingListInput());
    expect(result).toEqual({ ok: true, value: { score: 77, reasons: ["fine"], flags: [] } });
    expect(server.requests).toHaveLength(3);
  });

  it("GIVEN 5xx on every attempt WHEN judged THEN LLM_UNAVAILABLE after 1 + maxRetries attempts", async () => {
    server.replyNext({ status: 500 }, { status: 500 }, { status: 500 });
    const result = await judgeWith({ maxRetries: 2 }).judge(shoppingListInput());
    expect(result).toMatchObject({ ok: false, code: "LLM_UNAVAILABLE", message: expect.stringContaining("HTTP 500") });
    expect(server.requests).toHaveLength(3);
  });

  it("GIVEN a 429 with Retry-After: 1 WHEN judged THEN it waits about a second before retrying", async () => {
    server.replyNext({ status: 429, headers: { "retry-after": "1" }, body: `{"error":{"message":"slow down"}}` });
    const started = Date.now();
    const result = await judgeWith({ retryBaseMs: 1 }).judge(shoppingListInput());
    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it("GIVEN a Retry-After longer than allowed WHEN judged THEN LLM_UNAVAILABLE at once", async () => {
    server.replyNext({ status: 429, headers: { "retry-after": "3600" } });
    const result = await judgeWith({ maxRetryAfterMs: 5_000 }).judge(shoppingListInput());
    expect(result).toMatchObject({ ok: false, code: "LLM_UNAVAILABLE" });
    expect(server.requests).toHaveLength(1);
  });

  it("GIVEN a server slower than the timeout WHEN judged THEN LLM_UNAVAILABLE mentioning the timeout", async () => {
    const slow = { ...verdict({ score: 90, reasons: [], flags: [] }), delayMs: 1_000 };
    server.replyNext(slow, slow);
    const started = Date.now();
    const result = await judgeWith({ timeoutMs: 150, maxRetries: 1 }).judge(shoppingListInput());
    expect(result).toMatchObject({ ok: false, code: "LLM_UNAVAILABLE", message: expect.stringContaining("timed out") });
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("GIVEN nothing listening WHEN judged THEN LLM_UNAVAILABLE", async () => {
    const closed = await startOpenAiServer();
    await closed.close();
    const result = await createLlmJudge({ baseUrl: closed.baseUrl, model: "m", maxRetries: 1, retryBaseMs: 1 }).judge(
      shoppingListInput(),
    );
    expect(result).toMatchObject({ ok: false, code: "LLM_UNAVAILABLE", message: expect.stringContaining("network") });
  });

  it.each([
    ["prose instead of JSON", { content: "I think this deserves a solid eight out of ten." }],
    ["JSON without a score", verdict({ reasons: ["nice"] })],
    ["a body that is not JSON", { status: 200, body: "<html>gateway</html>" }],
    ["no choices", { status: 200, body: JSON.stringify({ object: "chat.completion", choices: [] }) }],
  ])("GIVEN %s WHEN judged THEN LLM_BAD_RESPONSE without retrying", async (_name, reply) => {
    server.replyNext(reply);
    const result = await judgeWith().judge(shoppingListInput());
    expect(result).toMatchObject({ ok: false, code: "LLM_BAD_RESPONSE" });
    expect(server.requests).toHaveLength(1);
  });

  it("GIVEN a score of 150 WHEN judged THEN it is clamped to 100 and flagged", async () => {
    server.replyNext(verdict({ score: 150, reasons: ["amazing"], flags: [] }));
    const result = await judgeWith().judge(shoppingListInput());
    expect(result).toEqual({
      ok: true,
      value: { score: 100, reasons: ["amazing"], flags: ["llm_score_out_of_range"] },
    });
  });

  it("GIVEN a server that ignores JSON mode and wraps the answer in prose WHEN judged THEN the verdict is still read", async () => {
    server.replyNext({ content: 'Here is my grade:\n```json\n{"score": 64, "reasons": ["ok"], "flags": []}\n```' });
    expect(await judgeWith().judge(shoppingListInput())).toEqual({
      ok: true,
      value: { score: 64, reasons: ["ok"], flags: [] },
    });
  });

  it("GIVEN a server that refuses response_format with a 400 WHEN judged THEN it asks again without it", async () => {
    server.replyNext({ status: 400, body: `{"error":{"message":"response_format is not supported"}}` });
    const result = await judgeWith().judge(shoppingListInput());
    expect(result.ok).toBe(true);
    expect(server.requests.map((r) => r.body?.response_format)).toEqual([{ type: "json_object" }, undefined]);
  });

  it("GIVEN a 401 that echoes the key WHEN judged THEN LLM_UNAVAILABLE whose message does not contain the key", async () => {
    server.replyNext({ status: 401, body: `{"error":{"message":"Incorrect API key provided: ${API_KEY}"}}` });
    const result = await judgeWith({ apiKey: API_KEY }).judge(shoppingListInput());
    expect(result).toMatchObject({ ok: false, code: "LLM_UNAVAILABLE", message: "HTTP 401" });
    expect(server.requests).toHaveLength(1);
  });

  it("GIVEN vision and 10 keyframes WHEN judged THEN at most maxImages image_url data URLs are sent", async () => {
    const keyframes = Array.from({ length: 10 }, (_, i) => ({ timeMs: i * 1_000, jpeg: Buffer.from([0xff, 0xd8, i]) }));
    await judgeWith({ vision: true, maxImages: 3 }).judge(shoppingListInput({ keyframes }));
    const content = server.requests[0]!.body!.messages![1]!.content;
    expect(Array.isArray(content)).toBe(true);
    const images = (content as { type: string; image_url?: { url: string } }[]).filter((p) => p.type === "image_url");
    expect(images.map((p) => p.image_url!.url)).toEqual(
      [0, 5, 9].map((i) => `data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, i]).toString("base64")}`),
    );
  });

  it("GIVEN keyframes but vision off WHEN judged THEN the user message is plain text", async () => {
    const keyframes = [{ timeMs: 0, jpeg: Buffer.from([1]) }];
    await judgeWith().judge(shoppingListInput({ keyframes }));
    expect(typeof server.requests[0]!.body!.messages![1]!.content).toBe("string");
  });

  it("answers GET /v1/models like an OpenAI server", async () => {
    const res = await fetch(`${server.baseUrl}/models`);
    expect(await res.json()).toMatchObject({ object: "list", data: [{ id: "mock-grader", object: "model" }] });
  });
});
