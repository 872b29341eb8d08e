// What the focused window means for capture: whether it is a blocked app (capture pauses),
// whether it is a sensitive window (keys dropped) and whether every key's identity is masked.
// Pure, so the rules are tested without X.

import { matchSensitive, sensitivePatterns, type SensitivePattern } from "./sensitive-windows.js";

export interface FocusedWindow {
  readonly name: string;
  readonly className: string;
  /** The focused object inside it is a password field (accessibility API). */
  readonly password?: boolean;
}

/** The sensitiveBy of a password field found through the accessibility API. */
export const PASSWORD_FIELD = "password field (accessibility)";

export interface FocusDecision {
  /** The app name written to app_focus events (window class, else title); null when unknown. */
  readonly app: string | null;
  /** The blocklist entry the window matched, or null. */
  readonly blockedBy: string | null;
  /** The sensitive-window pattern the window matched (its keys are dropped), or null. */
  readonly sensitiveBy: string | null;
  /** Every key's identity is hidden (--mask-all). */
  readonly mask: boolean;
}

export interface FocusRules {
  readonly blocklist: readonly string[];
  readonly maskAll: boolean;
  /** Sensitive-window patterns; the built-in ones when absent. */
  readonly sensitive?: readonly SensitivePattern[];
}

/** Focus could not be read: blocked when a blocklist is enforced, and sensitive (fail closed). */
export const UNREADABLE_FOCUS = "focus unreadable";

const builtIn = sensitivePatterns();

/**
 * Decides capture for the focused window. A blocklist entry matches, case-insensitively, a
 * window whose class or title contains it ("keepass" blocks "KeePassXC"). A sensitive
 * window's title never becomes its app name.
 */
export function decideFocus(window: FocusedWindow | null, rules: FocusRules): FocusDecision {
  if (!window) return { app: null, blockedBy: null, sensitiveBy: null, mask: rules.maskAll };
  const haystacks = [window.className, window.name].map((s) => s.toLowerCase());
  const blockedBy =
    rules.blocklist.find((entry) => entry.trim() !== "" && haystacks.some((h) => h.includes(entry.toLowerCase()))) ??
    null;
  const sensitiveBy =
    matchSensitive(window, rules.sensitive ?? builtIn)?.source ?? (window.password ? PASSWORD_FIELD : null);
  return {
    app: (sensitiveBy ? window.className : window.className || window.name) || null,
    blockedBy,
    sensitiveBy,
    mask: rules.maskAll,
  };
}

/** The decision when the focused window cannot be read: nothing typed is kept. */
export function unreadableFocus(rules: FocusRules): FocusDecision {
  return {
    app: null,
    blockedBy: rules.blocklist.some((entry) => entry.trim() !== "") ? UNREADABLE_FOCUS : null,
    sensitiveBy: UNREADABLE_FOCUS,
    mask: rules.maskAll,
  };
}
