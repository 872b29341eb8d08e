import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkDependencies } from "../../scripts/deps-check.js";

let root = "";
function tree(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), "deps-check-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("deps:check", () => {
  it("passes on this repository", () => {
    expect(checkDependencies(process.cwd())).toEqual([]);
  });

  it("GIVEN core importing a vendor package or an edge THEN it fails", () => {
    const v = checkDependencies(
      tree({
        "core/a.ts":
          'import { Bot } from "grammy";\nimport { z } from "zod";\nimport { x } from "../prisma/db.js";\nexport const a = 1;',
        "prisma/db.ts": "export const x = 1;",
      }),
    );
    expect(v.map((x) => [x.rule, x.detail])).toEqual([
      ["core-vendor-import", "imports grammy"],
      ["core-vendor-import", "imports ../prisma/db.js (outside core/)"],
    ]);
  });

  it("GIVEN core reading process.env or require THEN it fails; a property named process is fine", () => {
    const v = checkDependencies(
      tree({
        "core/a.ts":
          "export const token = process.env.TOKEN;\nconst o = { process: 1 };\nexport const p = o.process;\nexport const g = globalThis.process;\nexport const r = require('x');",
      }),
    );
    const access = v.filter((x) => x.rule === "core-process-access").map((x) => x.detail);
    expect(access).toEqual(["process at line 1", "globalThis.process at line 4", "require at line 5"]);
    expect(v.filter((x) => x.rule === "core-vendor-import").map((x) => x.detail)).toEqual(["imports x"]);
  });

  it("GIVEN one edge importing another THEN it fails", () => {
    const v = checkDependencies(
      tree({ "bots/a.ts": 'import { j } from "../jobs/j.js";', "jobs/j.ts": "export const j = 1;" }),
    );
    expect(v).toEqual([{ file: "bots/a.ts", rule: "edge-to-edge", detail: "bots/ imports jobs/ (../jobs/j.js)" }]);
  });

  it("GIVEN an import cycle THEN it fails naming the cycle", () => {
    const v = checkDependencies(tree({ "core/a.ts": 'import "./b.js";', "core/b.ts": 'import "./a.js";' }));
    expect(v).toEqual([{ file: "core/a.ts", rule: "cycle", detail: "core/a.ts -> core/b.ts -> core/a.ts" }]);
  });
});
