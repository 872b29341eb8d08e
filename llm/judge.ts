// The Quality Agent's optional LLM judge, over any OpenAI-compatible chat completions API.
//
// Prompt-injection resistance. A recording is made by the person it pays, so everything in
// it (typed text, app names) is hostile input, and the task text (written by a factory
// creator) is untrusted too. Defences, in layers, none of which relies on the model alone:
//  1. Separation: rules, rubric and output contract are in the system message; the data is
//     in the user message between BEGIN_DATA_<nonce> / END_DATA_<nonce> lines, where the
//     nonce is 128 random bits per request, named only in the system message.
//  2. Encoding: the data is one line of JSON (build-transcript.ts): quotes and newlines are
//     escaped, <, > and & too, invisible and bidi characters removed, so no content can
//     close the block or fake a chat-template turn.
//  3. Budget: typed text is clipped to 200 characters per action, every other field has a
//     limit, the block is at most ~12k characters, long sequences keep their start and end
//     and summarise the middle: a flood of text cannot drown the instructions.
//  4. Detection by our code: detect-injection.ts scans the full, unclipped farmer content
//     for text aimed at the grader. If found (or if the model itself flags it), the verdict
//     carries `prompt_injection_attempt`, the score is capped at INJECTION_SCORE_CAP and a
//     reason says why. The final score is decided here, not by the model.
//  5. Narrow output: only `score`, `reasons` and `flags` are read (zod); the score must be an
//     integer in 0..100, otherwise it is rounded/clamped and flagged.
// Screenshots (vision) are untrusted too; text in them is covered by 1 and 4-5 only.
import { buildTranscript } from "./build-transcript.js";
import { INJECTION_FLAG, detectInjection, type InjectionFinding } from "./detect-injection.js";
import { parseVerdict } from "./parse-verdict.js";
import { postChat, safeEndpoint, type PostChatOptions } from "./post-chat.js";
import { newNonce, pickKeyframes, renderMessages } from "./render-prompt.js";
import type { JudgeInput, JudgeLogger, JudgeResult, Verdict } from "./types.js";

export const INJECTION_SCORE_CAP = 20;

export interface LlmJudgeOptions {
  /** e.g. `https://api.openai.com/v1` (LLM_BASE_URL); `/chat/completions` is appended. */
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly retryBaseMs?: number;
  readonly maxRetryAfterMs?: number;
  readonly fetch?: typeof globalThis.fetch;
  readonly logger?: JudgeLogger;
  /** Send keyframes as images (the model must accept `image_url` parts). Default false. */
  readonly vision?: boolean;
  readonly maxImages?: number;
}

export interface LlmJudge {
  judge(input: JudgeInput): Promise<JudgeResult>;
}

/** Farmer-controlled text, scanned in full; matches the task itself asks for are not held against them. */
function scanFarmerContent(input: JudgeInput): InjectionFinding {
  const typed = input.actions.flatMap((a) => [a.text ?? "", a.app ?? ""]).join(" ");
  const { title, prompt, objectives = [] } = input.task;
  // Compared without spaces or punctuation, the way the squashed patterns match; short
  // matches ("[INST]" is "inst") are never exempt, or "install" in a task would excuse them.
  const squash = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, "");
  const taskText = squash([title, prompt, ...objectives].join(" "));
  const exempt = (m: string) => squash(m).length >= 6 && taskText.includes(squash(m));
  const matches = detectInjection(typed).matches.filter((m) => !exempt(m));
  return { detected: matches.length > 0, matches };
}

function capForInjection(verdict: Verdict, finding: InjectionFinding): Verdict {
  if (!finding.detected && !verdict.flags.includes(INJECTION_FLAG)) return verdict;
  const quoted = finding.matches[0] ? ` ("${finding.matches[0].slice(0, 60)}")` : "";
  return {
    score: Math.min(verdict.score, INJECTION_SCORE_CAP),
    reasons: [
      ...verdict.reasons,
      `The recording contains text addressed to the grader${quoted}; the score is capped at ${INJECTION_SCORE_CAP}.`,
    ],
    flags: [...new Set([INJECTION_FLAG, ...verdict.flags])],
  };
}

/** The assistant's text in a chat.completion reply, or null. */
function replyContent(json: unknown): string | null {
  const content = (json as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0]?.message?.content;
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content.map((p: { text?: unknown }) => (typeof p?.text === "string" ? p.text : "")).join("");
  return null;
}

/**
 * Builds the judge. `judge(input)` returns `{ ok: true, value: { score, reasons, flags } }`
 * or `{ ok: false, code }` with LLM_UNAVAILABLE (network, timeout, 5xx/429 after retries,
 * or a refused request) or LLM_BAD_RESPONSE (no parsable verdict in the reply).
 */
export function createLlmJudge(options: LlmJudgeOptions): LlmJudge {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const logger: JudgeLogger | undefined = options.logger;
  const post: PostChatOptions = {
    url,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
    retryBaseMs: options.retryBaseMs ?? 500,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    fetch: options.fetch ?? globalThis.fetch,
    logger,
  };
  return {
    async judge(input) {
      const finding = scanFarmerContent(input);
      if (finding.detected) logger?.warn({ matches: finding.matches }, "LLM judge: prompt injection attempt");
      const transcript = buildTranscript(input);
      const nonce = newNonce();
      const frames = options.vision ? pickKeyframes(input.keyframes ?? [], options.maxImages ?? 4) : [];
      const body = {
        model: options.model,
        messages: renderMessages(nonce, transcript.json, frames),
        temperature: 0,
        response_format: { type: "json_object" },
      };
      logger?.debug(
        { endpoint: safeEndpoint(url), model: options.model, dataChars: transcript.json.length, images: frames.length },
        "LLM judge request",
      );
      let outcome = await postChat(post, body);
      if (!outcome.ok && outcome.kind === "rejected" && (outcome.status === 400 || outcome.status === 422)) {
        // Some servers refuse JSON mode outright; the prompt asks for JSON anyway.
        logger?.warn({ status: outcome.status }, "LLM judge: retrying without response_format");
        const { response_format: _dropped, ...plain } = body;
        outcome = await postChat(post, plain);
      }
      if (!outcome.ok)
        return outcome.kind === "bad_response"
          ? { ok: false, code: "LLM_BAD_RESPONSE", message: outcome.message }
          : { ok: false, code: "LLM_UNAVAILABLE", message: outcome.message };
      const content = replyContent(outcome.json);
      if (content === null)
        return { ok: false, code: "LLM_BAD_RESPONSE", message: "the reply has no assistant message content" };
      const verdict = parseVerdict(content);
      if (!verdict)
        return { ok: false, code: "LLM_BAD_RESPONSE", message: "the reply is not a JSON verdict with a numeric score" };
      return { ok: true, value: capForInjection(verdict, finding) };
    },
  };
}
