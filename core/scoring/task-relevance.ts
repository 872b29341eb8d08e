import type { Action } from "../recordings/action.js";
import type { RecordingMeta } from "../recordings/meta.js";

// Words that say nothing about what a task is about.
const STOPWORDS = new Set(
  (
    "the and for with from into onto that this then than your you are was were will can not " +
    "use using open click type enter press make sure all any each its their there what when " +
    "where which how who why task please should must new one two some more most also just only"
  ).split(" "),
);
const MAX_KEYWORDS = 40;
/** Prompts are long and a demo types little: this many matched keywords is full credit. */
export const KEYWORDS_FOR_FULL_CREDIT = 3;

const PARTS = { quest: 0.25, app: 0.35, keywords: 0.4 } as const;

/**
 * How well a recording matches its task, 0..1, from three parts (weights renormalized over
 * the parts that apply): the recorded quest title against the task title (0.25); the task's
 * app among the focused apps (1) or only in the quest (0.5) (0.35, when the task names an
 * app); the task's keywords found in typed text and focused app names, 3 for full credit
 * (0.4, when anything was typed: a click-only demo cannot be judged on words). Null when
 * nothing applies. Everything here is client-reported, hence a modest weight in the score.
 */
export function taskRelevance(
  task: { title: string; prompt: string; app?: string | null },
  actions: readonly Action[],
  meta: RecordingMeta,
): number | null {
  const focused = actions.flatMap((a) => (a.kind === "app_focus" && a.app ? [a.app] : []));
  const typed = actions.flatMap((a) => (a.kind === "type" && a.text ? [a.text] : []));
  const parts: { weight: number; value: number }[] = [];
  const titleWords = words(task.title);
  if (titleWords.size > 0)
    parts.push({ weight: PARTS.quest, value: overlap(titleWords, words(meta.quest?.title ?? "")) });
  if (task.app) parts.push({ weight: PARTS.app, value: appMatch(task.app, focused, meta.quest?.app) });
  const keywords = [...words(`${task.title} ${task.prompt}`)].slice(0, MAX_KEYWORDS);
  if (keywords.length > 0 && typed.length > 0) {
    const evidence = words([...typed, ...focused].join(" "));
    const found = keywords.filter((k) => evidence.has(k)).length;
    parts.push({
      weight: PARTS.keywords,
      value: Math.min(1, found / Math.min(KEYWORDS_FOR_FULL_CREDIT, keywords.length)),
    });
  }
  const total = parts.reduce((sum, p) => sum + p.weight, 0);
  return total > 0 ? parts.reduce((sum, p) => sum + p.weight * p.value, 0) / total : null;
}

function appMatch(app: string, focused: readonly string[], questApp: string | undefined): number {
  const wanted = squash(app);
  const matches = (candidate: string) => {
    const c = squash(candidate);
    return c.length > 0 && wanted.length > 0 && (c.includes(wanted) || wanted.includes(c));
  };
  if (focused.some(matches)) return 1;
  return questApp !== undefined && matches(questApp) ? 0.5 : 0;
}

function overlap(wanted: ReadonlySet<string>, got: ReadonlySet<string>): number {
  let found = 0;
  for (const w of wanted) if (got.has(w)) found++;
  return found / wanted.size;
}

/** Lower-case words of 3+ letters or digits, stopwords removed. */
function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 3 && !STOPWORDS.has(w)),
  );
}

// "Google Chrome" vs "google-chrome" vs "chrome.exe": compare letters and digits only.
function squash(name: string): string {
  return name
    .toLowerCase()
    .replace(/\.(exe|app)$/, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}
