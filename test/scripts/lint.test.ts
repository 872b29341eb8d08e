// eslint.config.js: core/ never reads the environment, and lint skips exactly what git ignores.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { expect, it } from "vitest";

const repo = join(import.meta.dirname, "../..");
// The type-aware rules need a file the TypeScript project knows; the rules tested here do not.
const eslint = new ESLint({ cwd: repo, overrideConfig: [tseslint.configs.disableTypeChecked] });

const READS_THE_ENVIRONMENT = [
  "export const token = process.env.TOKEN;",
  "const o = { process: 1 };",
  "export const p = o.process;",
  "export const g = globalThis.process;",
  "export const n = global.process;",
  "export const r = require('x');",
].join("\n");

async function coreRuleErrors(path: string): Promise<Array<[number, string | null]>> {
  const [result] = await eslint.lintText(READS_THE_ENVIRONMENT, { filePath: join(repo, path) });
  return result!.messages
    .filter((m) => m.message.includes("core/ never reads the environment"))
    .map((m) => [m.line, m.ruleId]);
}

it("GIVEN core code using process, globalThis.process, global.process or require THEN each is an error; a property named process is not", async () => {
  expect(await coreRuleErrors("core/fixture.ts")).toEqual([
    [1, "no-restricted-globals"],
    [4, "no-restricted-properties"],
    [5, "no-restricted-properties"],
    [6, "no-restricted-globals"],
  ]);
});

it("GIVEN the same code outside core THEN the core rule does not apply", async () => {
  expect(await coreRuleErrors("app/fixture.ts")).toEqual([]);
});

it("GIVEN paths git ignores and paths it tracks THEN ESLint ignores the same ones", async () => {
  const samples = [
    ".tmp/scratch.ts",
    "core/.tmp/scratch.ts",
    "data/pglite/x.js",
    "test/data/x.ts",
    "coverage/x.js",
    "sub/node_modules/x.js",
    "prisma/generated/client.ts",
    "app/main.ts",
    "core/money/tokens.ts",
    "test/fixtures/x.ts",
    "eslint.config.js",
  ];
  const git = spawnSync("git", ["check-ignore", ...samples], { cwd: repo, encoding: "utf8" });
  const ignoredByGit = new Set(git.stdout.split("\n").filter(Boolean));
  expect(ignoredByGit.size).toBe(7); // both kinds are in the sample
  for (const path of samples) expect(await eslint.isPathIgnored(join(repo, path)), path).toBe(ignoredByGit.has(path));
});
