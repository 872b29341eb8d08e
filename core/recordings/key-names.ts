import { isUnknownKeyName } from "./forge-spelling.js";

/** The modifiers that turn a key press into a hotkey, under one spelling each. */
export type Modifier = "Control" | "Alt" | "Meta" | "Shift";

const MODIFIERS: Record<string, Modifier> = {
  ctrl: "Control",
  control: "Control",
  alt: "Alt",
  option: "Alt",
  meta: "Meta",
  super: "Meta",
  win: "Meta",
  windows: "Meta",
  cmd: "Meta",
  command: "Meta",
  os: "Meta",
  shift: "Shift",
};

const ALIASES: Record<string, string> = {
  return: "Enter",
  enter: "Enter",
  numpadenter: "Enter",
  esc: "Escape",
  escape: "Escape",
  back: "Backspace",
  backspace: "Backspace",
  del: "Delete",
  delete: "Delete",
  space: "Space",
  spacebar: "Space",
  tab: "Tab",
};

/**
 * Keys that neither type text nor mean anything alone (AltGr only helps type characters), and
 * keys no recorder could name (`Unknown(n)`, `RawKey(...)`): they make no action.
 */
const INERT = new Set(["AltGraph", "AltGr", "CapsLock", "NumLock", "ScrollLock", "Fn", "Unidentified"]);

/**
 * One spelling per key across recorders and platforms: left/right variants fold into the
 * modifier ("ControlLeft" → "Control"), common aliases into DOM names ("Return" → "Enter").
 */
export function normalizeKey(key: string): string {
  if ([...key].length === 1 || key === "masked") return key;
  const bare = key.replace(/^(left|right)|(left|right|_l|_r)$/gi, "").toLowerCase();
  return MODIFIERS[bare] ?? ALIASES[bare] ?? key;
}

export function modifierOf(key: string): Modifier | null {
  return (Object.values(MODIFIERS) as string[]).includes(key) ? (key as Modifier) : null;
}

export function isInert(key: string): boolean {
  return INERT.has(key) || isUnknownKeyName(key);
}

/**
 * The text a key press types, or null for a non-character key. A masked keystroke types
 * "*"; the recorder's `actual_char` wins (it knows the layout), control characters excepted.
 */
export function textOf(key: string, char: string | undefined, shift: boolean): string | null {
  if (key === "masked" || char === "*") return "*";
  if (char !== undefined && [...char].length === 1 && char >= " " && char !== "\u007f") return char;
  if (key === "Space") return " ";
  if ([...key].length !== 1) return null;
  return shift ? key.toUpperCase() : key;
}
