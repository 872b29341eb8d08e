// `npm run deps:check` (dependency-cruiser with .dependency-cruiser.cjs), run as CI runs it: on a
// fixture tree that breaks every rule next to imports the rules allow, and on this repository.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "../..");
// What the fixture shares with the repository: packages, manifest, compiler settings, rules.
const SHARED = ["node_modules", "package.json", "tsconfig.json", ".dependency-cruiser.cjs"];
const TIMEOUT = 120_000; // one cruise of the whole tree is several seconds of CPU

function depsCheck(cwd: string): { status: number | null; output: string } {
  const run = spawnSync("npm", ["run", "--silent", "deps:check"], { cwd, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A tree with the repository's folders (the script names them all), shared files and `files`. */
function fixtureTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "deps-check-"));
  for (const name of SHARED) symlinkSync(join(repo, name), join(root, name));
  const script = (JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { scripts: Record<string, string> })
    .scripts["deps:check"]!;
  for (const folder of script.split(/\s+/).filter((arg) => /^[a-z]+$/.test(arg)))
    mkdirSync(join(root, folder), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** `[rule, from, to]` of each "error rule: from → to" line; a package is named, not its file. */
function violations(output: string): string[][] {
  return [...output.matchAll(/^\s*error ([\w-]+): (\S+) → (\S+)$/gm)]
    .map(([, rule = "", from = "", to = ""]) => [rule, from, /node_modules\/((@[^/]+\/)?[^/]+)/.exec(to)?.[1] ?? to])
    .sort((a, b) => a.join().localeCompare(b.join()));
}

describe("deps:check on a tree that breaks every rule", () => {
  let root = "";
  let result: { status: number | null; output: string };
  beforeAll(() => {
    root = fixtureTree({
      "core/domain.ts": [
        'import { z } from "zod";',
        'import { cents } from "./money.js";',
        'import { Bot } from "grammy";',
        'import { createHash } from "node:crypto";',
        'import type { Db } from "../prisma/db.js";',
        "export const domain = [z, cents, Bot, createHash] as unknown as Db;",
      ].join("\n"),
      "core/money.ts": "export const cents = 100;",
      "core/cycle-a.ts": 'import { b } from "./cycle-b.js";\nexport const a = () => b;',
      "core/cycle-b.ts": 'import { a } from "./cycle-a.js";\nexport const b = () => a;',
      "bots/telegram/bot.ts": 'import { Bot } from "grammy";\nexport const bot = Bot;',
      "bots/views/reply.ts": 'import { InlineKeyboard } from "grammy";\nexport const reply = InlineKeyboard;',
      "bots/feature.ts": [
        'import { domain } from "../core/domain.js";',
        'import { probe } from "../media/probe.js";',
        'import { settings } from "../config/settings.js";',
        'import { queue } from "../jobs/queue.js";',
        'import { db } from "../prisma/db.js";',
        "export const feature = [domain, probe, settings, queue, db];",
      ].join("\n"),
      "jobs/queue.ts": 'import { runtime } from "../app/runtime.js";\nexport const queue = runtime;',
      "server/route.ts": [
        'import type { Mock } from "vitest";',
        'import { parse } from "yaml";',
        'import "pino-std-serializers"; // installed for pino, not listed in package.json',
        'import { gone } from "./missing.js";',
        "export const route: Mock | unknown = [parse, gone];",
      ].join("\n"),
      "scripts/tool.ts": 'import { parse } from "yaml";\nexport const tool = parse;',
      "app/runtime.ts": 'import { db } from "../prisma/db.js";\nexport const runtime = db;',
      "prisma/db.ts": "export type Db = unknown;\nexport const db = 1;",
      "media/probe.ts": "export const probe = 1;",
      "config/settings.ts": "export const settings = 1;",
    });
    result = depsCheck(root);
  }, TIMEOUT);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("GIVEN violations THEN it exits non-zero and counts them", () => {
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/x 11 dependency violations \(11 errors, 0 warnings\)/);
  });

  it("GIVEN each broken rule THEN exactly those imports are named, and the allowed ones are not", () => {
    expect(violations(result.output)).toEqual([
      ["bots-and-jobs-go-through-core", "bots/feature.ts", "prisma/db.ts"],
      ["bots-and-jobs-go-through-core", "jobs/queue.ts", "app/runtime.ts"],
      ["core-imports-only-zod-and-core", "core/domain.ts", "crypto"],
      ["core-imports-only-zod-and-core", "core/domain.ts", "grammy"],
      ["core-imports-only-zod-and-core", "core/domain.ts", "prisma/db.ts"],
      ["edges-are-independent", "bots/feature.ts", "jobs/queue.ts"],
      ["no-non-package-json", "server/route.ts", "pino-std-serializers"],
      ["not-to-unresolvable", "server/route.ts", "./missing.js"],
      ["runtime-not-to-dev-dep", "server/route.ts", "yaml"],
      ["views-are-platform-neutral", "bots/views/reply.ts", "grammy"],
    ]);
  });

  it("GIVEN an import cycle THEN it names the cycle", () => {
    expect(result.output).toMatch(/error no-circular: core\/cycle-a\.ts →\s+core\/cycle-b\.ts →\s+core\/cycle-a\.ts/);
  });

  it("GIVEN a violation THEN the report says why the rule exists", () => {
    expect(result.output).toContain("core/ is the domain: it imports only zod and core/*");
  });
});

it(
  "GIVEN this repository THEN deps:check passes",
  () => {
    const { status, output } = depsCheck(repo);
    expect(output).toMatch(/no dependency violations found/);
    expect(status).toBe(0);
  },
  TIMEOUT,
);
