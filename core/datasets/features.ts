// The dataset's columns, described once: the Parquet writer, the Hugging Face features (in the
// Parquet metadata and in the card's YAML) and the card's table all read this list.
import type { DatasetRow } from "./dataset-row.js";

export type ColumnKind = "string" | "int32" | "float64" | "image" | "strings" | "components";

export interface ColumnSpec {
  readonly name: keyof DatasetRow | "image";
  readonly kind: ColumnKind;
  readonly nullable: boolean;
  readonly description: string;
}

export const COLUMNS: readonly ColumnSpec[] = [
  { name: "recording_id", kind: "string", nullable: false, description: "the recording (an episode)" },
  {
    name: "farmer_id",
    kind: "string",
    nullable: false,
    description: "the farmer, pseudonymous (stable in this factory)",
  },
  { name: "task_id", kind: "string", nullable: false, description: "the factory's task" },
  { name: "task", kind: "string", nullable: false, description: "the task's title, as the factory wrote it" },
  { name: "task_prompt", kind: "string", nullable: false, description: "what the farmer was asked to demonstrate" },
  { name: "task_app", kind: "string", nullable: true, description: "the application the task names, if any" },
  { name: "step_index", kind: "int32", nullable: false, description: "the step's position in its recording, from 0" },
  {
    name: "action",
    kind: "string",
    nullable: false,
    description: "click, double_click, right_click, drag, type, hotkey, scroll or app_focus",
  },
  { name: "at_ms", kind: "int32", nullable: false, description: "video time (ms) where the action starts" },
  { name: "frame_ms", kind: "int32", nullable: false, description: "video time (ms) of the keyframe" },
  { name: "x", kind: "int32", nullable: true, description: "video pixels: click, drag start, scroll position" },
  { name: "y", kind: "int32", nullable: true, description: "video pixels" },
  { name: "to_x", kind: "int32", nullable: true, description: "drag end, video pixels" },
  { name: "to_y", kind: "int32", nullable: true, description: "drag end, video pixels" },
  { name: "text", kind: "string", nullable: true, description: 'typed text; a masked keystroke is "*"' },
  { name: "keys", kind: "strings", nullable: false, description: "hotkey keys in press order" },
  { name: "scroll_delta", kind: "float64", nullable: true, description: "summed wheel delta" },
  { name: "focused_app", kind: "string", nullable: true, description: "the application focused (app_focus)" },
  { name: "image", kind: "image", nullable: true, description: "the last video frame before the action (JPEG)" },
  { name: "image_path", kind: "string", nullable: true, description: "the keyframe's name (as in the image's path)" },
  { name: "score", kind: "int32", nullable: false, description: "the recording's quality score, 0..100" },
  {
    name: "score_components",
    kind: "components",
    nullable: false,
    description: "the score's breakdown: name, weight (%), value (0..1), points",
  },
  { name: "score_reasons", kind: "strings", nullable: false, description: "the grade's reason codes" },
  { name: "recording_duration_ms", kind: "int32", nullable: false, description: "the recording's video length" },
  { name: "recording_steps", kind: "int32", nullable: false, description: "how many steps its recording has" },
];

const value = (dtype: string) => ({ dtype, _type: "Value" });
const COMPONENT_FIELDS = { name: "string", weight: "float64", value: "float64", points: "float64" } as const;

/** One column as the Hugging Face `datasets` library writes `Features.to_dict()` (lists as JSON lists). */
function hfFeature(kind: ColumnKind): unknown {
  switch (kind) {
    case "image":
      return { _type: "Image" };
    case "strings":
      return [value("string")];
    case "components":
      return [Object.fromEntries(Object.entries(COMPONENT_FIELDS).map(([k, t]) => [k, value(t)]))];
    default:
      return value(kind);
  }
}

/** The features dictionary Hugging Face stores in a Parquet file's "huggingface" metadata. */
export const huggingFaceFeatures = (): Record<string, unknown> =>
  Object.fromEntries(COLUMNS.map((c) => [c.name, hfFeature(c.kind)]));

/** The "huggingface" key-value metadata, as `datasets` writes it: {"info": {"features": ...}}. */
export const huggingFaceMetadata = (): string => JSON.stringify({ info: { features: huggingFaceFeatures() } });

/** `dataset_info.features` of the card's YAML, in the Hub's own notation. */
export function cardFeatures(): unknown[] {
  return COLUMNS.map((c) => {
    switch (c.kind) {
      case "image":
        return { name: c.name, dtype: "image" };
      case "strings":
        return { name: c.name, list: "string" };
      case "components":
        return { name: c.name, list: Object.entries(COMPONENT_FIELDS).map(([name, dtype]) => ({ name, dtype })) };
      default:
        return { name: c.name, dtype: c.kind };
    }
  });
}
