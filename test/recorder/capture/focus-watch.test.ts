import { describe, expect, it } from "vitest";
import { isActiveWindowLine } from "../../../recorder/capture/focus-watch.js";

describe("xprop -spy's _NET_ACTIVE_WINDOW lines", () => {
  it("GIVEN a window manager's line THEN it names a window", () => {
    expect(isActiveWindowLine("_NET_ACTIVE_WINDOW(WINDOW): window id # 0x400007")).toBe(true);
  });

  it("GIVEN no window manager setting the property THEN the watch gives way to polling", () => {
    expect(isActiveWindowLine("_NET_ACTIVE_WINDOW:  not found.")).toBe(false);
  });
});
