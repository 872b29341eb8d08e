import { describe, expect, it } from "vitest";
import { datasetCard, sizeCategory } from "../../../core/datasets/dataset-card.js";
import { datasetRows, imagePath, type ExportableRecording } from "../../../core/datasets/dataset-row.js";
import { COLUMNS, huggingFaceFeatures } from "../../../core/datasets/features.js";
import { parse as parseYaml } from "yaml";

const recording: ExportableRecording = {
  recordingId: "rec-1",
  accountId: "account-alice",
  taskId: "task-1",
  paidAt: new Date("2026-12-01T00:00:00Z"),
  grade: {
    score: 72,
    rejected: false,
    components: [
      { name: "activity", weight: 40, value: 0.8, points: 32 },
      { name: "idle", weight: 60, value: 0.67, points: 40.2 },
    ],
    reasons: [{ code: "idle_high", text: "Long idle stretches.", params: {} }],
    actionCount: 3,
    durationMs: 12_000,
    llm: null,
  },
};
const task = { title: "Log in", prompt: "Log into the app", app: "Sheets" };
const pseudonym = (factoryId: string, accountId: string) => `p(${factoryId},${accountId})`;

describe("dataset rows", () => {
  it("GIVEN a recording's stored steps THEN one row per step, pixels rounded, masked text kept, farmer pseudonymous", () => {
    const rows = datasetRows({
      factoryId: "factory-1",
      recording,
      task,
      pseudonym,
      steps: [
        { kind: "click", atMs: 200, frameMs: 200, x: 187.4, y: 185.6, keyframe: "recordings/rec-1/frames/frame-1.jpg" },
        { kind: "type", atMs: 900, frameMs: 900, text: "hunter****", keyframe: null },
        { kind: "hotkey", atMs: 1500, frameMs: 1500, keys: ["Control", "c"] },
      ],
    });
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      recording_id: "rec-1",
      farmer_id: "p(factory-1,account-alice)",
      step_index: 0,
      action: "click",
      x: 187,
      y: 186,
      image_path: "rec-1/step-00000.jpg",
      score: 72,
      score_reasons: ["idle_high"],
      recording_steps: 3,
      task: "Log in",
    });
    expect(rows[1]).toMatchObject({ text: "hunter****", image_path: null, keys: [] });
    expect(rows[2]).toMatchObject({ keys: ["Control", "c"], text: null });
    expect(rows[0]!.score_components).toEqual(recording.grade.components);
    // The storage key names the recording's folder: only a neutral file name goes in the dataset.
    expect(JSON.stringify(rows)).not.toContain("recordings/");
    expect(JSON.stringify(rows)).not.toContain('"account-alice"');
  });

  it("names keyframes by recording and step, keeping PNG as PNG", () => {
    expect(imagePath("r", 12, "x/frame.PNG")).toBe("r/step-00012.png");
    expect(imagePath("r", 3, "x/frame.jpg")).toBe("r/step-00003.jpg");
  });
});

describe("the Hugging Face description of the columns", () => {
  it("declares every column once, the keyframe as an Image, lists as JSON lists", () => {
    const features = huggingFaceFeatures();
    expect(Object.keys(features)).toEqual(COLUMNS.map((c) => c.name));
    expect(new Set(Object.keys(features)).size).toBe(COLUMNS.length);
    expect(features.image).toEqual({ _type: "Image" });
    expect(features.keys).toEqual([{ dtype: "string", _type: "Value" }]);
    expect(features.score_components).toEqual([
      {
        name: { dtype: "string", _type: "Value" },
        weight: { dtype: "float64", _type: "Value" },
        value: { dtype: "float64", _type: "Value" },
        points: { dtype: "float64", _type: "Value" },
      },
    ]);
  });

  it.each([
    [0, "n<1K"],
    [999, "n<1K"],
    [1_000, "1K<n<10K"],
    [250_000, "100K<n<1M"],
  ])("%i rows are in the size category %s", (rows, category) => {
    expect(sizeCategory(rows)).toBe(category);
  });

  it("GIVEN a factory name with YAML's special characters THEN the card's front matter still parses to it", () => {
    const card = datasetCard({
      factoryName: 'Sheets: "sum" #1 - [beta]',
      useCase: "Spreadsheets",
      sequence: 2,
      recordings: 3,
      steps: 40,
      threshold: 60,
      shards: ["data/train-00000-of-00001-e0002.parquet"],
      jsonl: "data/train-e0002.jsonl",
      paidFrom: new Date("2026-11-01T00:00:00Z"),
      paidUntil: new Date("2026-12-01T00:00:00Z"),
    });
    const front = parseYaml(card.split("---\n")[1]!);
    expect(front.pretty_name).toBe('Sheets: "sum" #1 - [beta]');
    expect(front.dataset_info.features).toHaveLength(COLUMNS.length);
    expect(front.dataset_info.features).toContainEqual({ name: "keys", list: "string" });
    expect(card).toContain("Export 2 of this factory: 3 recordings, 40 steps, paid after 2026-11-01T00:00:00.000Z");
    expect(card).toContain("This factory pays from a score of 60.");
  });
});
