// The one mapping between the original Forge desktop app's event spelling and this project's.
// The desktop app logs key and button names with Rust's Debug formatting: rdev's names on macOS
// and Linux (`KeyA`, `Num1`, `ShiftLeft`, `Unknown(179)`), multiinput's on Windows (`A`, `One`,
// `LeftCtrl`, `Left` for the arrow key). This project's recorder writes uiohook's names folded
// the way recorder/capture/key-map.ts does ("a", "1", "Control", "ArrowLeft", ";") with the
// character typed. Both are physical (US QWERTY) positions; README.md documents the tables.

/** Whose names a log's keys and buttons use. */
export type InputVocabulary = "recorder" | "rdev" | "multiinput";

/** A key as this project's recorder writes it, and the characters it types without/with Shift. */
export interface KeySpelling {
  readonly key: string;
  readonly chars?: readonly [string, string];
}

const SHIFTED_DIGITS = ")!@#$%^&*(";
const letter = (c: string): KeySpelling => ({ key: c, chars: [c, c.toUpperCase()] });
const digit = (d: number): KeySpelling => ({ key: String(d), chars: [String(d), SHIFTED_DIGITS[d]!] });
const same = (c: string, key = c): KeySpelling => ({ key, chars: [c, c] });
const named = (key: string): KeySpelling => ({ key });
const typing = (unshifted: string, shifted: string): KeySpelling => ({ key: unshifted, chars: [unshifted, shifted] });

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const fKeys = (n: number) => Array.from({ length: n }, (_, i) => [`F${i + 1}`, named(`F${i + 1}`)] as const);

/** Keys both rdev and multiinput spell as this project does (no characters typed). */
const COMMON: Record<string, KeySpelling> = {
  Escape: named("Escape"),
  Return: named("Enter"),
  Backspace: named("Backspace"),
  Tab: named("Tab"),
  Space: { key: "Space", chars: [" ", " "] },
  CapsLock: named("CapsLock"),
  Insert: named("Insert"),
  Delete: named("Delete"),
  Home: named("Home"),
  End: named("End"),
  PrintScreen: named("PrintScreen"),
  Pause: named("Pause"),
};

/** rdev `Key` Debug names (rustdesk-org/rdev, the fork the desktop app builds with). */
export const RDEV_KEYS: Readonly<Record<string, KeySpelling>> = {
  ...COMMON,
  ...Object.fromEntries([...LETTERS].map((c) => [`Key${c.toUpperCase()}`, letter(c)])),
  ...Object.fromEntries(Array.from({ length: 10 }, (_, d) => [`Num${d}`, digit(d)])),
  ...Object.fromEntries(Array.from({ length: 10 }, (_, d) => [`Kp${d}`, same(String(d), `Numpad${d}`)])),
  ...Object.fromEntries(fKeys(24)),
  PageUp: named("PageUp"),
  PageDown: named("PageDown"),
  UpArrow: named("ArrowUp"),
  DownArrow: named("ArrowDown"),
  LeftArrow: named("ArrowLeft"),
  RightArrow: named("ArrowRight"),
  ShiftLeft: named("Shift"),
  ShiftRight: named("Shift"),
  ControlLeft: named("Control"),
  ControlRight: named("Control"),
  MetaLeft: named("Meta"),
  MetaRight: named("Meta"),
  Alt: named("Alt"),
  // Right Alt / right Option: the recorder folds it into Alt too (uiohook AltRight → "Alt").
  AltGr: named("Alt"),
  Function: named("Fn"),
  NumLock: named("NumLock"),
  ScrollLock: named("ScrollLock"),
  BackQuote: typing("`", "~"),
  Minus: typing("-", "_"),
  Equal: typing("=", "+"),
  LeftBracket: typing("[", "{"),
  RightBracket: typing("]", "}"),
  SemiColon: typing(";", ":"),
  Quote: typing("'", '"'),
  BackSlash: typing("\\", "|"),
  Comma: typing(",", "<"),
  Dot: typing(".", ">"),
  Slash: typing("/", "?"),
  KpReturn: named("NumpadEnter"),
  KpMinus: same("-"),
  KpPlus: same("+"),
  KpMultiply: same("*"),
  KpDivide: same("/"),
  KpDecimal: same("."),
  KpEqual: same("="),
  KpComma: same(","),
  // Keys with no US-layout character and no uiohook name: named, typing nothing.
  ...Object.fromEntries(
    [
      "IntlBackslash",
      "IntlRo",
      "IntlYen",
      "KanaMode",
      "Lang1",
      "Lang2",
      "Lang3",
      "Lang4",
      "Lang5",
      "VolumeUp",
      "VolumeDown",
      "VolumeMute",
      "Apps",
      "Cancel",
      "Clear",
      "Kana",
      "Hangul",
      "Junja",
      "Final",
      "Hanja",
      "Hanji",
      "Print",
      "Select",
      "Execute",
      "Help",
      "Sleep",
      "Separator",
    ].map((name) => [name, named(name)]),
  ),
};

const DIGIT_WORDS = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"];

/** multiinput `KeyId` Debug names (Windows RawInput, UK-style names of US keys). */
export const MULTIINPUT_KEYS: Readonly<Record<string, KeySpelling>> = {
  ...COMMON,
  ...Object.fromEntries([...LETTERS].map((c) => [c.toUpperCase(), letter(c)])),
  ...Object.fromEntries(DIGIT_WORDS.map((word, d) => [word, digit(d)])),
  ...Object.fromEntries(fKeys(12)),
  Left: named("ArrowLeft"),
  Right: named("ArrowRight"),
  Up: named("ArrowUp"),
  Down: named("ArrowDown"),
  Shift: named("Shift"),
  LeftCtrl: named("Control"),
  RightCtrl: named("Control"),
  LeftAlt: named("Alt"),
  RightAlt: named("Alt"),
  // multiinput swaps these two: its PageUp is VK_NEXT (the Page Down key) and vice versa.
  PageUp: named("PageDown"),
  PageDown: named("PageUp"),
  Numlock: named("NumLock"),
  Add: same("+"),
  Subtract: same("-"),
  Multiply: same("*"),
  Divide: same("/"),
  Decimal: same("."),
  Separator: named("Separator"),
  Plus: typing("=", "+"),
  Minus: typing("-", "_"),
  Comma: typing(",", "<"),
  FullStop: typing(".", ">"),
  SemiColon: typing(";", ":"),
  ForwardSlash: typing("/", "?"),
  // VK_OEM_3 and VK_OEM_7 under their UK names: on a US keyboard they are `~ and '".
  Apostrophe: typing("`", "~"),
  Hash: typing("'", '"'),
  LeftSquareBracket: typing("[", "{"),
  RightSquareBracket: typing("]", "}"),
  BackSlash: typing("\\", "|"),
  BackTick: named("BackTick"),
};

const UNKNOWN_CODE = /^Unknown\(\d{1,10}\)$/;
const RAW_KEY = /^RawKey\(\w{1,32}\(\d{1,10}\)\)$/;

/** The key every unmapped desktop name becomes: inert, as key-names.ts treats it. */
export const UNIDENTIFIED_KEY = "Unidentified";

/**
 * A desktop key name in this project's spelling. `Unknown(n)` keeps its spelling (the recorder
 * writes the same for keys uiohook cannot name); names outside the vocabulary become
 * "Unidentified". `known` is false for both, so the parser can count them.
 */
export function desktopKey(name: string, vocabulary: "rdev" | "multiinput"): KeySpelling & { known: boolean } {
  const table = vocabulary === "rdev" ? RDEV_KEYS : MULTIINPUT_KEYS;
  const spelled = Object.hasOwn(table, name) ? table[name] : undefined;
  if (spelled) return { ...spelled, known: true };
  return { key: UNKNOWN_CODE.test(name) ? name : UNIDENTIFIED_KEY, known: false };
}

/** Whether a key name (any vocabulary) is an unknown key: `Unknown(n)`, `RawKey(...)`. */
export const isUnknownKeyName = (name: string): boolean =>
  UNKNOWN_CODE.test(name) || RAW_KEY.test(name) || name === UNIDENTIFIED_KEY;

/** This project's button numbers (uiohook's): 1 left, 2 right, 3 middle, 4 back, 5 forward. */
export const BUTTON = { left: 1, right: 2, middle: 3, back: 4, forward: 5, other: 0 } as const;

const NAMED_BUTTONS: Record<string, number> = {
  Left: BUTTON.left,
  Right: BUTTON.right,
  Middle: BUTTON.middle,
  // multiinput only
  Button4: BUTTON.back,
  Button5: BUTTON.forward,
};

/**
 * rdev's `Unknown(n)` buttons: X11 button numbers on Linux (8 back, 9 forward; 6 and 7 are
 * horizontal scroll), CoreGraphics numbers on macOS (3 back, 4 forward).
 */
const RDEV_UNKNOWN_BUTTONS: Record<string, Record<number, number>> = {
  linux: { 8: BUTTON.back, 9: BUTTON.forward },
  macos: { 3: BUTTON.back, 4: BUTTON.forward },
};

/**
 * A desktop button name as this project's number; `known` is false for `Unknown(n)` buttons
 * that have no number here (they become 0, "other", which makes no gesture) and for names
 * outside both vocabularies.
 */
export function desktopButton(name: string, platform: string | undefined): { button: number; known: boolean } {
  if (Object.hasOwn(NAMED_BUTTONS, name)) return { button: NAMED_BUTTONS[name]!, known: true };
  const unknown = /^Unknown\((\d{1,3})\)$/.exec(name);
  const table = RDEV_UNKNOWN_BUTTONS[platform ?? ""] ?? {};
  const mapped = unknown ? table[Number(unknown[1])] : undefined;
  return mapped === undefined ? { button: BUTTON.other, known: false } : { button: mapped, known: true };
}

/** The vocabulary of a recording's log: the recorder's own, else the desktop app's for its OS. */
export function vocabularyOf(meta: { writer: "recorder" | "desktop"; platform?: string }): InputVocabulary {
  if (meta.writer === "recorder") return "recorder";
  return meta.platform === "windows" ? "multiinput" : "rdev";
}
