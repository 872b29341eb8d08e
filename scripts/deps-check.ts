// Architecture rules as a check that fails (npm run deps:check):
// - core/ imports only zod and core/*, and never touches process (env, argv...) or require;
// - the edges (bots, jobs, server, recorder, chain, llm) never import each other; media/ (ffmpeg
//   and frames) is a shared adapter library that any edge may use, like config/;
// - no import cycles anywhere.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const EDGES = ["bots", "jobs", "server", "recorder", "chain", "llm"];
const CORE_ALLOWED_PACKAGES = new Set(["zod"]);
const SKIP_DIRS = new Set(["node_modules", "generated", "data", ".git", "coverage"]);

export interface Violation {
  readonly file: string;
  readonly rule: "core-vendor-import" | "core-process-access" | "edge-to-edge" | "cycle";
  readonly detail: string;
}

function listSources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return SKIP_DIRS.has(name) ? [] : listSources(path);
    return /\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

function imports(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

function resolveLocal(from: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const base = resolve(dirname(from), specifier);
  const candidates = [
    base,
    base.replace(/\.js$/, ".ts"),
    base.replace(/\.mjs$/, ".mts"),
    `${base}.ts`,
    join(base, "index.ts"),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/** Finds identifiers `process` / `require` and `globalThis.process` in a core file. */
function processAccess(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && (node.text === "process" || node.text === "require")) {
      const parent = node.parent;
      const isPropertyName = parent && ts.isPropertyAccessExpression(parent) && parent.name === node;
      const isDeclarationName =
        parent && (ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === node;
      if (!isPropertyName && !isDeclarationName)
        found.push(`${node.text} at line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    }
    if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === "process" &&
      node.expression.getText() === "globalThis"
    )
      found.push(`globalThis.process at line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const topFolder = (root: string, file: string) => relative(root, file).split(sep)[0] ?? "";

export function checkDependencies(root: string): Violation[] {
  const files = ["core", ...EDGES, "media", "prisma", "config", "app", "scripts"].flatMap((d) =>
    listSources(join(root, d)),
  );
  const violations: Violation[] = [];
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const rel = relative(root, file);
    const top = topFolder(root, file);
    const edges: string[] = [];
    for (const spec of imports(file)) {
      const local = resolveLocal(file, spec);
      if (local) {
        edges.push(local);
        const target = topFolder(root, local);
        if (top === "core" && target !== "core")
          violations.push({ file: rel, rule: "core-vendor-import", detail: `imports ${spec} (outside core/)` });
        if (EDGES.includes(top) && EDGES.includes(target) && top !== target)
          violations.push({ file: rel, rule: "edge-to-edge", detail: `${top}/ imports ${target}/ (${spec})` });
      } else if (top === "core") {
        const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!;
        if (!CORE_ALLOWED_PACKAGES.has(pkg))
          violations.push({ file: rel, rule: "core-vendor-import", detail: `imports ${spec}` });
      }
    }
    if (top === "core")
      for (const access of processAccess(file))
        violations.push({ file: rel, rule: "core-process-access", detail: access });
    graph.set(file, edges);
  }
  for (const cycle of findCycles(graph))
    violations.push({
      file: relative(root, cycle[0]!),
      rule: "cycle",
      detail: cycle.map((f) => relative(root, f)).join(" -> "),
    });
  return violations;
}

function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, "visiting" | "done">();
  const cycles: string[][] = [];
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "visiting");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "visiting") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? ".");
  const violations = checkDependencies(root);
  for (const v of violations) console.error(`✗ ${v.rule}: ${v.file}: ${v.detail}`);
  console.log(
    violations.length
      ? `deps:check failed: ${violations.length} violation(s)`
      : "deps:check passed: core is pure, edges are independent, no cycles",
  );
  process.exit(violations.length ? 1 : 0);
}
