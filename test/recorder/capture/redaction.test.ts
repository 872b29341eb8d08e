import { describe, expect, it } from "vitest";
import {
  REDACTION_MARGIN_MS,
  RedactionLog,
  drawboxFilter,
  videoBoxes,
  videoTimeOf,
} from "../../../recorder/capture/redaction.js";
import { blocklistPattern, parseFrameExtents, parseGeometries } from "../../../recorder/capture/window-scan.js";

const rect = (x: number, y: number, width = 100, height = 50) => ({ x, y, width, height });
const win = (id: string, r: ReturnType<typeof rect>) => ({ id, rect: r });

describe("what the video must not show, from window scans and focus", () => {
  it("GIVEN a still window THEN one stretch covers it from the first scan to the end", () => {
    const log = new RedactionLog();
    for (let t = 1_000; t <= 2_000; t += 250) log.scanned(t, t + 10, [win("1", rect(10, 10))]);
    expect(log.finish(2_500)).toEqual([{ fromMs: 1_000, toMs: 2_500, rect: rect(10, 10) }]);
  });

  it("GIVEN a window appearing, moving, then gone THEN it is covered from the scan before it was seen to the scan that missed it, and between two places by both", () => {
    const log = new RedactionLog();
    log.scanned(1_000, 1_010, []);
    log.scanned(1_250, 1_260, [win("7", rect(0, 0))]);
    log.scanned(1_500, 1_510, [win("7", rect(200, 100))]);
    log.scanned(1_750, 1_760, []);
    log.scanned(2_000, 2_010, []);
    const out = log.finish(2_100);
    // Appeared somewhere after the scan at 1 000 saw nothing.
    expect(out).toContainEqual({ fromMs: 1_000, toMs: 1_260, rect: rect(0, 0) });
    // Moved between 1 250 and 1 510: anywhere on the way.
    expect(out).toContainEqual({ fromMs: 1_250, toMs: 1_510, rect: { x: 0, y: 0, width: 300, height: 150 } });
    // Gone at some point before 1 760.
    expect(out).toContainEqual({ fromMs: 1_500, toMs: 1_760, rect: rect(200, 100) });
    expect(out.every((r) => r.toMs <= 1_760)).toBe(true);
  });

  it("GIVEN a scan that failed THEN the whole screen is black from the scan before to the scan after", () => {
    const log = new RedactionLog();
    log.scanned(1_000, 1_010, []);
    log.scanned(1_250, 1_260, null);
    log.scanned(1_500, 1_510, []);
    const out = log.finish(1_600);
    const whole = out.filter((r) => r.rect === null);
    expect(whole).toHaveLength(1);
    expect(whole[0]).toMatchObject({ fromMs: 1_000, toMs: 1_510 });
  });

  it("GIVEN a sensitive or blocked window focused THEN the whole screen is black from the change until focus is read elsewhere, or to the end", () => {
    const log = new RedactionLog();
    log.focusHidden(5_000);
    log.focusHidden(5_200); // still hidden: the earliest moment stands
    log.focusShown(6_000);
    log.focusShown(6_500); // nothing open
    log.focusHidden(8_000);
    expect(log.finish(9_000)).toEqual([
      { fromMs: 5_000, toMs: 6_000, rect: null },
      { fromMs: 8_000, toMs: 9_000, rect: null },
    ]);
  });
});

describe("from wall time to video time", () => {
  const pauses = [{ start_ms: 12_000, end_ms: 20_000 }];

  it("GIVEN times before, inside and after a pause THEN a time inside it lands where the video resumes", () => {
    expect(videoTimeOf(11_000, 10_000, pauses)).toBe(1_000);
    expect(videoTimeOf(15_000, 10_000, pauses)).toBe(2_000);
    expect(videoTimeOf(20_000, 10_000, pauses)).toBe(2_000);
    expect(videoTimeOf(21_000, 10_000, pauses)).toBe(3_000);
  });

  it("GIVEN redactions THEN boxes carry the margin, are clipped to the frame and the video, and a whole-screen one fills the frame", () => {
    const boxes = videoBoxes(
      [
        { fromMs: 10_500, toMs: 11_000, rect: { x: -20, y: 700, width: 100, height: 100 } },
        { fromMs: 21_000, toMs: 40_000, rect: null },
        { fromMs: 50_000, toMs: 60_000, rect: rect(0, 0) },
      ],
      { videoStartMs: 10_000, pauses, durationMs: 4_000 },
      { width: 1280, height: 720 },
    );
    expect(boxes).toEqual([
      {
        start: (500 - REDACTION_MARGIN_MS) / 1_000,
        end: (1_000 + REDACTION_MARGIN_MS) / 1_000,
        x: 0,
        y: 700,
        width: 80,
        height: 20,
      },
      { start: (3_000 - REDACTION_MARGIN_MS) / 1_000, end: 4, x: 0, y: 0, width: 1280, height: 720 },
    ]);
    expect(drawboxFilter(boxes)).toBe(
      "drawbox=x=0:y=700:w=80:h=20:color=black:t=fill:enable='between(t,0.350,1.150)'," +
        "drawbox=x=0:y=0:w=1280:h=720:color=black:t=fill:enable='between(t,2.850,4.000)'",
    );
  });
});

describe("finding blocked windows with xdotool", () => {
  it("GIVEN blocklist entries with regex characters THEN they match literally, any of them", () => {
    expect(blocklistPattern(["Signal", " ", "c++ (ide)"])).toBe("Signal|c\\+\\+ \\(ide\\)");
    expect(blocklistPattern([" "])).toBeNull();
  });

  it("GIVEN xdotool's geometry and xprop's frame extents THEN windows and frames are read", () => {
    const out =
      "Window 4194348\n  Position: 102,140 (screen: 0)\n  Geometry: 300x200\nWindow 77\n  Position: -5,0 (screen: 0)\n  Geometry: 10x20\n";
    expect(parseGeometries(out)).toEqual([
      { id: "4194348", rect: { x: 102, y: 140, width: 300, height: 200 } },
      { id: "77", rect: { x: -5, y: 0, width: 10, height: 20 } },
    ]);
    expect(parseFrameExtents("_NET_FRAME_EXTENTS(CARDINAL) = 1, 1, 20, 5")).toEqual({
      left: 1,
      right: 1,
      top: 20,
      bottom: 5,
    });
    expect(parseFrameExtents("_NET_FRAME_EXTENTS:  not found.")).toEqual({ left: 0, right: 0, top: 0, bottom: 0 });
  });
});
