#!/usr/bin/env node
// `forge` as an npm bin: runs the TypeScript entry point through tsx, so the recorder needs
// no build step.
import { tsImport } from "tsx/esm/api";

await tsImport("../main.ts", import.meta.url);
