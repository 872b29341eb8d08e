import { describe, expect, it } from "vitest";
import { decideFocus, PASSWORD_FIELD } from "../../../recorder/capture/focus.js";
import { parseWmClass } from "../../../recorder/capture/focus-reader.js";
import { parseListMonitors, parseXdpyinfo } from "../../../recorder/capture/display.js";

const rules = { blocklist: ["keepass", "Signal"], maskAll: false };

describe("the focused window decides blocking and masking", () => {
  it("GIVEN a password field focused inside an ordinary browser window THEN its keys are sensitive, the app is the class", () => {
    expect(decideFocus({ name: "Inbox - Mozilla Firefox", className: "firefox", password: true }, rules)).toMatchObject(
      {
        sensitiveBy: PASSWORD_FIELD,
        app: "firefox",
      },
    );
    expect(decideFocus({ name: "Inbox - Mozilla Firefox", className: "firefox" }, rules).sensitiveBy).toBeNull();
  });

  it("GIVEN a blocked app by class THEN capture is blocked by that entry, case-insensitively", () => {
    expect(decideFocus({ name: "Passwords.kdbx", className: "KeePassXC" }, rules)).toMatchObject({
      blockedBy: "keepass",
      app: "KeePassXC",
    });
  });

  it("GIVEN a blocked app named only in the title THEN it is blocked too", () => {
    expect(decideFocus({ name: "Signal - chat", className: "" }, rules).blockedBy).toBe("Signal");
  });

  it("GIVEN an ordinary window THEN nothing is blocked and keys are not masked", () => {
    expect(decideFocus({ name: "report.ods - LibreOffice Calc", className: "libreoffice-calc" }, rules)).toEqual({
      app: "libreoffice-calc",
      blockedBy: null,
      sensitiveBy: null,
      mask: false,
    });
  });

  it.each(["Enter password", "Passwort eingeben", "Contraseña", "GitHub Login", "Sign in – Google Accounts"])(
    "GIVEN a window titled %j THEN it is sensitive",
    (name) => expect(decideFocus({ name, className: "firefox" }, rules).sensitiveBy).not.toBeNull(),
  );

  it("GIVEN --mask-all THEN keystrokes are masked even when the focus is unknown", () => {
    expect(decideFocus(null, { blocklist: [], maskAll: true })).toEqual({
      app: null,
      blockedBy: null,
      sensitiveBy: null,
      mask: true,
    });
    expect(decideFocus(null, rules)).toEqual({ app: null, blockedBy: null, sensitiveBy: null, mask: false });
  });

  it("GIVEN an empty blocklist entry THEN it blocks nothing", () => {
    expect(decideFocus({ name: "x", className: "y" }, { blocklist: [""], maskAll: false }).blockedBy).toBeNull();
  });
});

describe("X11 tool output", () => {
  it("reads the class from xprop's WM_CLASS", () => {
    expect(parseWmClass('WM_CLASS(STRING) = "xterm", "XTerm"\n')).toBe("XTerm");
    expect(parseWmClass("WM_CLASS:  not found.\n")).toBe("");
  });

  it("reads the screen size from xdpyinfo and the layout from xrandr --listmonitors", () => {
    expect(parseXdpyinfo("  dimensions:    1280x720 pixels (325x183 millimeters)")).toEqual({
      width: 1280,
      height: 720,
    });
    expect(
      parseListMonitors(
        "Monitors: 2\n 0: +*HDMI-1 1920/531x1080/299+0+0  HDMI-1\n 1: +DP-1 1280/340x1024/270+1920+0  DP-1\n",
      ),
    ).toEqual([
      { x: 0, y: 0, width: 1920, height: 1080, primary: true },
      { x: 1920, y: 0, width: 1280, height: 1024, primary: false },
    ]);
  });
});
