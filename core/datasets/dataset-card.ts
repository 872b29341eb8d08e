// The dataset card (README.md): YAML metadata the Hugging Face Hub reads (licence, size, task,
// features, where the data files are), then how the data was made and how scores are computed.
import { COLUMNS, cardFeatures, type ColumnKind } from "./features.js";

const KIND_NAMES: Partial<Record<ColumnKind, string>> = {
  strings: "list of strings",
  components: "list of {name, weight, value, points}",
  image: "Image (JPEG bytes + path)",
};

export interface CardInput {
  readonly factoryName: string;
  readonly useCase: string;
  /** The export's number in this factory (1, 2, ...): each adds only recordings new since the last. */
  readonly sequence: number;
  readonly recordings: number;
  readonly steps: number;
  readonly threshold: number;
  /** The Parquet shards' and JSONL file's names, relative to the card. */
  readonly shards: readonly string[];
  readonly jsonl: string;
  readonly paidFrom: Date | null;
  readonly paidUntil: Date;
}

/** The Hub's size bucket for a number of rows. */
export function sizeCategory(rows: number): string {
  const buckets: Array<[number, string]> = [
    [1_000, "n<1K"],
    [10_000, "1K<n<10K"],
    [100_000, "10K<n<100K"],
    [1_000_000, "100K<n<1M"],
    [10_000_000, "1M<n<10M"],
    [100_000_000, "10M<n<100M"],
  ];
  return buckets.find(([limit]) => rows < limit)?.[1] ?? "100M<n<1B";
}

/** YAML for plain data: every string JSON-quoted (a JSON string is a YAML double-quoted scalar). */
function yaml(value: unknown, indent = ""): string {
  if (Array.isArray(value))
    return value
      .map((item) => {
        const inner = yaml(item, `${indent}  `);
        return typeof item === "object" && item !== null ? `${indent}- ${inner.trimStart()}` : `${indent}- ${inner}`;
      })
      .join("\n");
  if (typeof value === "object" && value !== null)
    return Object.entries(value)
      .map(([k, v]) =>
        typeof v === "object" && v !== null ? `${indent}${k}:\n${yaml(v, `${indent}  `)}` : `${indent}${k}: ${yaml(v)}`,
      )
      .join("\n");
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function frontMatter(input: CardInput): string {
  return yaml({
    pretty_name: input.factoryName,
    license: "other",
    license_name: "clones-forge-factory-data",
    size_categories: [sizeCategory(input.steps)],
    task_categories: ["image-text-to-text"],
    tags: ["computer-use", "gui-agent", "demonstrations", "screen-recording", "clones-forge"],
    dataset_info: {
      features: cardFeatures(),
      splits: [{ name: "train", num_examples: input.steps }],
    },
    configs: [{ config_name: "default", data_files: [{ split: "train", path: "data/train-*.parquet" }] }],
  });
}

const SCORING = `## How scores are computed

Every recording was graded by the CLONES Forge Quality Agent on the server's own processing of
the video and the input log (a client's processed steps are never trusted), then paid by this
factory's reward pool. A recording is in this dataset only once paid: graded, not rejected, and
scored at or above the factory's quality threshold.

1. **Gates.** Any one rejects the recording (score 0, never exported): an invalid archive or
   schema, a video that does not decode, video and event span differing by more than
   max(3 s, 10%), events outside the recording, or a near-duplicate of another account's work
   (actions ≥ 0.9 similar, or ≥ 0.75 with keyframes ≥ 0.9).
2. **Components**, each a value in 0..1 times a weight in percent (\`score_components\`):

   | component | weight | value |
   | --- | ---: | --- |
   | completeness | 10 | (1 − out-of-order share / 0.1) × min(video, span) / max(video, span) |
   | activity | 20 | actions per minute / 15 |
   | idle | 20 | 1 − idle ratio / 0.4 (idle = stretches over 5 s without input) |
   | relevance | 15 | how well the actions match the task |
   | efficiency | 10 | (1 − 3 × redundant share) × burst × min(1, actions / 10) |
   | llm | 25 | an LLM judge's score / 100, when one ran |

   When the judge did not run (or the task gives nothing to match relevance against), that
   component drops out and the other weights are scaled to sum to 100: \`weight\` is the
   effective one. \`points\` = weight × value.
3. **Score** = floor(Σ weight × value), 0..100 (\`score\`), with reason codes (\`score_reasons\`).
   An appeal grades the same files once more; the better grade stands.
`;

const PRIVACY = `## Privacy

- \`farmer_id\` is a keyed hash of the farmer's account: stable within this factory (one farmer's
  recordings group together, across exports), different in every other factory, and not
  reversible without the platform's key.
- Masked input stays masked: keys typed into password fields or sensitive windows, or with the
  recorder's mask-all option, were recorded as "*" and are "*" here. Raw input logs, the
  recorder's metadata and the videos are not included.
`;

/** The card: YAML front matter, then what is in this export and how it was scored. */
export function datasetCard(input: CardInput): string {
  const range = input.paidFrom
    ? `paid after ${input.paidFrom.toISOString()} and up to ${input.paidUntil.toISOString()}`
    : `paid up to ${input.paidUntil.toISOString()}`;
  const columns = COLUMNS.map(
    (c) => `| \`${c.name}\` | ${KIND_NAMES[c.kind] ?? c.kind}${c.nullable ? ", nullable" : ""} | ${c.description} |`,
  );
  return [
    "---",
    frontMatter(input),
    "---",
    "",
    `# ${input.factoryName}`,
    "",
    input.useCase,
    "",
    `Export ${input.sequence} of this factory: ${input.recordings} recordings, ${input.steps} steps, ${range}.`,
    "Each export holds only recordings not in the earlier ones: put their `data/` folders side by side",
    "(the shard names do not collide) and load them as one dataset.",
    "",
    "## Files",
    "",
    ...input.shards.map((s) => `- \`${s}\``),
    `- \`${input.jsonl}\`: the same rows as JSON lines, without the image bytes (\`image_path\` names each keyframe).`,
    "",
    "```python",
    "from datasets import load_dataset",
    'ds = load_dataset("parquet", data_files="data/train-*.parquet", split="train")',
    "```",
    "",
    "One row per step; `recording_id` and `step_index` rebuild each recording in order.",
    "",
    "| column | type | meaning |",
    "| --- | --- | --- |",
    ...columns,
    "",
    SCORING,
    `This factory pays from a score of ${input.threshold}.`,
    "",
    PRIVACY,
  ].join("\n");
}
