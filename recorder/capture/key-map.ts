import { UiohookKey } from "uiohook-napi";

// uiohook reports hardware keycodes; the recording format wants key names like "a", "Enter",
// "Control" and, for printable keys, the character typed. Characters assume a US layout,
// which is what uiohook's keycode table describes.

const RENAMES: Record<string, string> = {
  Ctrl: "Control",
  CtrlRight: "Control",
  AltRight: "Alt",
  ShiftRight: "Shift",
  MetaRight: "Meta",
};

/** Unshifted and shifted character of each printable key. */
const CHARS: Record<string, readonly [string, string]> = {
  Space: [" ", " "],
  Semicolon: [";", ":"],
  Equal: ["=", "+"],
  Comma: [",", "<"],
  Minus: ["-", "_"],
  Period: [".", ">"],
  Slash: ["/", "?"],
  Backquote: ["`", "~"],
  BracketLeft: ["[", "{"],
  Backslash: ["\\", "|"],
  BracketRight: ["]", "}"],
  Quote: ["'", '"'],
  NumpadMultiply: ["*", "*"],
  NumpadAdd: ["+", "+"],
  NumpadSubtract: ["-", "-"],
  NumpadDecimal: [".", "."],
  NumpadDivide: ["/", "/"],
};
const SHIFTED_DIGITS = ")!@#$%^&*(";

const NAME_BY_CODE = new Map<number, string>();
for (const [name, code] of Object.entries(UiohookKey)) if (!NAME_BY_CODE.has(code)) NAME_BY_CODE.set(code, name);

export interface KeyState {
  readonly shift: boolean;
  readonly capsLock?: boolean;
}

export interface MappedKey {
  readonly key: string;
  readonly actual_char?: string;
}

/** The key name and, for printable keys, the character typed with the current Shift state. */
export function mapKey(keycode: number, state: KeyState): MappedKey {
  const name = NAME_BY_CODE.get(keycode);
  if (name === undefined) return { key: `Unknown(${keycode})` };
  if (/^[A-Z]$/.test(name)) {
    const upper = state.shift !== Boolean(state.capsLock);
    return { key: name.toLowerCase(), actual_char: upper ? name : name.toLowerCase() };
  }
  if (/^\d$/.test(name)) return { key: name, actual_char: state.shift ? (SHIFTED_DIGITS[Number(name)] ?? name) : name };
  const numpadDigit = /^Numpad(\d)$/.exec(name);
  if (numpadDigit) return { key: name, actual_char: numpadDigit[1] };
  const chars = CHARS[name];
  if (chars) return { key: name === "Space" ? "Space" : chars[0], actual_char: state.shift ? chars[1] : chars[0] };
  return { key: RENAMES[name] ?? name };
}

export const isModifier = (key: string) => key === "Shift" || key === "Control" || key === "Alt" || key === "Meta";

/** uiohook's button numbers already match the format: 1 left, 2 right, 3 middle. */
export const mapButton = (button: unknown): number => (typeof button === "number" ? button : 0);
