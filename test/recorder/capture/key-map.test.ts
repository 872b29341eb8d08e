import { UiohookKey } from "uiohook-napi";
import { describe, expect, it } from "vitest";
import { mapButton, mapKey } from "../../../recorder/capture/key-map.js";

describe("uiohook keycodes → recording key names", () => {
  it("GIVEN a letter THEN the key is lower case and the character follows Shift and Caps Lock", () => {
    expect(mapKey(UiohookKey.H, { shift: false })).toEqual({ key: "h", actual_char: "h" });
    expect(mapKey(UiohookKey.H, { shift: true })).toEqual({ key: "h", actual_char: "H" });
    expect(mapKey(UiohookKey.H, { shift: false, capsLock: true })).toEqual({ key: "h", actual_char: "H" });
    expect(mapKey(UiohookKey.H, { shift: true, capsLock: true })).toEqual({ key: "h", actual_char: "h" });
  });

  it("GIVEN digits and punctuation THEN Shift gives the US-layout symbol", () => {
    expect(mapKey(UiohookKey[1], { shift: true })).toEqual({ key: "1", actual_char: "!" });
    expect(mapKey(UiohookKey[0], { shift: false })).toEqual({ key: "0", actual_char: "0" });
    expect(mapKey(UiohookKey.Slash, { shift: true })).toEqual({ key: "/", actual_char: "?" });
    expect(mapKey(UiohookKey.Quote, { shift: true })).toEqual({ key: "'", actual_char: '"' });
    expect(mapKey(UiohookKey.Space, { shift: false })).toEqual({ key: "Space", actual_char: " " });
  });

  it("GIVEN modifiers and control keys THEN they get the format's names and no character", () => {
    expect(mapKey(UiohookKey.Ctrl, { shift: false })).toEqual({ key: "Control" });
    expect(mapKey(UiohookKey.CtrlRight, { shift: false })).toEqual({ key: "Control" });
    expect(mapKey(UiohookKey.ShiftRight, { shift: true })).toEqual({ key: "Shift" });
    expect(mapKey(UiohookKey.AltRight, { shift: false })).toEqual({ key: "Alt" });
    expect(mapKey(UiohookKey.Meta, { shift: false })).toEqual({ key: "Meta" });
    expect(mapKey(UiohookKey.Enter, { shift: false })).toEqual({ key: "Enter" });
    expect(mapKey(UiohookKey.Backspace, { shift: false })).toEqual({ key: "Backspace" });
    expect(mapKey(UiohookKey.Tab, { shift: false })).toEqual({ key: "Tab" });
    expect(mapKey(UiohookKey.ArrowLeft, { shift: false })).toEqual({ key: "ArrowLeft" });
  });

  it("GIVEN an unknown keycode THEN it is kept recognisable rather than dropped", () => {
    expect(mapKey(0x7777, { shift: false })).toEqual({ key: "Unknown(30583)" });
  });

  it("GIVEN uiohook buttons THEN they keep the format's numbering (1 left, 2 right, 3 middle)", () => {
    expect([mapButton(1), mapButton(2), mapButton(3), mapButton(undefined)]).toEqual([1, 2, 3, 0]);
  });
});
