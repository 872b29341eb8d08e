// What the focused window means for capture: whether it is a blocked app (capture pauses)
// and whether keystrokes into it must be masked. Pure, so the rules are tested without X.

export interface FocusedWindow {
  readonly name: string;
  readonly className: string;
}

/** Window titles that usually hold a password field. */
export const PASSWORD_WINDOW = /password|passwort|contraseña|mot de passe|login|log in|sign in|anmelden/i;

export interface FocusDecision {
  /** The app name written to app_focus events (window class, else title); null when unknown. */
  readonly app: string | null;
  /** The blocklist entry the window matched, or null. */
  readonly blockedBy: string | null;
  readonly mask: boolean;
}

/**
 * Decides capture for the focused window. A blocklist entry matches, case-insensitively, a
 * window whose class or title contains it ("keepass" blocks "KeePassXC").
 */
export function decideFocus(
  window: FocusedWindow | null,
  rules: { blocklist: readonly string[]; maskAll: boolean },
): FocusDecision {
  if (!window) return { app: null, blockedBy: null, mask: rules.maskAll };
  const haystacks = [window.className, window.name].map((s) => s.toLowerCase());
  const blockedBy =
    rules.blocklist.find((entry) => entry.trim() !== "" && haystacks.some((h) => h.includes(entry.toLowerCase()))) ??
    null;
  return {
    app: window.className || window.name || null,
    blockedBy,
    mask: rules.maskAll || PASSWORD_WINDOW.test(window.name),
  };
}
