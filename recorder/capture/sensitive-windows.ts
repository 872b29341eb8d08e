import { readFile } from "node:fs/promises";
import { join } from "node:path";

// Sensitive windows: where a password, PIN, passphrase or wallet secret is typed. Keys typed
// while one has the focus are dropped (one "masked input" event per focus stretch). The
// built-in list below is extended by `--sensitive PATTERN` and by the file
// `<forge home>/sensitive-windows.txt` (one pattern a line, `#` comments).
//
// Pattern syntax (case-insensitive):
//   text          the window's title or class contains "text"
//   /regex/       the window's title or class matches the regular expression
//   title:…       only the title (e.g. `title:Vault`, `title:/^Unlock\b/`)
//   class:…       only the window class (X11 WM_CLASS, e.g. `class:pinentry`)

export interface SensitivePattern {
  /** As written, for messages and meta. */
  readonly source: string;
  readonly field: "title" | "class" | "any";
  readonly regex: RegExp;
}

export type PatternResult = { ok: true; value: SensitivePattern } | { ok: false; message: string };

/** The built-in patterns, in the user's syntax (documented in `forge record --help`). */
export const DEFAULT_SENSITIVE_PATTERNS: readonly string[] = [
  // Password managers.
  "keepass", // KeePassXC, KeePass, "Unlock Database - KeePassXC"
  "1password",
  "bitwarden",
  "lastpass",
  // Wallets (apps and browser-extension popups).
  "phantom",
  "solflare",
  "metamask",
  "title:/^backpack\\b/",
  "class:backpack",
  "ledger live",
  "/\\b(seed|recovery) phrase\\b/",
  "/\\bprivate key\\b/",
  // System authentication prompts.
  "authentication required",
  "polkit",
  "/\\bsudo\\b/",
  "passphrase",
  "/\\benter (your |the )?pin\\b/",
  "/\\bpin (code|entry|required)\\b/",
  "/\\bunlock\\b/",
  "class:gcr-prompter",
  "class:pinentry",
  "class:askpass", // ssh-askpass, ksshaskpass
  "class:kwalletd",
  // Password fields and sign-in pages.
  "/password|passwort|contraseña|mot de passe|passcode/",
  "/\\b(sign|log)[- ]?(in|on)\\b/", // Sign in, Sign-in, Signin, Log in, Login, Logon
  "/\\banmelden\\b|\\biniciar sesión\\b|\\bse connecter\\b/",
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Parses one pattern; an empty one or a bad regular expression is refused with a reason. */
export function parseSensitivePattern(text: string): PatternResult {
  const source = text.trim();
  const prefix = /^(title|class):/i.exec(source);
  const field = prefix ? (prefix[1]!.toLowerCase() as "title" | "class") : "any";
  const body = prefix ? source.slice(prefix[0].length).trim() : source;
  if (body === "") return { ok: false, message: `the sensitive-window pattern "${source}" is empty` };
  const literal = /^\/(.+)\/$/.exec(body);
  if (!literal) return { ok: true, value: { source, field, regex: new RegExp(escapeRegExp(body), "i") } };
  try {
    return { ok: true, value: { source, field, regex: new RegExp(literal[1]!, "i") } };
  } catch (error) {
    return {
      ok: false,
      message: `the sensitive-window pattern "${source}" is not a valid /regex/: ${(error as Error).message}`,
    };
  }
}

/** Parses a patterns file: one a line, blank lines and `#` comments skipped. */
export function parseSensitiveFile(
  text: string,
): { ok: true; value: SensitivePattern[] } | { ok: false; message: string } {
  const patterns: SensitivePattern[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const parsed = parseSensitivePattern(trimmed);
    if (!parsed.ok) return { ok: false, message: `line ${index + 1}: ${parsed.message}` };
    patterns.push(parsed.value);
  }
  return { ok: true, value: patterns };
}

/** Where the user's own patterns live. */
export const sensitiveWindowsPath = (home: string): string => join(home, "sensitive-windows.txt");

/** The user's patterns from the forge home; none when the file does not exist. */
export async function loadSensitiveFile(
  home: string,
): Promise<{ ok: true; value: SensitivePattern[] } | { ok: false; message: string }> {
  const path = sensitiveWindowsPath(home);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ok: true, value: [] };
    return { ok: false, message: `${path} cannot be read: ${(error as Error).message}` };
  }
  const parsed = parseSensitiveFile(text);
  return parsed.ok ? parsed : { ok: false, message: `${path} ${parsed.message}` };
}

const defaults = DEFAULT_SENSITIVE_PATTERNS.map((text) => {
  const parsed = parseSensitivePattern(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
});

/** The built-in patterns followed by the user's. */
export const sensitivePatterns = (extra: readonly SensitivePattern[] = []): SensitivePattern[] => [
  ...defaults,
  ...extra,
];

/** The first pattern the window matches, or null. */
export function matchSensitive(
  window: { readonly name: string; readonly className: string },
  patterns: readonly SensitivePattern[],
): SensitivePattern | null {
  return (
    patterns.find(
      (p) =>
        (p.field !== "class" && p.regex.test(window.name)) || (p.field !== "title" && p.regex.test(window.className)),
    ) ?? null
  );
}
