// Recognises text addressed to the grader rather than to the task: the classic "ignore
// previous instructions", role play ("you are the grader"), score demands, chat-template
// markers. The model is told the data is untrusted, but a model can still be talked round,
// so our code caps the score when this fires (see judge.ts); the model's word is not final.

/** The flag the judge reports when farmer-controlled content tries to instruct the grader. */
export const INJECTION_FLAG = "prompt_injection_attempt";

// Phrases in normal text. Bounded gaps (`.{0,30}`) keep matching linear on long input.
const PHRASES: readonly RegExp[] = [
  /\bignore\s+(?:all\s+|any\s+|the\s+|your\s+)?(?:previous|prior|above|earlier|preceding)\b/i,
  /\b(?:ignore|disregard|forget|override|bypass)\b.{0,30}\b(?:instructions?|rules?|prompts?|guidelines)\b/i,
  /\byou\s+are\s+(?:now\s+)?(?:a|an|the|my)\s+(?:grader|judge|evaluator|reviewer|assistant|ai|model|system|scorer)\b/i,
  /\b(?:act|behave|pretend)\s+(?:as|like|to\s+be)\s+(?:a|an|the)\s+(?:grader|judge|evaluator|ai|system)\b/i,
  /\bsystem\s+(?:prompt|message|instructions?)\b/i,
  /\b(?:score|rate|grade|mark|give)\s+(?:this|it|me|the\s+\w+)\s+(?:a\s+|an\s+)?(?:100|10\s*\/\s*10|perfect|full|maximum|max)\b/i,
  // Only words that name the grader itself: "chatgpt" or "gpt-4" are legitimate in tasks that
  // use AI tools, and a false positive here caps an honest farmer's score.
  /\b(?:grader|grading\s+(?:model|agent|ai))\b/i,
  /\bas\s+an?\s+(?:ai|language\s+model|assistant)\b/i,
  /\bnew\s+instructions?\b/i,
  /"?\bscore"?\s*[:=]\s*"?100\b/i,
  /<\|im_(?:start|end)\|>|\[\/?INST\]|<\/?(?:system|assistant)>|#{2,}\s*(?:system|instructions?)\b/i,
];

// The same ideas with all spaces and punctuation removed, to catch "i g n o r e  p r e v i o u s".
const SQUASHED: readonly RegExp[] = [
  /ignore(?:all|any|the|your)?(?:previous|prior|above)/,
  /scor(?:e|ing)(?:this|it|me)(?:a)?100/,
  /youarethe(?:grader|judge|evaluator)/,
];

// Zero-width and bidi-control characters hide text from people and from regexes alike.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g;
const MAX_SCANNED = 200_000;

export interface InjectionFinding {
  readonly detected: boolean;
  /** The matched snippets, for logs and the reason shown to the farmer. */
  readonly matches: string[];
}

/**
 * Looks for instructions aimed at the grader in untrusted text (typed text, app names,
 * task text). Normalises Unicode (NFKC) and strips invisible characters first.
 */
export function detectInjection(text: string): InjectionFinding {
  const normal = text.slice(0, MAX_SCANNED).normalize("NFKC").replace(INVISIBLE, "");
  const matches: string[] = [];
  for (const pattern of PHRASES) {
    const m = pattern.exec(normal);
    if (m) matches.push(m[0]);
  }
  const squashed = normal.toLowerCase().replace(/[^a-z0-9]+/g, "");
  for (const pattern of SQUASHED) {
    const m = pattern.exec(squashed);
    if (m) matches.push(m[0]);
  }
  return { detected: matches.length > 0, matches: [...new Set(matches)] };
}
