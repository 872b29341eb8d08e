import { describe, expect, it } from "vitest";
import { activeWindowId, isActiveWindowLine, propertyOf } from "../../../recorder/capture/focus-watch.js";

describe("xprop -spy's _NET_ACTIVE_WINDOW lines", () => {
  it("GIVEN a window manager's line THEN it names a window", () => {
    expect(isActiveWindowLine("_NET_ACTIVE_WINDOW(WINDOW): window id # 0x400007")).toBe(true);
  });

  it("GIVEN no window manager setting the property THEN the watch gives way to polling", () => {
    expect(isActiveWindowLine("_NET_ACTIVE_WINDOW:  not found.")).toBe(false);
  });
});

describe("following the active window's title", () => {
  it("GIVEN an active window line THEN its id is read; none when the desktop has the focus", () => {
    expect(activeWindowId("_NET_ACTIVE_WINDOW(WINDOW): window id # 0x40002c")).toBe("0x40002c");
    expect(activeWindowId("_NET_ACTIVE_WINDOW:  not found.")).toBeNull();
  });

  it("GIVEN xprop's lines for the title properties THEN each is told by its property name", () => {
    expect(propertyOf('WM_NAME(STRING) = "Sign in - x"')).toBe("WM_NAME");
    expect(propertyOf('_NET_WM_NAME(UTF8_STRING) = "Sign in - x"')).toBe("_NET_WM_NAME");
    expect(propertyOf("_NET_WM_NAME:  not found.")).toBe("_NET_WM_NAME");
  });
});
