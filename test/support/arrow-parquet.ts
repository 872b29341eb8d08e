// A second, independent Parquet reader for the tests: Apache Arrow's Rust implementation
// (arrow-rs, as parquet-wasm) into an Apache Arrow JS table. It reads files the way Arrow-based
// tools (pyarrow, which Hugging Face `datasets` uses) see them: their Arrow schema and metadata.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tableFromIPC, type Table } from "apache-arrow";
import { initSync, readParquet } from "parquet-wasm/esm";

let ready = false;

export function readParquetWithArrow(bytes: Uint8Array): Table {
  if (!ready) {
    const wasm = createRequire(import.meta.url).resolve("parquet-wasm/esm/parquet_wasm_bg.wasm");
    initSync({ module: readFileSync(wasm) });
    ready = true;
  }
  return tableFromIPC(readParquet(bytes).intoIPCStream());
}

/** "name: Type" per field, as Arrow names the types (e.g. "image: Struct<{bytes:Binary, path:Utf8}>"). */
export const arrowFields = (table: Table): string[] => table.schema.fields.map((f) => `${f.name}: ${f.type}`);
