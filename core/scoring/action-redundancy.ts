import type { Action } from "../recordings/action.js";

const REPEAT_CLICK_PX = 10;
const REPEAT_CLICK_MS = 2000;
const SCROLL_REVERSAL_MS = 3000;
const UNDO = new Set(["Control+z", "Meta+z"]);

/**
 * The share of actions (0..1) that repeat or undo the previous one: a click on the same spot
 * within 2 s that did not make a double click, a scroll reversing the previous scroll within
 * 3 s, an undo hotkey. The efficiency term of the score; 0 for an empty sequence.
 */
export function actionRedundancy(actions: readonly Action[]): number {
  if (actions.length === 0) return 0;
  let redundant = 0;
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i]!;
    const previous = actions[i - 1];
    if (a.kind === "hotkey" && UNDO.has(a.keys?.join("+") ?? "")) redundant++;
    else if (previous && repeatsClick(previous, a)) redundant++;
    else if (previous && reversesScroll(previous, a)) redundant++;
  }
  return redundant / actions.length;
}

function repeatsClick(previous: Action, a: Action): boolean {
  const clicks = ["click", "double_click", "right_click"];
  if (!clicks.includes(a.kind) || !clicks.includes(previous.kind)) return false;
  const near = Math.hypot((a.x ?? 0) - (previous.x ?? 0), (a.y ?? 0) - (previous.y ?? 0)) <= REPEAT_CLICK_PX;
  return near && a.atMs - previous.atMs <= REPEAT_CLICK_MS;
}

function reversesScroll(previous: Action, a: Action): boolean {
  if (a.kind !== "scroll" || previous.kind !== "scroll") return false;
  return Math.sign(a.delta ?? 0) === -Math.sign(previous.delta ?? 0) && a.atMs - previous.atMs <= SCROLL_REVERSAL_MS;
}
