// One Parquet shard of an export, written a row group at a time to a file (hyparquet-writer):
// only the rows of the group being written, keyframes included, are in memory at once.
import { open, type FileHandle } from "node:fs/promises";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import type { DatasetRow } from "../../core/datasets/dataset-row.js";
import { COLUMNS, huggingFaceMetadata, type ColumnSpec } from "../../core/datasets/features.js";

type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]["schema"][number];
type Repetition = "REQUIRED" | "OPTIONAL" | "REPEATED";

const utf8 = (name: string, repetition: Repetition): SchemaElement => ({
  name,
  type: "BYTE_ARRAY",
  converted_type: "UTF8",
  repetition_type: repetition,
});
const float64 = (name: string): SchemaElement => ({ name, type: "DOUBLE", repetition_type: "OPTIONAL" });

/** A column's schema elements, laid out as Arrow (and so `datasets`) writes them. */
function elements(c: ColumnSpec): SchemaElement[] {
  const repetition: Repetition = c.nullable ? "OPTIONAL" : "REQUIRED";
  // A list: <name> (LIST) > repeated "list" > "element", the layout of the Parquet spec.
  const list = (element: SchemaElement[]): SchemaElement[] => [
    { name: c.name, repetition_type: repetition, converted_type: "LIST", num_children: 1 },
    { name: "list", repetition_type: "REPEATED", num_children: 1 },
    ...element,
  ];
  switch (c.kind) {
    case "string":
      return [utf8(c.name, repetition)];
    case "int32":
      return [{ name: c.name, type: "INT32", repetition_type: repetition }];
    case "float64":
      return [{ name: c.name, type: "DOUBLE", repetition_type: repetition }];
    case "image":
      // The Hugging Face Image feature's storage: struct<bytes: binary, path: string>.
      return [
        { name: c.name, repetition_type: repetition, num_children: 2 },
        { name: "bytes", type: "BYTE_ARRAY", repetition_type: "OPTIONAL" },
        utf8("path", "OPTIONAL"),
      ];
    case "strings":
      return list([utf8("element", "OPTIONAL")]);
    case "components":
      return list([
        { name: "element", repetition_type: "OPTIONAL", num_children: 4 },
        utf8("name", "OPTIONAL"),
        float64("weight"),
        float64("value"),
        float64("points"),
      ]);
  }
}

export const shardSchema = (): SchemaElement[] => [
  { name: "schema", num_children: COLUMNS.length },
  ...COLUMNS.flatMap(elements),
];

/** A row with its keyframe: the Image column's {bytes, path}, or null without a keyframe. */
export type ShardRow = DatasetRow & { readonly image: { bytes: Uint8Array; path: string } | null };

/**
 * Keyframes are distinct JPEGs: compressing them again, looking for repeats (a dictionary) and
 * min/max statistics over their bytes cost time and save nothing.
 */
const KEYFRAMES = { encoding: "PLAIN", codec: "UNCOMPRESSED", statistics: false } as const;

/** The writer's buffer goes to the file after each row group (and at the end), then is reused. */
function fileSink(file: FileHandle): ByteWriter {
  const writer = new ByteWriter(1 << 20);
  const drain = async () => {
    if (writer.index === 0) return;
    await file.write(new Uint8Array(writer.buffer, 0, writer.index));
    writer.index = 0;
  };
  Object.assign(writer, { flush: drain, finish: drain });
  return writer;
}

export interface ShardWriter {
  /** Writes the rows as one row group. */
  write(rows: readonly ShardRow[]): Promise<void>;
  /** Writes the footer (schema, Hugging Face features) and closes the file. */
  close(): Promise<void>;
}

export async function openShard(path: string): Promise<ShardWriter> {
  const file = await open(path, "w");
  const writer = new ParquetWriter({
    writer: fileSink(file),
    schema: shardSchema(),
    kvMetadata: [{ key: "huggingface", value: huggingFaceMetadata() }],
    createdBy: "clones-forge (hyparquet-writer)",
  });
  return {
    async write(rows) {
      if (rows.length === 0) return;
      const columnData = COLUMNS.map((c) => ({
        name: c.name,
        data: rows.map((r) => r[c.name]) as unknown[],
        ...(c.kind === "image" ? KEYFRAMES : {}),
      }));
      await writer.write({ columnData: columnData as never, rowGroupSize: rows.length });
    },
    async close() {
      try {
        await writer.finish();
      } finally {
        await file.close();
      }
    },
  };
}
